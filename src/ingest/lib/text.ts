/**
 * Plain text (and OCR) to blocks: lines grouped into paragraphs, and lines
 * hard-wrapped at a fixed width joined back into their paragraph.
 */
import type {Block, Point} from '../../types.js'
import {block} from './markdown.js'
import {collapse} from './normalize.js'

/** A line that starts a new block even without a blank line before it. */
const opener =
  /^(?:[IVXLC]+\s*[.:]\s|\d+(?:\.\d+)+\.?\s|\d{1,2}\s*[.:]\s*\p{Lu}|[a-zđ]\)\s|[-–—•+*]\s+(?:\D|\d+\s*%)|\(\d+\)\s|\[bookmark:)/u
/** A line made only of a horizontal rule. */
const rule = /^\s*(?:-{3,}|_{3,}|\*{3,}|={3,})\s*$/

/** A line of the source with its place. */
interface Line {
  text: string
  start: Point
  end: Point
}

/**
 * Read plain text into blocks.
 *
 * @param value
 *   Text (NFC, `\n` line endings).
 * @returns
 *   Blocks in source order.
 */
export function blocksFromText(value: string): Block[] {
  const lines = splitLines(value)
  const width = wrapWidth(lines)
  const blocks: Block[] = []
  let current: Line[] = []
  const flush = (): void => {
    const first = current[0]
    const last = current.at(-1)
    if (first && last) {
      let joined = ''
      for (const [at, line] of current.entries()) joined += (at > 0 ? ' ' : '') + line.text.trim()
      const text = collapse(joined)
      blocks.push(block('text', text, first.start, last.end, null, null, []))
    }
    current = []
  }
  for (const line of lines) {
    const text = line.text.trim()
    if (!text) {
      flush()
      continue
    }
    if (rule.test(text)) {
      flush()
      blocks.push(block('rule', text, line.start, line.end, null, null, []))
      continue
    }
    const previous = current.at(-1)
    const full = previous !== undefined && width !== null && previous.text.trim().length >= width * 0.7
    if (!full || opener.test(text)) flush()
    current.push(line)
  }
  flush()
  return blocks
}

/**
 * Split text into lines with their places; leading white space is skipped so
 * that a block starts at its first character.
 *
 * @param value
 *   Text.
 * @returns
 *   Lines.
 */
export function splitLines(value: string): Line[] {
  const lines: Line[] = []
  let offset = 0
  let number = 1
  for (const text of value.split('\n')) {
    const indent = text.length - text.trimStart().length
    const end = text.trimEnd().length
    lines.push({
      text,
      start: {line: number, column: indent + 1, offset: offset + indent},
      end: {line: number, column: end + 1, offset: offset + end}
    })
    offset += text.length + 1
    number++
  }
  return lines
}

/**
 * Width at which the text was hard-wrapped, or null when lines are whole
 * paragraphs. OCR and fixed-width exports wrap at one width, so most long
 * lines end within a few characters of it.
 *
 * @param lines
 *   Lines.
 * @returns
 *   Width in characters, or null.
 */
function wrapWidth(lines: Line[]): number | null {
  const lengths: number[] = []
  for (const line of lines) {
    const length = line.text.trim().length
    if (length > 0) lengths.push(length)
  }
  lengths.sort((a, b) => a - b)
  if (lengths.length < 5) return null
  const high = lengths[Math.floor(lengths.length * 0.9)] ?? 0
  if (high > 160) return null
  const near = lengths.filter((length) => length >= high * 0.8).length
  return near >= lengths.length * 0.4 ? high : null
}
