/**
 * Normalisation for matching, never for display: callers keep the source text
 * and use these keys only to compare.
 */

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
  return normalizeSpace(value)
    .toLowerCase()
    .replace(word, (token) => placeTone(token))
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Key with every diacritic removed (`đ` → `d`), for matching text that may be
 * OCR-damaged: symbols that OCR puts inside words (`CHU'C`, `nhi€ém`) are
 * dropped, punctuation becomes a space.
 */
export function toBareKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9\s.,;:!?()[\]"“”/\\–—-]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Whether a character is a combining tone mark. */
export function isTone(char: string): boolean {
  return toneSet.has(char)
}
