/**
 * Normalisation for matching, never for display: callers keep the source text
 * and use these keys only to compare.
 */
import {growBuffer} from '../../util.js'

/** Combining tone marks (huyền, sắc, ngã, hỏi, nặng). */
const tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']
const toneSet = new Set(tones)
/** Letters that carry a vowel-quality mark and so take the tone first. */
const marked = new Set(['â', 'ă', 'ê', 'ô', 'ơ', 'ư'])
const vowels = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'])
const word = /[\p{L}\p{M}]+/gu

/**
 * Text in NFC with non-breaking and other odd spaces and tabs made plain
 * spaces, so that offsets stay the same length as the NFC text.
 */
export function normalizeSpace(value: string): string {
  return value.normalize('NFC').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, ' ')
}

/**
 * Text with each run of white space one space, and none at either end.
 *
 * @param value
 *   Text.
 * @returns
 *   Collapsed text.
 */
export function collapse(value: string): string {
  // Only runs that are not one space already change: most runs are.
  return value.replace(/[^\S ]\s*|\s{2,}/g, ' ').trim()
}

/**
 * Place a syllable's tone mark by one fixed rule (on the marked vowel, else on
 * the last vowel before a final consonant, else on the first of two vowels or
 * the middle of three), so that `hoà`/`hòa` and `uỷ`/`ủy` get the same key.
 */
export function placeTone(syllable: string): string {
  const decomposed = syllable.normalize('NFD')
  let tone = ''
  let bare = ''
  for (const char of decomposed) {
    if (toneSet.has(char)) tone = char
    else bare += char
  }
  if (!tone) return syllable.normalize('NFC')
  const letters = [...bare.normalize('NFC')]
  const lower = letters.map((letter) => letter.toLowerCase())
  let start = 0
  // `qu` and `gi` before another vowel belong to the onset.
  while (start < lower.length && !vowels.has(lower[start] ?? '')) start++
  if (start > 0 && lower[start - 1] === 'q' && lower[start] === 'u') start++
  if (start > 0 && lower[start - 1] === 'g' && lower[start] === 'i' && vowels.has(lower[start + 1] ?? '')) start++
  let end = start
  while (end < lower.length && vowels.has(lower[end] ?? '')) end++
  if (end === start) return syllable.normalize('NFC')
  const nucleus = lower.slice(start, end)
  let at = -1
  for (let index = nucleus.length - 1; index >= 0; index--) {
    if (marked.has(nucleus[index] ?? '')) {
      at = index
      // `ươ`, `ưu`: the tone sits on ơ, or on ư when it comes first of ưu.
      if (nucleus[index] === 'ơ' || nucleus[index] === 'ư') break
    }
  }
  if (at === -1) {
    const coda = end < lower.length
    if (nucleus.length === 1) at = 0
    else if (coda) at = nucleus.length - 1
    else if (nucleus.length === 2) at = 0
    else at = 1
  }
  const index = start + at
  letters[index] = ((letters[index] ?? '') + tone).normalize('NFC')
  return letters.join('').normalize('NFC')
}

/**
 * Canonical key of a text for matching: NFC, lower case, one tone placement,
 * plain spaces, single spaces, trimmed.
 */
export function toKey(value: string): string {
  return collapse(
    normalizeSpace(value)
      .toLowerCase()
      .replace(word, (token) => placeTone(token))
  )
}

/** A code unit that has not been met yet. */
const unknown = -1
/** A code unit that a bare key drops (a symbol OCR put inside a word). */
const dropped = -2
/** A code unit that separates words (space or punctuation). */
const separator = -3
/** A code unit to look up in {@link bareCache}: it becomes several characters. */
const several = -4
/**
 * What each UTF-16 code unit becomes in a bare key: the code of its one
 * letter or digit, or one of the classes above; filled in as units are met.
 */
const bareTable = new Int32Array(0x10000).fill(unknown)
/** Bare forms of code points that become several characters or lie outside the BMP. */
const bareCache = new Map<string, string>()
/**
 * Characters of the key being built, reused from call to call: keys are
 * built very often, and are ASCII (`a-z`, `0-9`, space), one byte each.
 */
let bareBytes: Uint8Array = new Uint8Array(1024)
/** Decoder of those bytes (ASCII reads the same in any 8-bit encoding). */
const ascii = new TextDecoder('latin1')

/**
 * Key with every diacritic removed (`đ` → `d`), for matching text that may be
 * OCR-damaged: symbols that OCR puts inside words (`CHU'C`, `nhi€ém`) are
 * dropped, punctuation becomes a space.
 *
 * It is the text in NFD without marks, `đ` as `d`, lower case, without the
 * characters that are neither letters and digits (`a-z0-9`) nor spaces and
 * punctuation, each run of spaces and punctuation one space, trimmed. Every
 * step but the last two works on each code point alone (NFD reorders only
 * marks, which go; lower case depends on context only for `Σ`, which goes),
 * so each code point's bare form is worked out once and looked up after:
 * matching runs it over every text many times.
 */
export function toBareKey(value: string): string {
  let length = 0
  // Runs of separators become one space, none at either end.
  let space = false
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index)
    let kind = bareTable[unit] ?? unknown
    let point: string | null = null
    if (unit >= 0xd800 && unit < 0xdc00 && ((value.charCodeAt(index + 1) || 0) & 0xfc00) === 0xdc00) {
      point = value.slice(index, index + 2)
      kind = several
      index++
    } else if (kind === unknown) {
      const form = barePoint(String.fromCharCode(unit))
      kind = form === '' ? dropped : form === ' ' ? separator : form.length === 1 ? form.charCodeAt(0) : several
      bareTable[unit] = kind
    }
    if (kind === dropped) continue
    if (kind === separator) {
      space = length > 0
      continue
    }
    if (kind !== several) {
      length = put(length, kind, space)
      space = false
      continue
    }
    point ??= String.fromCharCode(unit)
    let form = bareCache.get(point)
    if (form === undefined) {
      form = barePoint(point)
      bareCache.set(point, form)
    }
    for (let at = 0; at < form.length; at++) {
      const code = form.charCodeAt(at)
      if (code === 32) {
        space = length > 0
        continue
      }
      length = put(length, code, space)
      space = false
    }
  }
  // A word's key is quicker to concatenate, a paragraph's to decode at once.
  if (length > 48) return ascii.decode(bareBytes.subarray(0, length))
  let result = ''
  for (let index = 0; index < length; index++) result += String.fromCharCode(bareBytes[index] ?? 0)
  return result
}

/**
 * Write a character of a bare key into {@link bareBytes}, after the space
 * that a run of separators before it left pending.
 *
 * @param length
 *   Characters written so far.
 * @param code
 *   Character (`a-z`, `0-9`).
 * @param space
 *   Whether a space comes first.
 * @returns
 *   Characters written now.
 */
function put(length: number, code: number, space: boolean): number {
  if (length + 2 > bareBytes.length) bareBytes = growBuffer(bareBytes, length + 2)
  if (space) bareBytes[length++] = 32
  bareBytes[length++] = code
  return length
}

/**
 * Bare form of one code point: its letters and digits, a space for a space
 * or punctuation, nothing for anything else.
 *
 * @param point
 *   One code point.
 * @returns
 *   Bare form.
 */
function barePoint(point: string): string {
  let form = ''
  for (const char of point.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()) {
    form += /[a-z0-9]/.test(char) ? char : /[\s.,;:!?()[\]"“”/\\–—-]/.test(char) ? ' ' : ''
  }
  return form
}

/** Whether a character is a combining tone mark. */
export function isTone(char: string): boolean {
  return toneSet.has(char)
}
