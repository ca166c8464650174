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
  /**
   * Index of the two-word history `(u, v)` of each seen pair `(u, v)` (by
   * its entry in `bigram`), or `-1`: a history is the end of the triple
   * before it, so every one but the sentence start is a seen pair, and
   * decoding, which has the pair's entry at hand, needs no second search.
   */
  pairHistory: Int32Array
  /** Index of the history `start start`, or `-1` without sentences. */
  startHistory: number
  /** Log back-off weight of each seen two-word history, by its index. */
  trigramBackoff: Float64Array
  /** `log P(w | u, v)` of the seen triples, keyed `(history index, w)`. */
  trigram: PairTable
}

/** Sentences laid end to end. */
export interface Sentences {
  /** Ids of every sentence, one after another. */
  ids: Int32Array
  /** Where each sentence ends in `ids` (exclusive), ascending. */
  ends: Int32Array
  /**
   * Index of the first sentence that brings its own context: its first two
   * ids stand where the start symbols would, its last where the end symbol
   * would (fragments, which are not sentences). Sentences before it get the
   * start and end symbols. Default: none brings its own.
   */
  framed?: number
}

/**
 * Train an interpolated Kneser–Ney trigram model.
 *
 * @param sentences
 *   Sentences.
 * @param size
 *   Vocabulary size; ids never seen get the uniform share of the unigram.
 * @returns
 *   Model.
 */
export function trainLanguageModel(sentences: Sentences, size: number): LanguageModel {
  // Every triple as three columns, put in order by a radix sort: equal
  // triples form runs (their counts), and histories, pairs and rows come out
  // in order, so counting needs no hash maps and the tables no sorting.
  const framed = sentences.framed ?? sentences.ends.length
  const length = sentences.ids.length + sentences.ends.length
  const first = new Int32Array(length)
  const second = new Int32Array(length)
  const third = new Int32Array(length)
  let filled = 0
  let from = 0
  for (const [sentence, end] of sentences.ends.entries()) {
    const own = sentence >= framed
    let u = own ? (sentences.ids[from] ?? start) : start
    let v = own ? (sentences.ids[from + 1] ?? start) : start
    for (let index = own ? from + 2 : from; index < end; index++) {
      const w = sentences.ids[index] ?? 0
      first[filled] = u
      second[filled] = v
      third[filled++] = w
      u = v
      v = w
    }
    if (!own) {
      first[filled] = u
      second[filled] = v
      third[filled++] = stop
    }
    from = end
  }
  // Distinct triples, in order, with their counts.
  const tripleFirst = new Int32Array(length)
  const tripleSecond = new Int32Array(length)
  const tripleThird = new Int32Array(length)
  const tripleCounts = new Int32Array(length)
  let triples = 0
  for (const index of sortedOrder([first.subarray(0, filled), second.subarray(0, filled), third.subarray(0, filled)], size)) {
    const u = first[index] ?? 0
    const v = second[index] ?? 0
    const w = third[index] ?? 0
    const last = triples - 1
    if (last >= 0 && u === tripleFirst[last] && v === tripleSecond[last] && w === tripleThird[last]) {
      tripleCounts[last] = (tripleCounts[last] ?? 0) + 1
    } else {
      tripleFirst[triples] = u
      tripleSecond[triples] = v
      tripleThird[triples] = w
      tripleCounts[triples++] = 1
    }
  }

  // Bigram level: continuation counts N1+(• v w), the number of distinct
  // triples ending in the pair; after the start symbol, where nothing
  // precedes (only `start start w` ends in `start w`), raw counts.
  const pairFirst = new Int32Array(triples)
  const pairSecond = new Int32Array(triples)
  const pairCounts = new Int32Array(triples)
  const pairOfTriple = new Int32Array(triples)
  let pairs = 0
  for (const index of sortedOrder([tripleSecond.subarray(0, triples), tripleThird.subarray(0, triples)], size)) {
    const v = tripleSecond[index] ?? 0
    const w = tripleThird[index] ?? 0
    const last = pairs - 1
    if (last >= 0 && v === pairFirst[last] && w === pairSecond[last]) {
      pairCounts[last] = (pairCounts[last] ?? 0) + 1
    } else {
      pairFirst[pairs] = v
      pairSecond[pairs] = w
      pairCounts[pairs++] = v === start ? (tripleCounts[index] ?? 0) : 1
    }
    pairOfTriple[index] = pairs - 1
  }
  const discount3 = discounts(tripleCounts.subarray(0, triples))
  const discount2 = discounts(pairCounts.subarray(0, pairs))

  const middleTotal = new Float64Array(size)
  const middleFreed = new Float64Array(size)
  const wordContinuation = new Float64Array(size)
  for (let index = 0; index < pairs; index++) {
    const v = pairFirst[index] ?? 0
    const w = pairSecond[index] ?? 0
    const count = pairCounts[index] ?? 0
    middleTotal[v] = (middleTotal[v] ?? 0) + count
    middleFreed[v] = (middleFreed[v] ?? 0) + take(discount2, count)
    wordContinuation[w] = (wordContinuation[w] ?? 0) + 1
  }
  const discount1 = discounts(wordContinuation.filter((count) => count > 0))

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
  const bigramProbability = new Float64Array(pairs)
  const bigramValues = new Float64Array(pairs)
  for (let index = 0; index < pairs; index++) {
    const v = pairFirst[index] ?? 0
    const w = pairSecond[index] ?? 0
    const total = middleTotal[v] ?? 1
    const count = pairCounts[index] ?? 0
    const probability =
      (count - take(discount2, count)) / total + ((middleFreed[v] ?? 0) / total) * (unigramProbability[w] ?? 0)
    bigramProbability[index] = probability
    bigramValues[index] = Math.log(probability)
  }
  const bigram = createPairTable(size, pairFirst.slice(0, pairs), pairSecond.slice(0, pairs), bigramValues)

  // Trigram level: raw counts; histories are numbered in sorted order, and
  // each history's triples are one run.
  const pairHistory = new Int32Array(pairs).fill(-1)
  let startHistory = -1
  const trigramBackoff: number[] = []
  const trigramRows = new Int32Array(triples)
  const trigramValues = new Float64Array(triples)
  for (let from = 0; from < triples; ) {
    const u = tripleFirst[from] ?? 0
    const v = tripleSecond[from] ?? 0
    let end = from
    let total = 0
    let freed = 0
    while (end < triples && tripleFirst[end] === u && tripleSecond[end] === v) {
      total += tripleCounts[end] ?? 0
      freed += take(discount3, tripleCounts[end] ?? 0)
      end++
    }
    const history = trigramBackoff.length
    if (u === start && v === start) startHistory = history
    else pairHistory[findPair(bigram, u, v)] = history
    trigramBackoff.push(Math.log(freed / total))
    for (let entry = from; entry < end; entry++) {
      const lower = bigramProbability[pairOfTriple[entry] ?? 0] ?? 0
      const count = tripleCounts[entry] ?? 0
      trigramRows[entry] = history
      trigramValues[entry] = Math.log((count - take(discount3, count)) / total + (freed / total) * lower)
    }
    from = end
  }

  return {
    size,
    unigram,
    bigramBackoff,
    bigram,
    pairHistory,
    startHistory,
    trigramBackoff: Float64Array.from(trigramBackoff),
    trigram: createPairTable(trigramBackoff.length, trigramRows, tripleThird.slice(0, triples), trigramValues)
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
  return bigramFrom(model, v, w, findPair(model.bigram, v, w))
}

/**
 * `log P(w | v)` given the pair's entry in `model.bigram` (`-1`: unseen).
 *
 * @param model
 *   Language model.
 * @param v
 *   Previous id.
 * @param w
 *   Id to score.
 * @param entry
 *   Entry of `(v, w)`.
 * @returns
 *   Log probability.
 */
export function bigramFrom(model: LanguageModel, v: number, w: number, entry: number): number {
  if (entry >= 0) return model.bigram.values[entry] ?? 0
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
function historyOf(model: LanguageModel, u: number, v: number): number {
  if (u === start && v === start) return model.startHistory
  return historyFrom(model, findPair(model.bigram, u, v))
}

/**
 * Index of the two-word history `u, v` given the pair's entry in
 * `model.bigram` (`-1`: unseen), or `-1` when the model never saw it.
 *
 * @param model
 *   Language model.
 * @param entry
 *   Entry of `(u, v)`.
 * @returns
 *   History index.
 */
export function historyFrom(model: LanguageModel, entry: number): number {
  return entry < 0 ? -1 : (model.pairHistory[entry] ?? -1)
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
 * Order of the rows of `columns` sorted by the first column, then the
 * second… (a stable radix sort: one counting pass per column, last first).
 *
 * @param columns
 *   Columns of equal length, values in `0 … size - 1`.
 * @param size
 *   Bound of the values.
 * @returns
 *   Row indices in order.
 */
function sortedOrder(columns: Int32Array[], size: number): Int32Array {
  const length = columns[0]?.length ?? 0
  let order = new Int32Array(length)
  for (let index = 0; index < length; index++) order[index] = index
  let next = new Int32Array(length)
  const counts = new Int32Array(size + 1)
  for (let column = columns.length - 1; column >= 0; column--) {
    const values = columns[column] ?? new Int32Array(length)
    counts.fill(0)
    for (let index = 0; index < length; index++) {
      const slot = (values[index] ?? 0) + 1
      counts[slot] = (counts[slot] ?? 0) + 1
    }
    for (let value = 0; value < size; value++) counts[value + 1] = (counts[value + 1] ?? 0) + (counts[value] ?? 0)
    for (const index of order) {
      const value = values[index] ?? 0
      const at = counts[value] ?? 0
      next[at] = index
      counts[value] = at + 1
    }
    const swap = order
    order = next
    next = swap
  }
  return order
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
function discounts(counts: ArrayLike<number>): [number, number, number] {
  let once = 0
  let twice = 0
  for (let index = 0; index < counts.length; index++) {
    const count = counts[index]
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
