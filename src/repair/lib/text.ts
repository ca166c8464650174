/**
 * Spelling helpers for Vietnamese syllables: folding away diacritics, one
 * canonical tone-mark placement, and case patterns.
 */
import syllables from '../../ingest/data/syllables.json' with {type: 'json'}

/** How a token is capitalised. */
export type CasePattern = 'lower' | 'title' | 'upper'

const toneMarks = /[\u0300\u0301\u0303\u0309\u0323]/
const onsets = [...syllables.onsets].sort((a, b) => b.length - a.length)
const rhymes = new Set(syllables.rhymes)
const vowels = new Set([...'aăâeêioôơuưy'])
const marked = new Set([...'ăâêôơư'])
const foldCache = new Map<string, string>()
const canonicalCache = new Map<string, string>()

/**
 * Lower-case `value` with every diacritic removed and `đ` read as `d`: the
 * form that stripping damage leaves.
 *
 * @param value
 *   Token (NFC, any case).
 * @returns
 *   Folded token.
 */
export function fold(value: string): string {
  let result = foldCache.get(value)
  if (result === undefined) {
    result = value
      .toLowerCase()
      .replace(/đ/g, 'd')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
    if (foldCache.size < 200_000) foldCache.set(value, result)
  }
  return result
}

/**
 * Split a lower-case syllable into its toneless form and its tone mark.
 *
 * @param value
 *   Lower-case token, NFC.
 * @returns
 *   Toneless NFC form and the combining tone mark (`''` for level tone).
 */
function splitTone(value: string): {bare: string; tone: string} {
  const decomposed = value.normalize('NFD')
  const match = toneMarks.exec(decomposed)
  const tone = match ? match[0] : ''
  return {bare: decomposed.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC'), tone}
}

/**
 * Put the tone mark of a lower-case syllable where the traditional spelling
 * does (`hòa`, `thủy`, `khỏe`; `hoàn`, `người`), the placement most of the
 * corpus uses. Tokens that do not parse as a syllable come back unchanged.
 *
 * @param value
 *   Lower-case token, NFC.
 * @returns
 *   The same syllable with canonical tone placement, NFC.
 */
export function canonicalTone(value: string): string {
  let result = canonicalCache.get(value)
  if (result !== undefined) return result
  result = place(value)
  if (canonicalCache.size < 200_000) canonicalCache.set(value, result)
  return result
}

/**
 * @param value
 *   Lower-case token.
 * @returns
 *   Token with the tone on its canonical vowel.
 */
function place(value: string): string {
  const {bare, tone} = splitTone(value)
  if (!tone) return value
  const parts = parse(bare)
  if (!parts) return value
  const {onset, rhyme} = parts
  let nucleus = 0
  while (nucleus < rhyme.length && vowels.has(rhyme.charAt(nucleus))) nucleus++
  const vowelRun = rhyme.slice(0, nucleus)
  const final = rhyme.slice(nucleus)
  if (vowelRun.length === 0) return value
  let index = -1
  for (let position = 0; position < vowelRun.length; position++) {
    // `ươ`: the second marked vowel takes the tone.
    if (marked.has(vowelRun.charAt(position))) index = position
  }
  if (index < 0) {
    if (vowelRun.length === 1) index = 0
    else if (final) index = vowelRun.length - 1
    else if (vowelRun.length === 3) index = 1
    else index = 0
  }
  const chars = [...vowelRun]
  chars[index] = (chars[index] + tone).normalize('NFC')
  return (onset + chars.join('') + final).normalize('NFC')
}

/**
 * @param bare
 *   Toneless lower-case syllable.
 * @returns
 *   Onset and rhyme, or `undefined` when it is not a syllable.
 */
function parse(bare: string): {onset: string; rhyme: string} | undefined {
  for (const onset of onsets) {
    if (!bare.startsWith(onset)) continue
    const rhyme = bare.slice(onset.length)
    if (onset === 'gi' && (rhyme === '' || !vowels.has(rhyme.charAt(0)))) {
      // `gì`, `gìn`: the `i` of `gi` is the vowel.
      return {onset: 'g', rhyme: 'i' + rhyme}
    }
    if (rhymes.has(rhyme)) return {onset, rhyme}
  }
  return undefined
}

/**
 * How `value` is capitalised: all upper case (two or more letters), a
 * leading capital, or lower case.
 *
 * @param value
 *   Token.
 * @returns
 *   Case pattern.
 */
export function casePattern(value: string): CasePattern {
  const lowered = value.toLowerCase()
  if (value === lowered) return 'lower'
  let upper = 0
  let lower = 0
  let first: boolean | undefined
  for (const char of value) {
    const isUpper = char !== char.toLowerCase()
    const isLower = char !== char.toUpperCase()
    if (!isUpper && !isLower) continue
    if (first === undefined) first = isUpper
    if (isUpper) upper++
    else lower++
  }
  if (upper >= 2 && upper > lower) return 'upper'
  return first ? 'title' : 'lower'
}

/**
 * Write a lower-case `value` in the case pattern `pattern`.
 *
 * @param value
 *   Lower-case token.
 * @param pattern
 *   Case pattern to apply.
 * @returns
 *   Cased token.
 */
export function applyCase(value: string, pattern: CasePattern): string {
  if (pattern === 'upper') return value.toUpperCase()
  if (pattern === 'title') return value.charAt(0).toUpperCase() + value.slice(1)
  return value
}

/**
 * Remove every diacritic from a text, keeping case (`Đảng` → `Dang`): the
 * damage of text typed or converted without Vietnamese marks.
 *
 * @param value
 *   Text.
 * @returns
 *   NFC text with ASCII letters in place of Vietnamese ones.
 */
export function stripDiacritics(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC')
}
