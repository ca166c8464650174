/**
 * Syllable trigram language model with interpolated Kneser–Ney smoothing,
 * stored as log probabilities keyed by integer ids for fast decoding.
 */
import {createPairTable, findPair, type PairTable} from './table.js'

/** Id of the sentence-start symbol. */
export const start = 1
/** Id of the sentence-end symbol. */
export const stop = 2

/**
 * A trained trigram model over ids `0 … size - 1` (natural logarithms), in
 * typed arrays: decoding looks up every pair and triple of candidates.
 */
export interface LanguageModel {
  /** Number of ids the model knows (the vocabulary size). */
  size: number
  /** `log P(w)` for every id. */
  unigram: Float64Array
  /**
   * Log back-off weight after each id as a one-word history; `0` for ids
   * never seen as one, whose successors get the unigram as it is.
   */
  bigramBackoff: Float64Array
  /** `log P(w | v)` of the seen pairs, keyed `(v, w)`. */
  bigram: PairTable
  /** Index of each seen two-word history, keyed `(u, v)`. */
  histories: PairTable
  /** Log back-off weight of each seen two-word history, by its index. */
  trigramBackoff: Float64Array
  /** `log P(w | u, v)` of the seen triples, keyed `(history index, w)`. */
  trigram: PairTable
}

/**
 * Train an interpolated Kneser–Ney trigram model.
 *
 * @param sentences
 *   Sentences as id arrays, without start or end symbols.
 * @param size
 *   Vocabulary size; ids never seen get the uniform share of the unigram.
 * @returns
 *   Model.
 */
export function trainLanguageModel(sentences: number[][], size: number): LanguageModel {
  const triples = new Map<number, number>()
  for (const sentence of sentences) {
    const ids = [start, start, ...sentence, stop]
    for (let index = 2; index < ids.length; index++) {
      const key = ((ids[index - 2] ?? 0) * size + (ids[index - 1] ?? 0)) * size + (ids[index] ?? 0)
      triples.set(key, (triples.get(key) ?? 0) + 1)
    }
  }

  // Bigram level: continuation counts N1+(• v w); after the start symbol,
  // where nothing precedes, raw counts.
  const pairContinuation = new Map<number, number>()
  for (const [key, count] of triples) {
    const pair = key % (size * size)
    const add = Math.floor(pair / size) === start ? count : 1
    pairContinuation.set(pair, (pairContinuation.get(pair) ?? 0) + add)
  }
  const discount3 = discounts(triples.values())
  const discount2 = discounts(pairContinuation.values())

  // Trigram level: raw counts, and the mass the discounts free per history.
  const historyCount = new Map<number, number>()
  const historyFreed = new Map<number, number>()
  for (const [key, count] of triples) {
    const history = Math.floor(key / size)
    historyCount.set(history, (historyCount.get(history) ?? 0) + count)
    historyFreed.set(history, (historyFreed.get(history) ?? 0) + take(discount3, count))
  }

  const middleTotal = new Float64Array(size)
  const middleFreed = new Float64Array(size)
  const wordContinuation = new Float64Array(size)
  for (const [pair, count] of pairContinuation) {
    const v = Math.floor(pair / size)
    const w = pair % size
    middleTotal[v] = (middleTotal[v] ?? 0) + count
    middleFreed[v] = (middleFreed[v] ?? 0) + take(discount2, count)
    wordContinuation[w] = (wordContinuation[w] ?? 0) + 1
  }
  const discount1 = discounts(wordContinuation.filter((count) => count > 0).values())

  let continuationTotal = 0
  let continuationFreed = 0
  for (const count of wordContinuation) {
    if (count > 0) {
      continuationTotal += count
      continuationFreed += take(discount1, count)
    }
  }
  const uniformShare = continuationFreed / continuationTotal / size
  const unigramProbability = new Float64Array(size)
  const unigram = new Float64Array(size)
  for (let id = 0; id < size; id++) {
    const count = wordContinuation[id] ?? 0
    const probability = (count - take(discount1, count)) / continuationTotal + uniformShare
    unigramProbability[id] = probability
    unigram[id] = Math.log(probability)
  }

  const bigramBackoff = new Float64Array(size)
  for (let v = 0; v < size; v++) {
    const total = middleTotal[v] ?? 0
    if (total > 0) bigramBackoff[v] = Math.log((middleFreed[v] ?? 0) / total)
  }
  const bigramProbability = new Map<number, number>()
  const bigrams: Array<[number, number, number]> = []
  for (const [pair, count] of pairContinuation) {
    const v = Math.floor(pair / size)
    const w = pair % size
    const total = middleTotal[v] ?? 1
    const probability =
      (count - take(discount2, count)) / total + ((middleFreed[v] ?? 0) / total) * (unigramProbability[w] ?? 0)
    bigramProbability.set(pair, probability)
    bigrams.push([v, w, Math.log(probability)])
  }

  // Histories are numbered in order of first appearance (deterministic).
  const historyIndex = new Map<number, number>()
  const trigramBackoff = new Float64Array(historyCount.size)
  for (const [history, total] of historyCount) {
    trigramBackoff[historyIndex.size] = Math.log((historyFreed.get(history) ?? 0) / total)
    historyIndex.set(history, historyIndex.size)
  }
  const trigrams: Array<[number, number, number]> = []
  for (const [key, count] of triples) {
    const history = Math.floor(key / size)
    const pair = key % (size * size)
    const total = historyCount.get(history) ?? 1
    const lower = bigramProbability.get(pair) ?? 0
    const probability =
      (count - take(discount3, count)) / total + ((historyFreed.get(history) ?? 0) / total) * lower
    trigrams.push([historyIndex.get(history) ?? 0, key % size, Math.log(probability)])
  }

  return {
    size,
    unigram,
    bigramBackoff,
    bigram: createPairTable(size, bigrams),
    histories: createPairTable(
      size,
      [...historyIndex].map(([history, index]): [number, number, number] => [Math.floor(history / size), history % size, index])
    ),
    trigramBackoff,
    trigram: createPairTable(historyIndex.size, trigrams)
  }
}

/**
 * `log P(w | v)`.
 *
 * @param model
 *   Language model.
 * @param v
 *   Previous id.
 * @param w
 *   Id to score.
 * @returns
 *   Log probability.
 */
export function bigramScore(model: LanguageModel, v: number, w: number): number {
  const slot = findPair(model.bigram, v, w)
  if (slot >= 0) return model.bigram.values[slot] ?? 0
  // Adding the zero back-off of an unseen history leaves the unigram exact.
  return (model.bigramBackoff[v] ?? 0) + (model.unigram[w] ?? -30)
}

/**
 * Index of the two-word history `u, v`, or `-1` when the model never saw it.
 *
 * @param model
 *   Language model.
 * @param u
 *   Id two back.
 * @param v
 *   Previous id.
 * @returns
 *   History index.
 */
export function historyOf(model: LanguageModel, u: number, v: number): number {
  const slot = findPair(model.histories, u, v)
  return slot < 0 ? -1 : (model.histories.values[slot] ?? -1)
}

/**
 * `log P(w | history)` given `log P(w | v)`: the triple when seen, else the
 * history's back-off weight plus the bigram.
 *
 * @param model
 *   Language model.
 * @param history
 *   History index (from `historyOf`), or `-1`.
 * @param w
 *   Id to score.
 * @param bigram
 *   `log P(w | v)`.
 * @returns
 *   Log probability.
 */
export function trigramFrom(model: LanguageModel, history: number, w: number, bigram: number): number {
  if (history < 0) return bigram
  const slot = findPair(model.trigram, history, w)
  if (slot >= 0) return model.trigram.values[slot] ?? 0
  return (model.trigramBackoff[history] ?? 0) + bigram
}

/**
 * `log P(w | u, v)`.
 *
 * @param model
 *   Language model.
 * @param u
 *   Id two back.
 * @param v
 *   Previous id.
 * @param w
 *   Id to score.
 * @returns
 *   Log probability.
 */
export function trigramScore(model: LanguageModel, u: number, v: number, w: number): number {
  return trigramFrom(model, historyOf(model, u, v), w, bigramScore(model, v, w))
}

/**
 * Kneser–Ney discount `n1 / (n1 + 2 n2)` from counts of counts, the same for
 * every count (modified Kneser–Ney's three discounts did worse on this small
 * corpus), kept in a usable range.
 *
 * @param counts
 *   Counts of one order.
 * @returns
 *   Discounts for counts 1, 2, and 3 or more.
 */
function discounts(counts: Iterable<number>): [number, number, number] {
  let once = 0
  let twice = 0
  for (const count of counts) {
    if (count === 1) once++
    else if (count === 2) twice++
  }
  const value = Math.min(Math.max((once + twice > 0 ? once / (once + 2 * twice) : 0.5) , 0.1), 0.95)
  return [value, value, value]
}

/**
 * @param discount
 *   Discounts of the order.
 * @param count
 *   Count.
 * @returns
 *   What the discount takes from that count.
 */
function take(discount: [number, number, number], count: number): number {
  if (count <= 0) return 0
  return count === 1 ? discount[0] : count === 2 ? discount[1] : discount[2]
}
