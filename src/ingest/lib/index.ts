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
    file.value = decode(bytes).value
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
  const raw = file.data.format === 'md' ? blocksFromMarkdown(value) : blocksFromText(value)
  const {blocks, footnotes} = cleanBlocks(raw, file)
  file.data.blocks = blocks
  file.data.footnotes = footnotes
}

export {decode, DecodeError} from './decode.js'
export {measureDamage} from './damage.js'
export {normalizeSpace, placeTone, toBareKey, toKey} from './normalize.js'
export {hasDiacritic, isSyllable, stripTone} from './syllable.js'
export {splitLines} from './text.js'
