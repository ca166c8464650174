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
/**
 * What each surface word reads as, remembered: reading a word (`toBareKey`,
 * `toKey`) is not free, and a document repeats a few thousand words.
 */
const wordCache = new Map<string, Array<{bare: string; stop: boolean}>>()
const word = /[\p{L}\p{M}\p{N}]+/gu
const space = /^\s*$/

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
    let joined = match.index === end || space.test(text.slice(end, match.index))
    end = match.index + match[0].length
    for (const {bare, stop} of readWord(surface)) {
      tokens.push({bare, surface, stop, joined})
      joined = true
    }
  }
  return tokens
}

/**
 * Bare keys of a surface word and whether each is a function word.
 *
 * @param surface
 *   Word as written, lower case.
 * @returns
 *   Its keys (OCR glues symbols into words, `CHU'C`: the bare key may split
 *   in two).
 */
function readWord(surface: string): Array<{bare: string; stop: boolean}> {
  let read = wordCache.get(surface)
  if (!read) {
    read = toBareKey(surface)
      .split(' ')
      .filter(Boolean)
      .map((bare) => ({bare, stop: isStop(surface, bare)}))
    if (wordCache.size < 100_000) wordCache.set(surface, read)
  }
  return read
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
  return hasDiacritic(surface) ? keyedStops.has(toKey(surface)) : bareStops.has(bare)
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

/** A text read for matching: its tokens and its counted features. */
export interface Lexed {
  /** Its tokens. */
  tokens: Token[]
  /** Its features, counted. */
  counts: TermCounts
}

/** A text read for matching under one IDF table. */
export interface Reading {
  /** Its tokens. */
  tokens: Token[]
  /** Its TF-IDF vector. */
  vector: Vector
}

/**
 * Read a text: tokens and counted features.
 *
 * @param text
 *   Text.
 * @returns
 *   Tokens and counts.
 */
export function lex(text: string): Lexed {
  const tokens = tokenize(text)
  return {tokens, counts: countTerms(features(tokens))}
}

/**
 * Readings per IDF table: building a model and aligning with it read the
 * same item texts several times (IDF, sections, exemplars, items).
 */
const readings = new WeakMap<Map<string, number>, {unseen: number; texts: Map<string, Reading>}>()

/**
 * Read a text: its tokens and TF-IDF vector, computed once per IDF table.
 *
 * @param text
 *   Text.
 * @param idf
 *   IDF table.
 * @param unseen
 *   IDF of an unknown feature.
 * @param lexed
 *   Its tokens and counts, when the caller has them already.
 * @returns
 *   Reading (shared: not to be changed).
 */
export function read(text: string, idf: Map<string, number>, unseen: number, lexed?: Lexed): Reading {
  let cache = readings.get(idf)
  if (!cache || cache.unseen !== unseen) {
    cache = {unseen, texts: new Map()}
    readings.set(idf, cache)
  }
  let reading = cache.texts.get(text)
  if (!reading) {
    const {tokens, counts} = lexed ?? lex(text)
    reading = {tokens, vector: weighCounts(counts, idf, unseen)}
    if (cache.texts.size < 100_000) cache.texts.set(text, reading)
  }
  return reading
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

/** Vectors indexed by feature, to compare one vector with many at once. */
export interface VectorIndex {
  /** The vectors. */
  vectors: Vector[]
  /** Number of features of each vector. */
  sizes: Uint32Array
  /** Whether each vector lists its features in code-unit order (1) or not (0). */
  ordered: Uint8Array
  /** Per feature, the vectors that have it (by position) and its weight in each. */
  postings: Map<string, {positions: number[]; weights: number[]}>
}

/**
 * Index vectors by feature.
 *
 * @param vectors
 *   Vectors.
 * @returns
 *   Index.
 */
export function indexVectors(vectors: Vector[]): VectorIndex {
  const postings: VectorIndex['postings'] = new Map()
  for (const [position, vector] of vectors.entries()) {
    for (const [feature, weight] of vector) {
      const posting = postings.get(feature)
      if (posting) {
        posting.positions.push(position)
        posting.weights.push(weight)
      } else postings.set(feature, {positions: [position], weights: [weight]})
    }
  }
  return {
    vectors,
    sizes: Uint32Array.from(vectors, (vector) => vector.size),
    ordered: Uint8Array.from(vectors, (vector) => (ordered(vector) ? 1 : 0)),
    postings
  }
}

/**
 * {@link cosine} of a vector with every indexed vector, to the last bit,
 * visiting only the vectors that share a feature with it: the terms add up
 * in the order of `vector`, which is the order `cosine` adds them in when it
 * walks `vector` (the smaller one) or when both vectors list their features in
 * code-unit order, as vectors from {@link weigh} do. Other pairs are summed by
 * `cosine` itself.
 *
 * @param vector
 *   Vector.
 * @param index
 *   Indexed vectors.
 * @returns
 *   Similarity to each indexed vector, by position.
 */
export function similarities(vector: Vector, index: VectorIndex): Float64Array {
  const {sizes} = index
  const result = new Float64Array(sizes.length)
  for (const [feature, weight] of vector) {
    const posting = index.postings.get(feature)
    if (!posting) continue
    const {positions, weights} = posting
    for (let at = 0; at < positions.length; at++) {
      const position = positions[at] ?? 0
      result[position] = (result[position] ?? 0) + weight * (weights[at] ?? 0)
    }
  }
  let sorted: boolean | undefined
  for (let position = 0; position < sizes.length; position++) {
    if ((sizes[position] ?? 0) >= vector.size || (index.ordered[position] === 1 && (sorted ??= ordered(vector)))) continue
    result[position] = cosine(vector, index.vectors[position] ?? new Map())
  }
  return result
}

/**
 * Pairs of vectors whose {@link cosine} reaches a threshold, found through
 * the features they share instead of by comparing every pair: only vectors
 * that share a feature can reach a positive threshold. The sums are those of
 * `cosine` to the last bit (see {@link similarities}).
 *
 * @param vectors
 *   Vectors.
 * @param threshold
 *   Lowest similarity (above 0).
 * @returns
 *   Pairs of positions, the smaller first, in order.
 */
export function closePairs(vectors: Vector[], threshold: number): Array<[number, number]> {
  const index = indexVectors(vectors)
  const sums = new Float64Array(vectors.length)
  const touched: number[] = []
  const pairs: Array<[number, number]> = []
  for (const [left, vector] of vectors.entries()) {
    for (const [feature, weight] of vector) {
      const posting = index.postings.get(feature)
      if (!posting) continue
      const {positions, weights} = posting
      // Positions ascend: only the later vectors, so each pair is met once.
      for (let at = positions.length - 1; at >= 0 && (positions[at] ?? 0) > left; at--) {
        const right = positions[at] ?? 0
        // Weights are positive: a sum of 0 is a vector not met yet.
        if (sums[right] === 0) touched.push(right)
        sums[right] = (sums[right] ?? 0) + weight * (weights[at] ?? 0)
      }
    }
    touched.sort((a, b) => a - b)
    for (const right of touched) {
      const other = vectors[right] ?? new Map()
      const value = index.ordered[left] === 1 && index.ordered[right] === 1 ? (sums[right] ?? 0) : cosine(vector, other)
      if (value >= threshold) pairs.push([left, right])
      sums[right] = 0
    }
    touched.length = 0
  }
  return pairs
}

/**
 * Whether a vector lists its features in code-unit order.
 *
 * @param vector
 *   Vector.
 * @returns
 *   Whether it does.
 */
function ordered(vector: Vector): boolean {
  let previous: string | null = null
  for (const feature of vector.keys()) {
    if (previous !== null && previous >= feature) return false
    previous = feature
  }
  return true
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
 * IDF of every feature of a set of documents, as natural's `TfIdf` gives it
 * (`1 + ln(documents / (1 + documents with the feature))`), counted in one
 * pass instead of one pass over the documents per feature.
 *
 * @param documents
 *   Distinct features of each document.
 * @returns
 *   IDF by feature.
 */
export function inverseFrequencies(documents: Array<Iterable<string>>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const distinct of documents) {
    for (const feature of distinct) counts.set(feature, (counts.get(feature) ?? 0) + 1)
  }
  const idf = new Map<string, number>()
  for (const [feature, count] of counts) idf.set(feature, 1 + Math.log(documents.length / (1 + count)))
  return idf
}

/** Distinct features with their counts, in code-unit order. */
export type TermCounts = Array<[string, number]>

/**
 * Count features.
 *
 * @param list
 *   Features with repeats.
 * @returns
 *   Counts, in code-unit order of the features.
 */
export function countTerms(list: string[]): TermCounts {
  const counts = new Map<string, number>()
  for (const feature of list) counts.set(feature, (counts.get(feature) ?? 0) + 1)
  return [...counts.keys()].sort().map((feature) => [feature, counts.get(feature) ?? 0])
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
 *   Vector, its features in code-unit order.
 */
export function weigh(list: string[], idf: Map<string, number>, unseen: number): Vector {
  return weighCounts(countTerms(list), idf, unseen)
}

/**
 * TF-IDF vector of counted features (see {@link weigh}).
 *
 * @param counts
 *   Counts, in code-unit order.
 * @param idf
 *   IDF table.
 * @param unseen
 *   IDF of an unknown feature.
 * @returns
 *   Vector.
 */
export function weighCounts(counts: TermCounts, idf: Map<string, number>, unseen: number): Vector {
  return normalize(new Map(counts.map(([feature, count]) => [feature, (1 + Math.log(count)) * (idf.get(feature) ?? unseen)])))
}
