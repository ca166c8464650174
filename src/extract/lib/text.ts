/**
 * Text helpers shared by the extractors: a diacritic-free key that keeps
 * every offset of the text (so a match on the key is a span of the source
 * text), patterns built from data phrases, masking of numbers that are not
 * figures, sentence and inline-item splitting, and the source line of a
 * span.
 */
import type {VFile} from 'vfile'
import {toBareKey} from '../../ingest/index.js'
import {growBuffer} from '../../util.js'
import type {DocNode} from '../../types.js'

/**
 * What each UTF-16 code unit folds to, filled in as units are met (0: not
 * yet known). Every unit folds to exactly one unit, which keeps the key as
 * long as the text.
 */
const foldTable = new Uint16Array(0x10000)
/** Code units of the key being built, reused from call to call: keys are built very often. */
let foldUnits: Uint16Array = new Uint16Array(1024)
/** Decoder of those units, in the byte order of the platform's typed arrays. */
const utf16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', {ignoreBOM: true})
/** Code units folded per `String.fromCharCode` call, well under any argument limit. */
const foldChunk = 4096

/**
 * Diacritic-free, lower-case key of a text with the same length as the text:
 * each letter becomes its `toBareKey` letter (`Ủ` → `u`, `Đ` → `d`), odd
 * spaces become plain spaces, every other character stays. Matching on it
 * is OCR- and tone-placement-tolerant, and a match's offsets are offsets of
 * the text, so output keeps the source's spelling. Units fold one by one, so
 * the key of a slice or a join is the slice or join of the keys: a text is
 * folded once and its key shared by every extractor.
 *
 * @param value
 *   Text (NFC).
 * @returns
 *   Key of the same length.
 */
export function fold(value: string): string {
  // A short key is quicker to concatenate, a long one to decode at once,
  // unless it holds surrogates, which a decoder does not keep when unpaired.
  if (value.length <= 24) {
    let result = ''
    for (let index = 0; index < value.length; index++) result += String.fromCharCode(foldAt(value, index))
    return result
  }
  if (foldUnits.length < value.length) foldUnits = growBuffer(foldUnits, value.length)
  let surrogates = false
  for (let index = 0; index < value.length; index++) {
    const folded = foldAt(value, index)
    if ((folded & 0xf800) === 0xd800) surrogates = true
    foldUnits[index] = folded
  }
  if (!surrogates) return utf16.decode(foldUnits.subarray(0, value.length))
  let result = ''
  for (let start = 0; start < value.length; start += foldChunk) {
    result += String.fromCharCode(...foldUnits.subarray(start, Math.min(value.length, start + foldChunk)))
  }
  return result
}

/**
 * What the code unit at a place folds to.
 *
 * @param value
 *   Text.
 * @param index
 *   Place.
 * @returns
 *   Code unit.
 */
function foldAt(value: string, index: number): number {
  const code = value.charCodeAt(index)
  let folded = foldTable[code] ?? 0
  if (folded === 0) {
    folded = foldUnit(value.charAt(index)).charCodeAt(0)
    foldTable[code] = folded
  }
  return folded
}

/**
 * What one code unit folds to (see {@link fold}).
 *
 * @param char
 *   One UTF-16 code unit.
 * @returns
 *   One code unit.
 */
function foldUnit(char: string): string {
  if (/\s/.test(char)) return ' '
  const bare = /[\p{L}\p{N}]/u.test(char) ? toBareKey(char) : ''
  const lower = char.toLowerCase()
  return bare.length === 1 ? bare : lower.length === 1 ? lower : char
}

/** Characters that may stand between the words of a phrase. */
export const gap = '[^a-z0-9%()]+'

/**
 * Regular expression source for a phrase: its `toBareKey` words joined by
 * any run of spaces or punctuation, with `và` optional between them (so
 * `huyện ủy, thị ủy và thành ủy` matches `huyện ủy, thị ủy, thành ủy`).
 *
 * @param phrase
 *   Phrase as written in a data file.
 * @returns
 *   Pattern source, without boundaries.
 */
export function phraseSource(phrase: string): string {
  const symbols = phrase.trim()
  // Punctuation-only phrases (`-`) are matched literally.
  if (!/[\p{L}\p{N}]/u.test(symbols)) return escape(symbols)
  return toBareKey(phrase)
    .split(' ')
    .filter(Boolean)
    .map((word) => escape(word))
    .join(gap + '(?:va' + gap + ')?')
}

/**
 * Alternation of phrases, longest first so that the longest one wins at a
 * place, wrapped in word boundaries.
 *
 * @param phrases
 *   Phrases.
 * @returns
 *   Pattern source.
 */
export function alternation(phrases: string[]): string {
  const sources = [...new Set(phrases.map((phrase) => phraseSource(phrase)))].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
  return '(?<![a-z0-9])(?:' + sources.join('|') + ')(?![a-z0-9])'
}

/**
 * Escape a string for a regular expression.
 *
 * @param value
 *   String.
 * @returns
 *   Escaped.
 */
export function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/**
 * Spans that hold numbers which are never figures: document codes
 * (`28-NQ/TW`, `18, 19-NQ/TW`, `108/2014/NĐ-CP`), dates, years, inline
 * numbering and footnote anchors (`(1)`), decimal numbering (`2.3.`, `4.0`),
 * `Trung ương 4`, `lần thứ 4`. A word's start is the lookbehind
 * `(?<![A-Za-z0-9_\u017F\u212A])`, which is what `\b` means before a letter
 * under the `iu` flags: V8 searches a leading `\b` many times more slowly.
 */
const masks: RegExp[] = [
  /\d{1,4}(?:\s*,\s*\d{1,4})*\s*-\s*[\p{Lu}][\p{Lu}\p{Ll}]{0,4}\s*\/\s*[\p{Lu}]{2,4}/gu,
  /\d+\s*\/\s*\d{4}\s*\/\s*[\p{Lu}][\p{Lu}-]*/gu,
  /\d+\s*\/\s*[\p{Lu}]{1,6}(?:-[\p{Lu}\p{Ll}]{1,6})+/gu,
  /\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{2,4}/gu,
  /(?<![\d.,])\d{1,2}\s*\/\s*\d{4}(?!\d)/gu,
  /(?<![A-Za-z0-9_\u017F\u212A])(?:ngày|ngay)\s+\d{1,2}\s+(?:tháng|thang)\s+\d{1,2}\s+(?:năm|nam)\s+\d{4}/giu,
  /(?<![A-Za-z0-9_\u017F\u212A])(?:tháng|thang)\s+\d{1,2}(?!\d)/giu,
  /(?<![\d.,])(?:19|20)\d{2}(?![\d%])(?!\s*%)/gu,
  /\(\s*\d{1,3}\s*\)/gu,
  /(?<![\d,.])\d{1,2}(?:\.\d{1,2})+\.?(?!\d)(?!\s*%)/gu,
  /(?<![A-Za-z0-9_\u017F\u212A])(?:trung ương|trung uong|lần thứ|lan thu|khóa|khoá|khoa|thứ|thu)\s+\d{1,3}(?!\d)/giu
]

/**
 * Key of a text with every number that is not a figure blanked: its places
 * are found in the text (the masks read capitals and tone marks), and
 * spaces put there in the key, which keeps its length. Each mask is matched
 * on the text as the masks before it left it. The same as folding the text
 * masked, without folding it again.
 *
 * @param value
 *   Text.
 * @param key
 *   Its folded key.
 * @returns
 *   Masked key.
 */
export function maskNumbers(value: string, key: string): string {
  // Every mask holds a digit.
  if (!/\d/.test(value)) return key
  let text = value
  let result = key
  for (const mask of masks) {
    // An `exec` loop is quicker here than `replace` with a function, and
    // skips a mask that does not match at once. No mask matches an empty
    // string, so the loop ends.
    mask.lastIndex = 0
    let match = mask.exec(text)
    if (!match) continue
    let last = 0
    let maskedText = ''
    let maskedKey = ''
    while (match) {
      const blank = ' '.repeat(match[0].length)
      maskedText += text.slice(last, match.index) + blank
      maskedKey += result.slice(last, match.index) + blank
      last = match.index + match[0].length
      match = mask.exec(text)
    }
    text = maskedText + text.slice(last)
    result = maskedKey + result.slice(last)
  }
  return result
}

/**
 * A sentence break: white space after `.`, `!`, `?` or `…` (and closing
 * quotes or parentheses), before a capital or `(` and a digit. The
 * punctuation is matched, not looked behind at: the search then skips to
 * punctuation, many times quicker.
 */
const boundary = /[.!?…]["”’)]*(\s+)(?=["“‘(]?\p{Lu}|\(\d)/gu

/** A span of a statement's text. */
export interface Span {
  /** Start offset in the statement's text. */
  start: number
  /** End offset (exclusive). */
  end: number
}

/**
 * Sentences of a text: breaks after `.`, `!`, `?` or `…` (and closing
 * quotes or parentheses) before an upper-case letter, a quote, or an opening
 * parenthesis with a digit. Spans exclude the spaces between sentences.
 *
 * @param value
 *   Text.
 * @returns
 *   Spans, in order, covering every non-space character.
 */
export function sentences(value: string): Span[] {
  const spans: Span[] = []
  let start = 0
  for (const match of value.matchAll(boundary)) {
    // The break is the white space after the punctuation.
    const space = match[1] ?? ''
    const index = (match.index ?? 0) + match[0].length - space.length
    // `./.` ends a document; `số 28-NQ/TW.` ends a sentence; `TP.` would not, but
    // abbreviations with a period are rare in these documents.
    if (index > start) spans.push(trimSpan(value, {start, end: index}))
    start = index + space.length
  }
  if (start < value.length) spans.push(trimSpan(value, {start, end: value.length}))
  return spans.filter((span) => span.end > span.start)
}

/** An inline numbered item of a paragraph (`(3) Từ 8-10% …`). */
export interface InlineItem extends Span {
  /** Its label as written (`(3)`). */
  label: string
}

/**
 * Inline numbered items of a text that lists them one after the other
 * (`(1) … (2) … (3) …`): only when the text starts with `(1)` and the numbers
 * follow in order, so footnote anchors glued to a word (`cấp huyện(1)`) and
 * stray parentheses never split.
 *
 * @param value
 *   Text.
 * @returns
 *   Items, or an empty list when the text is not such a list.
 */
export function inlineItems(value: string): InlineItem[] {
  // The list opens the text: most texts do not even start with a parenthesis.
  if (!/^\s*\(/.test(value)) return []
  const marks: Array<{index: number; label: string; number: number}> = []
  for (const match of value.matchAll(/(?<=^|[\s.;:])\((\d{1,2})\)\s/gu)) {
    marks.push({index: match.index ?? 0, label: '(' + (match[1] ?? '') + ')', number: Number(match[1])})
  }
  const first = marks[0]
  if (!first || first.number !== 1 || value.slice(0, first.index).trim() !== '') return []
  const ordered: typeof marks = []
  for (const mark of marks) {
    if (mark.number === (ordered.at(-1)?.number ?? 0) + 1) ordered.push(mark)
  }
  if (ordered.length < 2) return []
  return ordered.map((mark, index) => {
    const next = ordered[index + 1]
    const span = trimSpan(value, {start: mark.index, end: next ? next.index : value.length})
    return {...span, label: mark.label}
  })
}

/**
 * Span without the spaces at either end.
 *
 * @param value
 *   Text.
 * @param span
 *   Span.
 * @returns
 *   Trimmed span.
 */
export function trimSpan(value: string, span: Span): Span {
  let {start, end} = span
  while (start < end && /\s/.test(value.charAt(start))) start++
  while (end > start && /\s/.test(value.charAt(end - 1))) end--
  return {start, end}
}

/**
 * Whether a character code is one of a bare key's word characters (`a`–`z`,
 * `0`–`9`): scans test codes, not one-character strings.
 *
 * @param code
 *   UTF-16 code unit.
 * @returns
 *   Whether it is.
 */
export function isKeyCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57)
}

/**
 * Words (runs of letters and digits) of a folded text, as the start and end
 * of each in turn: no word is copied out of the text.
 *
 * @param key
 *   Folded text.
 * @returns
 *   Bounds, two numbers a word.
 */
function wordBounds(key: string): number[] {
  const bounds: number[] = []
  let start = -1
  for (let index = 0; index <= key.length; index++) {
    const code = index < key.length ? key.charCodeAt(index) : 0
    if (isKeyCode(code)) {
      if (start === -1) start = index
    } else if (start !== -1) {
      bounds.push(start, index)
      start = -1
    }
  }
  return bounds
}

/** Words of a node's source, and of its statements met so far. */
interface NodeWords {
  /** Folded source of the node. */
  key: string
  /** Bounds of its words. */
  bounds: number[]
  /** Places of each source word, made only when a search near the expected place fails. */
  places: Map<string, number[]> | null
  /** Bounds of the words of each folded statement of the node. */
  statements: Map<string, number[]>
}

/** How far from where a word sits in the display text its source place is first looked for. */
const near = 16

/**
 * Finds source lines of spans of a node's display text. The display text
 * joins wrapped lines and drops layout marks, so a span is found in the
 * source by its words rather than by its offset.
 */
export class Locator {
  /** Source text, or null when there is no file. */
  private readonly source: string | null
  /** Offsets where lines start. */
  private readonly starts: number[]
  /** Number of lines. */
  readonly lines: number
  /** Source and statement words of the nodes seen so far. */
  private readonly nodes = new WeakMap<DocNode, NodeWords>()

  /**
   * @param file
   *   File the tree was built from, if any.
   */
  constructor(file: VFile | undefined) {
    this.source = file && typeof file.value === 'string' ? file.value : file ? String(file.value) : null
    this.starts = [0]
    if (this.source !== null) {
      for (let index = 0; index < this.source.length; index++) {
        if (this.source.charCodeAt(index) === 10) this.starts.push(index + 1)
      }
    }
    this.lines = this.starts.length
  }

  /**
   * Source line of a span of a statement of a node.
   *
   * @param node
   *   Node.
   * @param key
   *   Folded display text of the statement (the node's heading or text, or a join of them).
   * @param offset
   *   Offset of the span in it.
   * @returns
   *   Line, from 1; the node's line when the span cannot be placed.
   */
  line(node: DocNode, key: string, offset: number): number {
    if (this.source === null) return node.line
    const source = this.sourceOf(node)
    let text = source.statements.get(key)
    if (!text) {
      text = wordBounds(key)
      source.statements.set(key, text)
    }
    const count = text.length / 2
    if (count === 0 || source.bounds.length === 0) return this.clamp(node.line)
    // The word the span starts in (or the last one).
    let low = 0
    let high = count - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((text[2 * middle + 1] ?? 0) > offset) high = middle
      else low = middle + 1
    }
    const at = low
    let tried = 0
    for (const size of [6, 4, 2, 1]) {
      // Near the end a needle is cut short: one already tried fails again.
      const length = Math.min(size, count - at)
      if (length === tried) continue
      tried = length
      const best = this.place(source, key, text, at, length)
      if (best !== -1) return this.lineAt(node.position.start.offset + (source.bounds[2 * best] ?? 0))
    }
    return this.clamp(node.line)
  }

  /**
   * Source word where the display words from `at` (a needle of `size`)
   * occur, nearest to `at`, the later one on a tie.
   *
   * @param source
   *   The node's words.
   * @param key
   *   Folded display text.
   * @param text
   *   Bounds of its words.
   * @param at
   *   First display word of the needle.
   * @param size
   *   Words in the needle.
   * @returns
   *   Index of the source word, or -1.
   */
  private place(source: NodeWords, key: string, text: number[], at: number, size: number): number {
    const {key: folded, bounds} = source
    /** Whether source word `index` equals display word `word`. */
    const same = (index: number, word: number): boolean => {
      const start = bounds[2 * index] ?? 0
      const from = text[2 * word] ?? 0
      const length = (text[2 * word + 1] ?? 0) - from
      if ((bounds[2 * index + 1] ?? 0) - start !== length) return false
      for (let shift = 0; shift < length; shift++) if (folded.charCodeAt(start + shift) !== key.charCodeAt(from + shift)) return false
      return true
    }
    /** Whether the needle occurs from source word `index`. */
    const matches = (index: number): boolean => {
      for (let shift = 0; shift < size; shift++) if (index + shift >= bounds.length / 2 || !same(index + shift, at + shift)) return false
      return true
    }
    // The source mostly has the same words as the display text, a few
    // (numbering, markers) before them: look at the nearest places first,
    // outwards, the later one first at the same distance.
    for (let distance = 0; distance <= near; distance++) {
      if (matches(at + distance)) return at + distance
      if (distance > 0 && at - distance >= 0 && matches(at - distance)) return at - distance
    }
    // Then at every place of the first word, in the same order: places are
    // in order, so a word that repeats thousands of times costs a few
    // comparisons, not thousands.
    const places = this.placesOf(source).get(key.slice(text[2 * at], text[2 * at + 1])) ?? []
    let right = 0
    let left = places.length
    while (right < left) {
      const middle = (right + left) >> 1
      if ((places[middle] ?? 0) < at) right = middle + 1
      else left = middle
    }
    left = right - 1
    while (left >= 0 || right < places.length) {
      const before = left >= 0 ? (places[left] ?? -1) : -1
      const after = right < places.length ? (places[right] ?? -1) : -1
      if (after !== -1 && (before === -1 || after - at <= at - before)) {
        if (matches(after)) return after
        right++
      } else {
        if (matches(before)) return before
        left--
      }
    }
    return -1
  }

  /**
   * Words of a node's source, computed once per node.
   *
   * @param node
   *   Node.
   * @returns
   *   Its words.
   */
  private sourceOf(node: DocNode): NodeWords {
    let found = this.nodes.get(node)
    if (!found) {
      const start = node.position.start.offset
      const end = Math.max(start, node.position.end.offset)
      const key = fold((this.source ?? '').slice(start, end))
      found = {key, bounds: wordBounds(key), places: null, statements: new Map()}
      this.nodes.set(node, found)
    }
    return found
  }

  /**
   * Places of each word of a node's source, made once per node when needed.
   *
   * @param source
   *   The node's words.
   * @returns
   *   Indices of the source words, by word.
   */
  private placesOf(source: NodeWords): Map<string, number[]> {
    if (!source.places) {
      const places = new Map<string, number[]>()
      for (let index = 0; index < source.bounds.length / 2; index++) {
        const word = source.key.slice(source.bounds[2 * index], source.bounds[2 * index + 1])
        const list = places.get(word)
        if (list) list.push(index)
        else places.set(word, [index])
      }
      source.places = places
    }
    return source.places
  }

  /**
   * Line of a source offset.
   *
   * @param offset
   *   Offset.
   * @returns
   *   Line, from 1.
   */
  private lineAt(offset: number): number {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((this.starts[middle] ?? 0) <= offset) low = middle
      else high = middle - 1
    }
    return low + 1
  }

  /**
   * A line kept inside the text.
   *
   * @param line
   *   Line.
   * @returns
   *   Line between 1 and the number of lines (any line from 1 without a file).
   */
  private clamp(line: number): number {
    if (this.source === null) return Math.max(1, line)
    return Math.min(Math.max(1, line), this.lines)
  }
}

/**
 * Text with its trailing punctuation, spaces and dangling connectors
 * (`và`, `,`) removed.
 *
 * @param value
 *   Text.
 * @returns
 *   Trimmed text.
 */
export function tidy(value: string): string {
  let result = value.trim()
  let previous = ''
  while (previous !== result) {
    previous = result
    result = result
      .replace(/[\s,;:.\-–—/]+$/u, '')
      .replace(/^[\s,;:.\-–—/)]+/u, '')
      .replace(/\s+(?:và|va|hoặc|hoac|trong đó|trong do|có|co|đạt|dat)$/iu, '')
      .trim()
  }
  return result
}
