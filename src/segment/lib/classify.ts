/**
 * Read a block's numbering: Roman parts, Arabic groups, decimal items, letter
 * points, bullets, sub-bullets and `*` headers. Typography never counts.
 */
import type {Block, NodeKind} from '../../types.js'

/** A block with its numbering read. */
export interface Classified {
  /** Kind of node the block opens. */
  kind: NodeKind
  /** Numbering as written. */
  num: string | null
  /** Numbering normalised. */
  numValue: string | null
  /** Text after the numbering. */
  rest: string
  /** Rank in the hierarchy: smaller is higher. */
  rank: number
}

const roman = /^([IVXLC]{1,6})\s*[.:]\s+(.*)$/su
const decimal = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.*)$/su
const arabic = /^(\d{1,2})\s*[.:]\s*(.*)$/su
const letter = /^([a-zđ])\)\s*(.*)$/su
const bullet = /^([-–—•])\s*(.*)$/su
const plus = /^(\+)\s*(.*)$/su
const star = /^(\*)\s*(.*)$/su

/** Ranks of the numbered kinds; paragraphs have none. */
export const ranks: Partial<Record<NodeKind, number>> = {part: 1, group: 2, item: 3, point: 4, header: 4.5, bullet: 5, subbullet: 6}

/**
 * Value of a Roman numeral, or 0 when it is not one.
 *
 * @param value
 *   Numeral.
 * @returns
 *   Value.
 */
export function romanValue(value: string): number {
  const digits: Record<string, number> = {I: 1, V: 5, X: 10, L: 50, C: 100}
  let total = 0
  for (let index = 0; index < value.length; index++) {
    const current = digits[value[index] ?? ''] ?? 0
    const next = digits[value[index + 1] ?? ''] ?? 0
    total += current < next ? -current : current
  }
  return toRoman(total) === value ? total : 0
}

/**
 * Roman numeral of a number.
 *
 * @param value
 *   Number from 1.
 * @returns
 *   Numeral.
 */
export function toRoman(value: number): string {
  const table: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
  let rest = value
  let result = ''
  for (const [size, numeral] of table) {
    while (rest >= size) {
      result += numeral
      rest -= size
    }
  }
  return result
}

/**
 * Classify a block by its numbering.
 *
 * @param block
 *   Block.
 * @returns
 *   Kind, numbering and the rest of the text.
 */
export function classify(block: Block): Classified {
  const text = block.text
  if (block.marker) {
    const marker = block.marker
    if (/^\d+[.)]$/.test(marker)) {
      return numbered('group', marker, marker.replace(/\D/g, ''), text)
    }
    if (marker === '+') return numbered('subbullet', marker, null, text)
    return numbered('bullet', marker, null, text)
  }
  let match = roman.exec(text)
  if (match && romanValue(match[1] ?? '') > 0) return numbered('part', text.slice(0, text.length - (match[2] ?? '').length).trim(), match[1] ?? '', match[2] ?? '')
  match = decimal.exec(text)
  if (match) {
    const value = match[1] ?? ''
    const classified = numbered('item', text.slice(0, text.length - (match[2] ?? '').length).trim(), value, match[2] ?? '')
    // Deeper decimals (1.1.1) sit below their parent item.
    classified.rank += (value.split('.').length - 2) * 0.1
    return classified
  }
  match = arabic.exec(text)
  if (match && match[2] !== undefined && !/^\d/.test(match[2])) {
    return numbered('group', text.slice(0, text.length - match[2].length).trim(), match[1] ?? '', match[2])
  }
  match = letter.exec(text)
  if (match) return numbered('point', text.slice(0, text.length - (match[2] ?? '').length).trim(), match[1] ?? '', match[2] ?? '')
  match = plus.exec(text)
  if (match) return numbered('subbullet', '+', null, match[2] ?? '')
  match = bullet.exec(text)
  if (match) return numbered('bullet', match[1] ?? '-', null, match[2] ?? '')
  match = star.exec(text)
  if (match) return numbered('header', '*', null, match[2] ?? '')
  return {kind: 'paragraph', num: null, numValue: null, rest: text, rank: Number.POSITIVE_INFINITY}
}

/**
 * Build a classification.
 *
 * @param kind
 *   Kind.
 * @param num
 *   Numbering as written.
 * @param numValue
 *   Normalised numbering.
 * @param rest
 *   Text after the numbering.
 * @returns
 *   Classification.
 */
function numbered(kind: NodeKind, num: string, numValue: string | null, rest: string): Classified {
  return {kind, num, numValue, rest: rest.trim(), rank: ranks[kind] ?? Number.POSITIVE_INFINITY}
}
