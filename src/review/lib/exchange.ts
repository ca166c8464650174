/**
 * The JSON form of decisions that `doichieu decisions export` writes and
 * `import` reads, so decisions move between machines and into version
 * control.
 */
import {compareDecisions, DecisionError, parseDecision} from './decision.js'
import type {Decision} from './types.js'

/** Value of the `format` field. */
export const exchangeFormat = 'doichieu-decisions'

/** Version of the export format. */
export const exchangeVersion = 1

/** An export file. */
export interface DecisionExport {
  /** Always `doichieu-decisions`. */
  format: typeof exchangeFormat
  /** Format version. */
  version: typeof exchangeVersion
  /** Every decision, oldest first (by time, then id). */
  decisions: Decision[]
}

/**
 * The export of some decisions: the full history, oldest first, so the same
 * database always exports the same bytes.
 *
 * @param decisions
 *   Decisions.
 * @returns
 *   Export object.
 */
export function toExport(decisions: readonly Decision[]): DecisionExport {
  const sorted = [...decisions].sort(compareDecisions).map((decision) => ({
    id: decision.id,
    document: decision.document,
    kind: decision.kind,
    target: decision.target,
    context: decision.context,
    old: decision.old,
    value: decision.value,
    author: decision.author,
    at: decision.at,
    comment: decision.comment
  }))
  return {format: exchangeFormat, version: exchangeVersion, decisions: sorted}
}

/**
 * Read an export file.
 *
 * @param text
 *   File contents.
 * @returns
 *   Decisions, validated.
 * @throws {DecisionError}
 *   When the file is not an export or a decision is malformed; the message
 *   names the decision (`decisions[3]`).
 */
export function parseExport(text: string): Decision[] {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new DecisionError('Unexpected invalid JSON: ' + (error instanceof Error ? error.message : String(error)), 'Tệp không phải JSON hợp lệ')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecisionError('Unexpected ' + (Array.isArray(value) ? 'array' : typeof value) + ', expected an object with `format: "' + exchangeFormat + '"`', 'Tệp không đúng định dạng xuất quyết định')
  }
  const record = value as Record<string, unknown>
  if (record.format !== exchangeFormat) {
    throw new DecisionError('Unexpected format `' + String(record.format) + '`, expected `' + exchangeFormat + '`', 'Tệp không đúng định dạng xuất quyết định')
  }
  if (record.version !== exchangeVersion) {
    throw new DecisionError('Unexpected version `' + String(record.version) + '`, expected ' + exchangeVersion, 'Phiên bản định dạng không được hỗ trợ')
  }
  if (!Array.isArray(record.decisions)) {
    throw new DecisionError('Unexpected `decisions`, expected an array', 'Thiếu danh sách `decisions`')
  }
  return record.decisions.map((item: unknown, index: number) => {
    try {
      return parseDecision(item)
    } catch (error) {
      if (error instanceof DecisionError) throw new DecisionError('decisions[' + index + ']: ' + error.message, 'decisions[' + index + ']: ' + error.vi)
      throw error
    }
  })
}
