/**
 * Vietnamese syllable structure (onset + rhyme + tone), to tell a word that
 * can be Vietnamese from OCR debris.
 */
import syllables from '../data/syllables.json' with {type: 'json'}

const onsets = new Set(syllables.onsets)
const rhymes = new Set(syllables.rhymes)
const tonePattern = /[\u0300\u0301\u0303\u0309\u0323]/g
const longestOnset = Math.max(...syllables.onsets.map((onset) => onset.length))

/** Lower-case syllable without its tone mark, NFC. */
export function stripTone(value: string): string {
  return value.normalize('NFD').replace(tonePattern, '').normalize('NFC').toLowerCase()
}

/** Whether `value` (one token, any case, any tone placement) is a valid Vietnamese syllable. */
export function isSyllable(value: string): boolean {
  const bare = stripTone(value)
  if (!bare || bare.length > 8) return false
  for (let size = Math.min(longestOnset, bare.length); size >= 0; size--) {
    const onset = bare.slice(0, size)
    if (!onsets.has(onset)) continue
    const rhyme = bare.slice(size)
    if (rhymes.has(rhyme)) return true
    // `gi` and `qu` lend their vowel: `gì`, `giữ` read as g + i…, `quá` as qu + a.
    if (onset === 'gi' && (rhyme === '' || rhymes.has('i' + rhyme))) return true
  }
  return false
}

/** Whether a token carries any Vietnamese diacritic (tone, vowel mark, or đ). */
export function hasDiacritic(value: string): boolean {
  return /[^\u0000-\u007f]/.test(value.normalize('NFC'))
}
