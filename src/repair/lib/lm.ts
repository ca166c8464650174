/**
 * Syllable trigram language model with interpolated Kneser–Ney smoothing,
 * stored as log probabilities keyed by integer ids for fast decoding.
 */

/** Id of the sentence-start symbol. */
export const start = 1
/** Id of the sentence-end symbol. */
export const stop = 2

/** A trained trigram model over ids `0 … size - 1` (natural logarithms). */
export interface LanguageModel {
  /** Number of ids the model knows (the vocabulary size). */
  size: number
  /** `log P(w)` for every id. */
  unigram: number[]
  /** Seen one-word histories `v`. */
  bigram: Map<number, History>
  /** Seen histories `u, v`, keyed `u * size + v` (small integers, fast keys). */
  trigram: Map<number, History>
}

/** What the model knows after a seen two-word history. */
export interface History {
  /** Log back-off weight for words not seen after it. */
  backoff: number
  /** `log P(w | u, v)` of the words seen after it. */
  next: Map<number, number>
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
  const unigram: number[] = []
  for (let id = 0; id < size; id++) {
    const count = wordContinuation[id] ?? 0
    const probability = (count - take(discount1, count)) / continuationTotal + uniformShare
    unigramProbability[id] = probability
    unigram.push(Math.log(probability))
  }

  const bigram = new Map<number, History>()
  for (let v = 0; v < size; v++) {
    const total = middleTotal[v] ?? 0
    if (total > 0) bigram.set(v, {backoff: Math.log((middleFreed[v] ?? 0) / total), next: new Map()})
  }
  const bigramProbability = new Map<number, number>()
  for (const [pair, count] of pairContinuation) {
    const v = Math.floor(pair / size)
    const w = pair % size
    const total = middleTotal[v] ?? 1
    const probability =
      (count - take(discount2, count)) / total + ((middleFreed[v] ?? 0) / total) * (unigramProbability[w] ?? 0)
    bigramProbability.set(pair, probability)
    bigram.get(v)?.next.set(w, Math.log(probability))
  }

  const trigram = new Map<number, History>()
  for (const [history, total] of historyCount) {
    trigram.set(history, {backoff: Math.log((historyFreed.get(history) ?? 0) / total), next: new Map()})
  }
  for (const [key, count] of triples) {
    const history = Math.floor(key / size)
    const pair = key % (size * size)
    const total = historyCount.get(history) ?? 1
    const lower = bigramProbability.get(pair) ?? 0
    const probability =
      (count - take(discount3, count)) / total + ((historyFreed.get(history) ?? 0) / total) * lower
    trigram.get(history)?.next.set(key % size, Math.log(probability))
  }

  return {size, unigram, bigram, trigram}
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
  const history = model.bigram.get(v)
  const unigram = model.unigram[w] ?? -30
  if (!history) return unigram
  return history.next.get(w) ?? history.backoff + unigram
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
  const history = model.trigram.get(u * model.size + v)
  if (!history) return bigramScore(model, v, w)
  return history.next.get(w) ?? history.backoff + bigramScore(model, v, w)
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
