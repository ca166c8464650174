/**
 * Content similarity between nodes: TF-IDF cosine over syllable unigrams and
 * bigrams of the diacritic-free key. Folding diacritics lets an OCR-damaged
 * or differently accented text still meet its clean counterpart, and bigrams
 * keep word order in play so that two bullets sharing the stock phrases of
 * the genre ("đổi mới, nâng cao chất lượng") do not look alike by accident.
 */
import {toBareKey} from '../../ingest/index.js'

/** A weighted, L2-normalised sparse vector. */
export type Vector = Map<string, number>

/**
 * Syllables of a text, diacritics folded, punctuation dropped.
 *
 * @param value
 *   Text.
 * @returns
 *   Syllables, lower case `a-z0-9`.
 */
export function syllables(value: string): string[] {
  const key = toBareKey(value)
  return key ? key.split(' ') : []
}

/**
 * Features of a text with their counts: each syllable, and each pair of
 * neighbouring syllables.
 *
 * @param value
 *   Text.
 * @returns
 *   Feature counts.
 */
export function features(value: string): Map<string, number> {
  const tokens = syllables(value)
  const counts = new Map<string, number>()
  const add = (feature: string): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1)
  }
  for (let index = 0; index < tokens.length; index++) {
    add(tokens[index] ?? '')
    if (index > 0) add((tokens[index - 1] ?? '') + ' ' + (tokens[index] ?? ''))
  }
  return counts
}

/**
 * Turn feature counts into TF-IDF vectors, the IDF taken over all the texts
 * given (the nodes of both documents), so that phrases every node repeats
 * weigh little.
 *
 * @param texts
 *   Feature counts of each text.
 * @returns
 *   One normalised vector per text, in order.
 */
export function vectorize(texts: Array<Map<string, number>>): Vector[] {
  const frequency = new Map<string, number>()
  for (const counts of texts) {
    for (const feature of counts.keys()) frequency.set(feature, (frequency.get(feature) ?? 0) + 1)
  }
  const total = texts.length
  return texts.map((counts) => {
    const vector: Vector = new Map()
    let norm = 0
    // Sorted so that floating-point sums come out the same on every run.
    for (const feature of [...counts.keys()].sort()) {
      const tf = 1 + Math.log(counts.get(feature) ?? 1)
      const idf = Math.log((1 + total) / (1 + (frequency.get(feature) ?? 0))) + 1
      const weight = tf * idf
      vector.set(feature, weight)
      norm += weight * weight
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const [feature, weight] of vector) vector.set(feature, weight / norm)
    return vector
  })
}

/**
 * Cosine of two normalised vectors.
 *
 * @param left
 *   Vector.
 * @param right
 *   Vector.
 * @returns
 *   Similarity from 0 to 1.
 */
export function cosine(left: Vector, right: Vector): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left]
  let sum = 0
  for (const [feature, weight] of small) {
    const other = large.get(feature)
    if (other !== undefined) sum += weight * other
  }
  return Math.min(1, Math.max(0, sum))
}
