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

const keyedStops = new Set(stopwords.words.map((word) => toKey(word)))
const bareStops = new Set(stopwords.bare)
/** What a word as written reads as: its lower case and its keys. */
interface WordReading {
  /** Lower case. */
  surface: string
  /** Keys, and whether each is a function word. */
  keys: Array<{bare: string; stop: boolean}>
}

/**
 * What each word as written reads as, remembered: reading a word
 * (`toLowerCase`, `toBareKey`, `toKey`) is not free, and a document repeats
 * a few thousand words.
 */
const wordCache = new Map<string, WordReading>()
const word = /[\p{L}\p{M}\p{N}]+/gu
/** Spaces from a position on (sticky: read in place, no slice). */
const spaces = /\s*/y

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
    const {surface, keys} = readWord(match[0])
    let joined = match.index === end
    if (!joined) {
      spaces.lastIndex = end
      spaces.test(text)
      joined = spaces.lastIndex === match.index
    }
    end = match.index + match[0].length
    for (const {bare, stop} of keys) {
      tokens.push({bare, surface, stop, joined})
      joined = true
    }
  }
  return tokens
}

/**
 * A word's lower case, its bare keys and whether each is a function word.
 *
 * @param written
 *   Word as written.
 * @returns
 *   Its reading (OCR glues symbols into words, `CHU'C`: the bare key may
 *   split in two).
 */
function readWord(written: string): WordReading {
  let read = wordCache.get(written)
  if (!read) {
    const surface = written.toLowerCase()
    const keys: WordReading['keys'] = []
    for (const bare of toBareKey(surface).split(' ')) if (bare) keys.push({bare, stop: isStop(surface, bare)})
    read = {surface, keys}
    if (wordCache.size < 100_000) wordCache.set(written, read)
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
 * Visit the features of a token sequence: content syllables (not function
 * words, not bare numbers) and bigrams of adjacent content syllables.
 *
 * @param tokens
 *   Tokens.
 * @param visit
 *   Called with each feature, the position of the token it starts at, and
 *   whether it is a bigram.
 */
function eachFeature(tokens: Token[], visit: (feature: string, position: number, pair: boolean) => void): void {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (!token || token.stop) continue
    // Years and item numbers say nothing about a topic alone; in a bigram
    // (`08 qdi`, from `08-QĐi/TW`) they name a regulation, which does.
    if (!/^\d+$/.test(token.bare)) visit(token.bare, index, false)
    // A pair never spans punctuation: `lãnh đạo. Tăng cường` is no term.
    const next = tokens[index + 1]
    if (next && !next.stop && next.joined) visit(token.bare + ' ' + next.bare, index, true)
  }
}

/**
 * Features of a token sequence (see {@link eachFeature}).
 *
 * @param tokens
 *   Tokens.
 * @returns
 *   Features, with repeats (term frequency counts them).
 */
export function features(tokens: Token[]): string[] {
  const result: string[] = []
  eachFeature(tokens, (feature) => result.push(feature))
  return result
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
  const tally: Tally = {slots: new Map(), counts: []}
  for (const feature of list) tallyFeature(tally, feature)
  return sortedCounts(tally, new Int32Array(tally.counts.length))
}

/** Features counted in the order they are first met. */
interface Tally {
  /** Slot of each feature. */
  slots: Map<string, number>
  /** Count of each slot. */
  counts: number[]
}

/**
 * Count one more of a feature.
 *
 * @param tally
 *   Tally.
 * @param feature
 *   Feature.
 * @returns
 *   Its slot.
 */
function tallyFeature(tally: Tally, feature: string): number {
  let slot = tally.slots.get(feature)
  if (slot === undefined) {
    slot = tally.counts.length
    tally.slots.set(feature, slot)
    tally.counts.push(0)
  }
  tally.counts[slot] = (tally.counts[slot] ?? 0) + 1
  return slot
}

/**
 * Counts of a tally in code-unit order of their features.
 *
 * @param tally
 *   Tally.
 * @param rank
 *   Filled with where each slot goes in the counts.
 * @returns
 *   Counts.
 */
function sortedCounts(tally: Tally, rank: Int32Array): TermCounts {
  return Array.from([...tally.slots.keys()].sort(), (feature, at): [string, number] => {
    const slot = tally.slots.get(feature) ?? 0
    rank[slot] = at
    return [feature, tally.counts[slot] ?? 0]
  })
}

/** A text read for matching: its tokens and its counted features. */
export interface Lexed {
  /** Its tokens. */
  tokens: Token[]
  /** Its features, counted. */
  counts: TermCounts
  /** Per token, the position in `counts` of the syllable it is, or -1. */
  singles: Int32Array
  /** Per token, the position in `counts` of the bigram it starts, or -1. */
  pairs: Int32Array
}

/**
 * Texts read so far: the programs of a corpus repeat much of each other's
 * wording (a province's program copies the framework, another's, or its own
 * earlier one), and each document's model reads its items anew.
 */
const lexCache = new Map<string, Lexed>()
/**
 * Characters of the texts in {@link lexCache}: it is kept as long as the
 * process (a review server lives long), and texts may be long (a 1 MB line),
 * so it is bounded by their length as well as by their number.
 */
let lexChars = 0

/**
 * Read a text: tokens and counted features, and which feature each token
 * is or starts (evidence marks the words of the strongest features).
 *
 * @param text
 *   Text.
 * @returns
 *   Tokens and counts (shared: not to be changed).
 */
export function lex(text: string): Lexed {
  let lexed = lexCache.get(text)
  if (!lexed) {
    lexed = lexAnew(text)
    if (lexCache.size < 5000 && lexChars + text.length <= 4_000_000) {
      lexCache.set(text, lexed)
      lexChars += text.length
    }
  }
  return lexed
}

/**
 * {@link lex} without the cache.
 *
 * @param text
 *   Text.
 * @returns
 *   Tokens and counts.
 */
function lexAnew(text: string): Lexed {
  const tokens = tokenize(text)
  const tally: Tally = {slots: new Map(), counts: []}
  const singles = new Int32Array(tokens.length).fill(-1)
  const pairs = new Int32Array(tokens.length).fill(-1)
  eachFeature(tokens, (feature, position, pair) => {
    const slot = tallyFeature(tally, feature)
    if (pair) pairs[position] = slot
    else singles[position] = slot
  })
  // Slots in code-unit order of their features.
  const rank = new Int32Array(tally.counts.length)
  const counts = sortedCounts(tally, rank)
  for (let index = 0; index < tokens.length; index++) {
    singles[index] = rank[singles[index] ?? -1] ?? -1
    pairs[index] = rank[pairs[index] ?? -1] ?? -1
  }
  return {tokens, counts, singles, pairs}
}

/**
 * The features of one model (or one table of targets), numbered in their
 * code-unit order, so that a vector whose ids ascend lists its features as
 * a vector of strings sorted by code unit would: sums over features add up
 * in the same order either way, to the last bit.
 */
export interface Space {
  /** Id of each feature. */
  ids: Map<string, number>
  /** IDF by id. */
  idf: Float64Array
  /** IDF of a feature not in the space. */
  unseen: number
}

/**
 * Sparse TF-IDF vector over a space: ids in the order its terms add up,
 * weights beside them. Features the space lacks are left out (no other
 * vector of the space has them), but counted in `size`.
 */
export interface Vector {
  /** Feature ids. */
  ids: Int32Array
  /** Weight of each. */
  weights: Float64Array
  /**
   * Number of features, known or not: the smaller of two vectors is the one
   * a dot product walks, which sets the order it adds in.
   */
  size: number
  /** Whether the ids ascend. */
  sorted: boolean
}

/** A vector without features. */
export const emptyVector: Vector = {ids: new Int32Array(0), weights: new Float64Array(0), size: 0, sorted: true}

/**
 * Space of a set of TF-IDF documents, with IDF as natural's `TfIdf` gives it
 * (`1 + ln(documents / (1 + documents with the feature))`).
 *
 * @param options
 *   `documents`, the counted features of each document, and `extra`, features
 *   to number although no document has them.
 * @returns
 *   Space.
 */
export function spaceOf(options: {documents: TermCounts[]; extra?: TermCounts}): Space {
  const frequencies = new Map<string, number>()
  for (const counts of options.documents) {
    for (const [feature] of counts) frequencies.set(feature, (frequencies.get(feature) ?? 0) + 1)
  }
  for (const [feature] of options.extra ?? []) if (!frequencies.has(feature)) frequencies.set(feature, 0)
  const total = options.documents.length
  const ids = new Map<string, number>()
  const idf = new Float64Array(frequencies.size)
  // A feature no document has is as rare as a feature can be: its IDF is `unseen`.
  for (const [id, feature] of [...frequencies.keys()].sort().entries()) {
    ids.set(feature, id)
    idf[id] = 1 + Math.log(total / (1 + (frequencies.get(feature) ?? 0)))
  }
  return {ids, idf, unseen: 1 + Math.log(total)}
}

/**
 * TF-IDF vector of counted features: sublinear term frequency,
 * L2-normalised.
 *
 * @param counts
 *   Counts, in code-unit order.
 * @param space
 *   Space.
 * @returns
 *   Vector, its ids ascending.
 */
export function weighCounts(counts: TermCounts, space: Space): Vector {
  return weigh(counts, idsOf(counts, space), space)
}

/**
 * Ids of counted features.
 *
 * @param counts
 *   Counts.
 * @param space
 *   Space.
 * @returns
 *   Id of each, -1 for a feature the space lacks.
 */
function idsOf(counts: TermCounts, space: Space): Int32Array {
  const ids = new Int32Array(counts.length)
  for (let at = 0; at < counts.length; at++) ids[at] = space.ids.get(counts[at]?.[0] ?? '') ?? -1
  return ids
}

/**
 * {@link weighCounts} with the ids known.
 *
 * @param counts
 *   Counts.
 * @param ids
 *   Their ids.
 * @param space
 *   Space.
 * @returns
 *   Vector.
 */
function weigh(counts: TermCounts, ids: Int32Array, space: Space): Vector {
  const {weights, norm} = weightsOf(counts, ids, space)
  if (norm === 0) return emptyVector
  let known = 0
  for (const id of ids) if (id !== -1) known++
  const vector: Vector = {ids: new Int32Array(known), weights: new Float64Array(known), size: counts.length, sorted: true}
  let kept = 0
  for (let at = 0; at < counts.length; at++) {
    const id = ids[at] ?? -1
    if (id === -1) continue
    vector.ids[kept] = id
    vector.weights[kept] = (weights[at] ?? 0) / norm
    kept++
  }
  return vector
}

/**
 * TF-IDF weights of counted features, features the space lacks included, and
 * their L2 norm, added up in the order of the counts.
 *
 * @param counts
 *   Counts.
 * @param ids
 *   Their ids.
 * @param space
 *   Space.
 * @returns
 *   Weight of each count (not normalised), and the norm.
 */
function weightsOf(counts: TermCounts, ids: Int32Array, space: Space): {weights: Float64Array; norm: number} {
  const weights = new Float64Array(counts.length)
  let norm = 0
  for (let at = 0; at < counts.length; at++) {
    const id = ids[at] ?? -1
    const weight = (1 + Math.log(counts[at]?.[1] ?? 1)) * (id === -1 ? space.unseen : (space.idf[id] ?? space.unseen))
    weights[at] = weight
    norm += weight * weight
  }
  return {weights, norm: Math.sqrt(norm)}
}

/** A text read for matching in one space. */
export interface Reading {
  /** Its tokens. */
  tokens: Token[]
  /** Its TF-IDF vector. */
  vector: Vector
  /** Per token, the id of the syllable it is, or -1. */
  singles: Int32Array
  /** Per token, the id of the bigram it starts, or -1. */
  pairs: Int32Array
}

/**
 * Readings per space: building a model and aligning with it read the same
 * item texts several times (IDF, sections, exemplars, items).
 */
const readings = new WeakMap<Space, Map<string, Reading>>()

/**
 * Read a text in a space, once per space.
 *
 * @param text
 *   Text.
 * @param space
 *   Space.
 * @param lexed
 *   Its tokens and counts, when the caller has them already.
 * @returns
 *   Reading (shared: not to be changed).
 */
export function read(text: string, space: Space, lexed?: Lexed): Reading {
  const cache = remember(readings, space, () => new Map<string, Reading>())
  let reading = cache.get(text)
  if (!reading) {
    const {tokens, counts, singles, pairs} = lexed ?? lex(text)
    const ids = idsOf(counts, space)
    reading = {tokens, vector: weigh(counts, ids, space), singles: singles.map((at) => ids[at] ?? -1), pairs: pairs.map((at) => ids[at] ?? -1)}
    if (cache.size < 100_000) cache.set(text, reading)
  }
  return reading
}

/** Dense copies of vectors looked up often (profiles), by vector. */
const denseCache = new WeakMap<Vector, Float64Array>()

/**
 * A vector as a dense array by id, made once per vector.
 *
 * @param vector
 *   Vector.
 * @returns
 *   Weight by id (0 or past the end where it has none).
 */
export function denseOf(vector: Vector): Float64Array {
  return remember(denseCache, vector, () => {
    const dense = new Float64Array(largestId(vector.ids, -1) + 1)
    for (let at = 0; at < vector.ids.length; at++) dense[vector.ids[at] ?? 0] = vector.weights[at] ?? 0
    return dense
  })
}

/**
 * The largest of some ids and a number.
 *
 * @param ids
 *   Ids.
 * @param largest
 *   The largest met so far (-1 for none).
 * @returns
 *   The largest of them and it.
 */
function largestId(ids: Int32Array, largest: number): number {
  for (const id of ids) largest = Math.max(largest, id)
  return largest
}

/**
 * Cosine of two vectors (both L2-normalised: the dot product), adding up
 * over the smaller vector (the left one if they are as large) in its order,
 * as a walk over a map of features would.
 *
 * @param left
 *   Vector.
 * @param right
 *   Vector.
 * @returns
 *   Similarity in [0, 1].
 */
export function cosine(left: Vector, right: Vector): number {
  const small = left.size <= right.size ? left : right
  const large = small === left ? right : left
  let sum = 0
  if (small.sorted && large.sorted) {
    // Both ascend: walk them side by side.
    let at = 0
    for (let index = 0; index < small.ids.length; index++) {
      const id = small.ids[index] ?? 0
      while (at < large.ids.length && (large.ids[at] ?? 0) < id) at++
      if (large.ids[at] === id) sum += (small.weights[index] ?? 0) * (large.weights[at] ?? 0)
    }
    return sum
  }
  const dense = denseOf(large)
  for (let index = 0; index < small.ids.length; index++) sum += (small.weights[index] ?? 0) * (dense[small.ids[index] ?? 0] ?? 0)
  return sum
}

/** Scratch for {@link normalizedSum}: totals by id, and which ids are met. */
let totals = new Float64Array(0)
let met = new Uint8Array(0)

/**
 * Sum of vectors, L2-normalised; each feature adds up in the order of the
 * vectors, and the sum lists its features in the order they are first met.
 *
 * @param vectors
 *   Vectors (of one space, every feature known; {@link normalizedTextSum}
 *   also numbers the features the space lacks, past its end).
 * @returns
 *   Normalised sum.
 */
export function normalizedSum(vectors: readonly Vector[]): Vector {
  let length = 0
  let largest = -1
  for (const vector of vectors) {
    length += vector.ids.length
    largest = largestId(vector.ids, largest)
  }
  if (totals.length <= largest) {
    totals = new Float64Array(largest + 1)
    met = new Uint8Array(largest + 1)
  }
  const order = new Int32Array(length)
  let count = 0
  for (const vector of vectors) {
    for (let at = 0; at < vector.ids.length; at++) {
      const id = vector.ids[at] ?? 0
      if (met[id] === 0) {
        met[id] = 1
        order[count++] = id
      }
      totals[id] = (totals[id] ?? 0) + (vector.weights[at] ?? 0)
    }
  }
  let norm = 0
  for (let at = 0; at < count; at++) {
    const total = totals[order[at] ?? 0] ?? 0
    norm += total * total
  }
  norm = Math.sqrt(norm)
  const result: Vector = {ids: order.slice(0, count), weights: new Float64Array(count), size: count, sorted: true}
  for (let at = 0; at < count; at++) {
    const id = order[at] ?? 0
    result.weights[at] = (totals[id] ?? 0) / norm
    if (at > 0 && (order[at - 1] ?? 0) > id) result.sorted = false
    // Leave the scratch clear for the next sum.
    totals[id] = 0
    met[id] = 0
  }
  return norm === 0 ? emptyVector : result
}

/**
 * {@link normalizedSum} of the vectors of texts read in a space. A vector
 * leaves out the features the space lacks, but they count in the norm of a
 * sum and in its size (as they did when vectors were maps of features): a
 * model's space lacks the words of a document it was not built from. Texts
 * whose features are all known sum as their vectors.
 *
 * @param texts
 *   Texts.
 * @param space
 *   Space.
 * @returns
 *   Normalised sum.
 */
export function normalizedTextSum(texts: readonly string[], space: Space): Vector {
  const vectors = Array.from(texts, (text) => read(text, space).vector)
  if (vectors.every((vector) => vector.size === vector.ids.length)) return normalizedSum(vectors)
  // The features the space lacks are numbered past its end, alike in every
  // text, and summed with the others; the sum then leaves them out.
  const known = space.idf.length
  const unknown = new Map<string, number>()
  const whole = texts.map((text): Vector => {
    const {counts} = lex(text)
    const ids = idsOf(counts, space)
    const {weights, norm} = weightsOf(counts, ids, space)
    if (norm === 0) return emptyVector
    for (let at = 0; at < counts.length; at++) {
      // Normalised as `weigh` does.
      weights[at] = (weights[at] ?? 0) / norm
      if (ids[at] !== -1) continue
      const feature = counts[at]?.[0] ?? ''
      let id = unknown.get(feature)
      if (id === undefined) {
        id = known + unknown.size
        unknown.set(feature, id)
      }
      ids[at] = id
    }
    return {ids, weights, size: counts.length, sorted: false}
  })
  const sum = normalizedSum(whole)
  const kept = [...sum.ids.keys()].filter((at) => (sum.ids[at] ?? known) < known)
  const ids = Int32Array.from(kept, (at) => sum.ids[at] ?? 0)
  const sorted = ids.every((id, at) => at === 0 || (ids[at - 1] ?? 0) < id)
  return {ids, weights: Float64Array.from(kept, (at) => sum.weights[at] ?? 0), size: sum.size, sorted}
}

/** Vectors indexed by feature, to compare one vector with many at once. */
export interface VectorIndex {
  /** The vectors. */
  vectors: Vector[]
  /** Per id, where its postings start (and, at the next id, end). */
  starts: Int32Array
  /** Postings: the vectors that have each id, by position, ascending. */
  positions: Int32Array
  /** Postings: the weight of the id in each. */
  weights: Float64Array
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
  let largest = -1
  let length = 0
  for (const vector of vectors) {
    length += vector.ids.length
    largest = largestId(vector.ids, largest)
  }
  const starts = new Int32Array(largest + 2)
  for (const vector of vectors) for (const id of vector.ids) starts[id + 1] = (starts[id + 1] ?? 0) + 1
  for (let id = 0; id <= largest; id++) starts[id + 1] = (starts[id + 1] ?? 0) + (starts[id] ?? 0)
  const next = starts.slice(0, largest + 1)
  const positions = new Int32Array(length)
  const weights = new Float64Array(length)
  for (const [position, vector] of vectors.entries()) {
    for (let at = 0; at < vector.ids.length; at++) {
      const id = vector.ids[at] ?? 0
      const slot = next[id] ?? 0
      next[id] = slot + 1
      positions[slot] = position
      weights[slot] = vector.weights[at] ?? 0
    }
  }
  return {vectors, starts, positions, weights}
}

/**
 * {@link cosine} of a vector with every indexed vector, to the last bit,
 * visiting only the vectors that share a feature with it: the terms add up
 * in the order of `vector`, which is the order `cosine` adds them in when it
 * walks `vector` (the smaller one) or when both vectors' ids ascend. Other
 * pairs are summed by `cosine` itself.
 *
 * @param vector
 *   Vector.
 * @param index
 *   Indexed vectors.
 * @returns
 *   Similarity to each indexed vector, by position.
 */
export function similarities(vector: Vector, index: VectorIndex): Float64Array {
  const {vectors, starts, positions, weights} = index
  const result = new Float64Array(vectors.length)
  for (let at = 0; at < vector.ids.length; at++) {
    const id = vector.ids[at] ?? 0
    const weight = vector.weights[at] ?? 0
    const end = starts[id + 1] ?? 0
    for (let slot = starts[id] ?? end; slot < end; slot++) {
      const position = positions[slot] ?? 0
      result[position] = (result[position] ?? 0) + weight * (weights[slot] ?? 0)
    }
  }
  for (let position = 0; position < vectors.length; position++) {
    const other = vectors[position] ?? emptyVector
    if (other.size >= vector.size || (other.sorted && vector.sorted)) continue
    result[position] = cosine(vector, other)
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
  const {starts, positions, weights} = indexVectors(vectors)
  const sums = new Float64Array(vectors.length)
  const touched: number[] = []
  const pairs: Array<[number, number]> = []
  for (const [left, vector] of vectors.entries()) {
    for (let at = 0; at < vector.ids.length; at++) {
      const id = vector.ids[at] ?? 0
      const weight = vector.weights[at] ?? 0
      const start = starts[id] ?? 0
      // Positions ascend: only the later vectors, so each pair is met once.
      for (let slot = (starts[id + 1] ?? 0) - 1; slot >= start && (positions[slot] ?? 0) > left; slot--) {
        const right = positions[slot] ?? 0
        // Weights are positive: a sum of 0 is a vector not met yet.
        if (sums[right] === 0) touched.push(right)
        sums[right] = (sums[right] ?? 0) + weight * (weights[slot] ?? 0)
      }
    }
    touched.sort((a, b) => a - b)
    for (const right of touched) {
      const other = vectors[right] ?? emptyVector
      const value = vector.sorted && other.sorted ? (sums[right] ?? 0) : cosine(vector, other)
      if (value >= threshold) pairs.push([left, right])
      sums[right] = 0
    }
    touched.length = 0
  }
  return pairs
}

/**
 * A value computed once per object.
 *
 * @param cache
 *   Values computed so far.
 * @param key
 *   Object (a part of a model, never changed once built).
 * @param make
 *   Computes the value.
 * @returns
 *   Value.
 */
export function remember<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key)
  if (value === undefined) {
    value = make()
    cache.set(key, value)
  }
  return value
}
