/**
 * Ingest: bytes to clean blocks, one `VFile` per document.
 */
import type {VFile} from 'vfile'
import {cleanBlocks} from './clean.js'
import {measureDamage} from './damage.js'
import {decode, DecodeError} from './decode.js'
import {blocksFromMarkdown} from './markdown.js'
import {blocksFromText} from './text.js'

/**
 * Decode a file whose `value` holds its bytes, in place: `file.value` becomes
 * NFC text, `file.data.format` and `file.data.damage` are set. A file that
 * cannot be read gets a fatal message and is left for the batch to skip.
 *
 * @param file
 *   File with bytes (or text) in `value`.
 * @returns
 *   Whether the file is usable.
 */
export function decodeFile(file: VFile): boolean {
  file.data.format = /\.(?:md|markdown)$/i.test(file.path ?? '') ? 'md' : 'txt'
  try {
    const bytes = typeof file.value === 'string' ? new TextEncoder().encode(file.value) : file.value
    const decoded = decode(bytes)
    file.value = decoded.value
    if (decoded.warning) file.message(decoded.warning, {ruleId: 'encoding', source: 'doichieu'})
  } catch (error) {
    const message = file.message(error instanceof Error ? error.message : String(error), {
      ruleId: error instanceof DecodeError ? error.ruleId : 'unreadable',
      source: 'doichieu',
      cause: error instanceof Error ? error : null
    })
    message.fatal = true
    return false
  }
  file.data.damage = measureDamage(String(file.value))
  return true
}

/**
 * Read a decoded file into clean blocks (`file.data.blocks`, `file.data.footnotes`).
 *
 * @param file
 *   Decoded file.
 */
export function readBlocks(file: VFile): void {
  const value = String(file.value)
  let markdown = file.data.format === 'md'
  const risk = markdown ? markdownRisk(value) : null
  if (risk) {
    file.message('Unexpected ' + risk + ', expected a document: read as plain text', {ruleId: 'markdown-too-deep', source: 'doichieu'})
    markdown = false
  }
  const raw = markdown ? blocksFromMarkdown(value) : blocksFromText(value)
  const {blocks, footnotes} = cleanBlocks(raw, file)
  file.data.blocks = blocks
  file.data.footnotes = footnotes
}

/** Deepest list or quote nesting a document plausibly has. */
const maxDepth = 8
/** Most list-item lines Markdown parsing takes before its cost grows too fast. */
const maxItems = 3000

/**
 * Why a Markdown text is too costly to parse (micromark's list handling
 * grows faster than linearly with nesting and list length, and deep
 * nesting overflows the stack), or null when it is fine.
 *
 * @param value
 *   Markdown.
 * @returns
 *   Reason, or null.
 */
function markdownRisk(value: string): string | null {
  let items = 0
  for (const line of value.split('\n')) {
    const lead = /^(?:\s*(?:>|(?:[-*+]|\d{1,9}[.)])(?=\s|$)))+/.exec(line)
    if (!lead) continue
    items++
    const depth = (lead[0].match(/[-*+>]|\d{1,9}[.)]/g) ?? []).length + Math.floor((/^\s*/.exec(line)?.[0].length ?? 0) / 2)
    if (depth > maxDepth) return 'Markdown nesting ' + depth + ' levels deep'
  }
  return items > maxItems ? 'Markdown with ' + items + ' list items' : null
}

export {decode, DecodeError} from './decode.js'
export {measureDamage} from './damage.js'
export {collapse, normalizeSpace, placeTone, toBareKey, toKey} from './normalize.js'
export {hasDiacritic, isSyllable, stripTone} from './syllable.js'
export {splitLines} from './text.js'
