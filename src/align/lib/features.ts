/**
 * Text to matching features: syllables and syllable bigrams on the
 * diacritic-free key (`toBareKey`), so that tone-mark variants, Unicode forms
 * and OCR that lost its diacritics all meet in one space; the source's words
 * are kept beside each feature so that evidence reads as written.
 */
import {hasDiacritic, toBareKey, toKey} from '../../ingest/index.js'
import stopwords from '../data/stopwords.json' with {type: 'json'}

/** One word of a text: its diacritic-free key and its surface form. */
export interface Token {
  /** Key without diacritics (`kiem`). */
  bare: string
  /** The word as written, lower case (`kiểm`). */
  surface: string
  /** Whether it is a function word. */
  stop: boolean
  /** Whether only spaces separate it from the previous token (no comma, stop, bracket). */
  joined: boolean
}

/** Sparse vector: feature → weight. */
export type Vector = Map<string, number>

const keyedStops = new Set(stopwords.words.map((word) => toKey(word)))
const bareStops = new Set(stopwords.bare)
/** Whether a surface word is a function word, remembered: `toKey` is slow and words repeat. */
const stopCache = new Map<string, boolean>()
const word = /[\p{L}\p{M}\p{N}]+/gu

/**
 * Words of a text.
 *
 * @param value
 *   Text (clean or OCR-damaged).
 * @returns
 *   Tokens in order.
 */
export function tokenize(value: string): Token[] {
  const tokens: Token[] = []
  const text = value.normalize('NFC')
  let end = 0
  for (const match of text.matchAll(word)) {
    const surface = match[0].toLowerCase()
    let joined = /^\s*$/.test(text.slice(end, match.index))
    end = match.index + match[0].length
    // OCR glues symbols into words (`CHU'C`): the bare key may split in two.
    for (const bare of toBareKey(surface).split(' ')) {
      if (!bare) continue
      const stop = isStop(surface, bare)
      tokens.push({bare, surface, stop, joined})
      joined = true
    }
  }
  return tokens
}

/**
 * Whether a word is a function word: a word that kept its diacritics is
 * judged by its full form, a bare one only by the bare forms that collide
 * with nothing topical.
 *
 * @param surface
 *   Word as written, lower case.
 * @param bare
 *   Its bare key.
 * @returns
 *   Whether it is.
 */
function isStop(surface: string, bare: string): boolean {
  if (!hasDiacritic(surface)) return bareStops.has(bare)
  let stop = stopCache.get(surface)
  if (stop === undefined) {
    stop = keyedStops.has(toKey(surface))
    if (stopCache.size < 100_000) stopCache.set(surface, stop)
  }
  return stop
}

/**
 * Features of a token sequence: content syllables (not function words, not
 * bare numbers) and bigrams of adjacent content syllables.
 *
 * @param tokens
 *   Tokens.
 * @returns
 *   Features, with repeats (term frequency counts them).
 */
export function features(tokens: Token[]): string[] {
  const result: string[] = []
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (!token || token.stop) continue
    // Years and item numbers say nothing about a topic alone; in a bigram
    // (`08 qdi`, from `08-QĐi/TW`) they name a regulation, which does.
    if (!/^\d+$/.test(token.bare)) result.push(token.bare)
    // A pair never spans punctuation: `lãnh đạo. Tăng cường` is no term.
    const next = tokens[index + 1]
    if (next && !next.stop && next.joined) result.push(token.bare + ' ' + next.bare)
  }
  return result
}

/**
 * Surface form of each feature in a token sequence (the first occurrence),
 * to show evidence as the source writes it.
 *
 * @param tokens
 *   Tokens.
 * @returns
 *   Feature → surface text.
 */
export function surfaces(tokens: Token[]): Map<string, string> {
  const map = new Map<string, string>()
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (!token || token.stop) continue
    if (!map.has(token.bare)) map.set(token.bare, token.surface)
    const next = tokens[index + 1]
    const pair = next && !next.stop && next.joined ? token.bare + ' ' + next.bare : null
    if (next && pair && !map.has(pair)) map.set(pair, token.surface + ' ' + next.surface)
  }
  return map
}

/**
 * Bare key sequence of a phrase, for contiguous matching.
 *
 * @param value
 *   Phrase.
 * @returns
 *   Keys.
 */
export function phraseKeys(value: string): string[] {
  return tokenize(value).map((token) => token.bare)
}

/**
 * Whether a key sequence occurs contiguously in a token sequence.
 *
 * @param tokens
 *   Tokens of the text.
 * @param keys
 *   Keys of the phrase.
 * @returns
 *   Whether it occurs.
 */
export function containsPhrase(tokens: Token[], keys: string[]): boolean {
  if (keys.length === 0 || keys.length > tokens.length) return false
  outer: for (let start = 0; start + keys.length <= tokens.length; start++) {
    for (let offset = 0; offset < keys.length; offset++) {
      if (tokens[start + offset]?.bare !== keys[offset]) continue outer
    }
    return true
  }
  return false
}

/**
 * Cosine of two vectors (both assumed L2-normalised: the dot product).
 *
 * @param left
 *   Vector.
 * @param right
 *   Vector.
 * @returns
 *   Similarity in [0, 1].
 */
export function cosine(left: Vector, right: Vector): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left]
  let sum = 0
  for (const [feature, weight] of small) sum += weight * (large.get(feature) ?? 0)
  return sum
}

/**
 * Scale a vector to unit length (an empty or zero vector stays as it is).
 *
 * @param vector
 *   Vector.
 * @returns
 *   A new, normalised vector.
 */
export function normalize(vector: Vector): Vector {
  let norm = 0
  for (const weight of vector.values()) norm += weight * weight
  norm = Math.sqrt(norm)
  const result: Vector = new Map()
  if (norm === 0) return result
  for (const [feature, weight] of vector) result.set(feature, weight / norm)
  return result
}

/**
 * Weighted sum of vectors.
 *
 * @param parts
 *   Vectors with their weights.
 * @returns
 *   Sum (not normalised).
 */
export function sum(parts: Array<[Vector, number]>): Vector {
  const result: Vector = new Map()
  for (const [vector, weight] of parts) {
    for (const [feature, value] of vector) result.set(feature, (result.get(feature) ?? 0) + value * weight)
  }
  return result
}

/**
 * TF-IDF vector of features: sublinear term frequency, L2-normalised.
 *
 * @param list
 *   Features with repeats.
 * @param idf
 *   IDF table.
 * @param unseen
 *   IDF of an unknown feature.
 * @returns
 *   Vector.
 */
export function weigh(list: string[], idf: Map<string, number>, unseen: number): Vector {
  const counts = new Map<string, number>()
  for (const feature of list) counts.set(feature, (counts.get(feature) ?? 0) + 1)
  const vector: Vector = new Map()
  for (const feature of [...counts.keys()].sort()) {
    const count = counts.get(feature) ?? 0
    vector.set(feature, (1 + Math.log(count)) * (idf.get(feature) ?? unseen))
  }
  return normalize(vector)
}
