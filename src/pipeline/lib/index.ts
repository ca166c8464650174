/**
 * The per-document pipeline: pure stages chained on one `VFile`. A stage that
 * throws turns into a fatal message on the file; the caller's batch goes on.
 */
import type {VFile} from 'vfile'
import {alignDocument, type Reference} from '../../align/index.js'
import {extract} from '../../extract/index.js'
import {decodeFile, readBlocks} from '../../ingest/index.js'
import {type RepairModel, repairText} from '../../repair/index.js'
import {segment} from '../../segment/index.js'
import type {Meta} from '../../types.js'

/** Options for {@link processFile}. */
export interface ProcessOptions {
  /** File whose `value` holds the bytes (or text) of a document. */
  file: VFile
  /** Metadata that a sidecar supplies or corrects. */
  meta?: Partial<Meta> | null
  /**
   * Repair model for OCR-damaged text, asked for only when the text is
   * damaged (training is not free); null to leave damaged text as it is.
   */
  repair?: (() => RepairModel | null) | null
  /** Framework to align with; null or absent to skip alignment. */
  reference?: Reference | null
  /** Milliseconds per stage, filled in when given. */
  timings?: Record<string, number>
}

/**
 * Run a document through ingest, repair (when damaged), segment, extract
 * and align.
 *
 * @param options
 *   File, sidecar metadata, repair model, framework.
 * @returns
 *   The same file, with its data set, or with a fatal message.
 */
export function processFile(options: ProcessOptions): VFile {
  const {file} = options
  const time = <T>(stage: string, work: () => T): T => {
    const start = performance.now()
    try {
      return work()
    } finally {
      if (options.timings) options.timings[stage] = (options.timings[stage] ?? 0) + performance.now() - start
    }
  }
  try {
    if (!time('decode', () => decodeFile(file))) return file
    if (file.data.damage?.damaged) {
      const model = options.repair ? time('train', () => options.repair?.() ?? null) : null
      if (model) {
        const result = time('repair', () => repairText({value: String(file.value), model, file, messages: 'low'}))
        file.data.repair = {source: String(file.value), changes: result.changes, syllables: result.syllables}
        file.value = result.value
      }
    }
    time('ingest', () => readBlocks(file))
    const tree = time('segment', () => segment(file))
    if (options.meta && file.data.meta) file.data.meta = {...file.data.meta, ...options.meta}
    const meta = file.data.meta ?? null
    const records = time('extract', () => extract({tree, meta, file}))
    file.data.extract = records
    const reference = options.reference
    // Each document is aligned on its own (a model of the framework and of
    // this document only), so its result never depends on the others.
    if (reference) file.data.alignment = time('align', () => alignDocument({tree, extract: records, reference, meta}))
  } catch (error) {
    const message = file.message('Cannot process file: ' + (error instanceof Error ? error.message : String(error)), {
      ruleId: 'crash',
      source: 'doichieu',
      cause: error instanceof Error ? error : null
    })
    message.fatal = true
  }
  return file
}

/**
 * Whether a file carries a fatal message.
 *
 * @param file
 *   File.
 * @returns
 *   Whether it failed.
 */
export function failed(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}
