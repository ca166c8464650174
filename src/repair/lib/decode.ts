/**
 * Joint decoding of a sentence: bigram max-marginals to prune candidates,
 * then trigram Viterbi over what is left, with max-marginals for confidences.
 */
import {bigramFrom, bigramScore, historyFrom, start, stop, trigramFrom, trigramScore, type LanguageModel} from './lm.js'
import {findDense, findPair, type PairTable} from './table.js'

// Histories more than this far (log) below the best are not extended.
const beam = 14
// Candidates whose best bigram path is this far below the best one are
// dropped (6 chose the same readings as 10 on held-out stripped text and on
// the Tesseract readings of held-out documents, and halves the trigram pass;
// with the general language model, 5 reads as 6 did, but for one syllable of
// the Tesseract readings, in a tenth less time).
const pruning = 5
// Rows without bits of up to this many entries per candidate are read
// through rather than searched (16 was fastest on seed 002).
const scanLength = 16

// Decoding needs the same arrays sentence after sentence: they are kept
// between sentences and grown when one needs more (decoding never
// re-enters itself). Each use has its own index, among the arrays of
// numbers and among those of integers.
const use = {
  emit: 0,
  forward: 1,
  totals: 2,
  backward: 3,
  reducedEmit: 4,
  reducedPairs: 5,
  scores: 6,
  marginals: 7,
  triples: 8,
  states: 9,
  completions: 10,
  seenScore: 11
}
const intUse = {
  offsets: 0,
  ids: 1,
  kept: 2,
  reducedOffsets: 3,
  reducedIds: 4,
  reducedPairOffsets: 5,
  chosen: 6,
  fineChosen: 7,
  histories: 8,
  tripleOffsets: 9,
  backs: 10,
  seenStart: 11,
  seenFrom: 12,
  seenTo: 13,
  mark: 14,
  found: 15,
  keptAt: 16,
  seenEntry: 17
}
// One array per use from the start, replaced by a longer one when needed.
const floatPool = Array.from({length: 12}, () => new Float64Array(64))
const intPool = Array.from({length: 18}, () => new Int32Array(64))

/**
 * @param index
 *   Use of the array.
 * @param length
 *   Entries needed.
 * @returns
 *   A pooled array of at least that length (contents left over).
 */
function floats(index: number, length: number): Float64Array {
  return pooled(floatPool, index, length, (size) => new Float64Array(size))
}

/**
 * @param index
 *   Use of the array.
 * @param length
 *   Entries needed.
 * @returns
 *   A pooled array of at least that length (contents left over).
 */
function integers(index: number, length: number): Int32Array {
  return pooled(intPool, index, length, (size) => new Int32Array(size))
}

/**
 * The array of a pool for one use, replaced by a longer one (at least
 * twice as long) when it is too short.
 *
 * @param pool
 *   Arrays by use.
 * @param index
 *   Use of the array.
 * @param length
 *   Entries needed.
 * @param make
 *   Make an array of a size.
 * @returns
 *   Array.
 */
function pooled<T extends Float64Array | Int32Array>(pool: T[], index: number, length: number, make: (size: number) => T): T {
  let array = pool[index]
  if (!array || array.length < length) {
    array = make(Math.max(64, length, 2 * (array?.length ?? 0)))
    pool[index] = array
  }
  return array
}

/** One position of a sentence: its candidate ids and their channel scores. */
export interface Slot {
  /** Candidate ids (one for a fixed position). */
  ids: number[]
  /** Log channel score of each candidate (already weighted). */
  emit: number[]
}

/**
 * Decoded sentence. Its arrays are reused by the next decoding: read them
 * before decoding another sentence.
 */
export interface Decoding {
  /** Index of the chosen candidate at each position. */
  chosen: Int32Array
  /**
   * Score of the best path through each candidate, less that of the best
   * path (max-marginals, log, at most 0), for confidences: those of
   * position `p` are `scores[offsets[p] … offsets[p + 1] - 1]`.
   */
  scores: Float64Array
  /** Where each position's scores start, and the end of the last. */
  offsets: Int32Array
}

/**
 * Best sequence of candidates for a sentence under the trigram model.
 * Coarse to fine: a bigram pass scores every candidate by the best path
 * through it and drops those no good path goes through, then an exact
 * trigram pass runs on what is left.
 *
 * @param model
 *   Language model.
 * @param slots
 *   Positions of the sentence.
 * @returns
 *   Chosen candidates and per-candidate scores.
 */
export function viterbi(model: LanguageModel, slots: Slot[]): Decoding {
  // The stages hand their results over in the pooled arrays (objects
  // holding them would tie the optimised code to their shapes).
  const count = slots.length
  flatten(slots)
  const offsets = integers(intUse.offsets, 0)
  const entries = offsets[count] ?? 0
  const fullIds = integers(intUse.ids, 0)
  const fullEmit = floats(use.emit, 0)
  maxMarginals(model, count)
  const totals = floats(use.totals, 0)
  let best = Number.NEGATIVE_INFINITY
  for (let index = offsets[0] ?? 0; index < (offsets[1] ?? 0); index++) best = Math.max(best, totals[index] ?? 0)
  // The reduced lattice keeps the candidates some good bigram path goes
  // through; `kept` maps its entries back to the full lattice, `keptAt` the
  // full lattice's to its own (`-1`: dropped).
  const kept = integers(intUse.kept, entries)
  const keptAt = integers(intUse.keptAt, entries)
  const reducedOffsets = integers(intUse.reducedOffsets, count + 1)
  reducedOffsets[0] = 0
  let size = 0
  for (let position = 0; position < count; position++) {
    for (let index = offsets[position] ?? 0; index < (offsets[position + 1] ?? 0); index++) {
      if ((totals[index] ?? 0) >= best - pruning) {
        keptAt[index] = size
        kept[size++] = index
      } else keptAt[index] = -1
    }
    reducedOffsets[position + 1] = size
  }
  const ids = integers(intUse.reducedIds, size)
  const emit = floats(use.reducedEmit, size)
  for (let index = 0; index < size; index++) {
    ids[index] = fullIds[kept[index] ?? 0] ?? 0
    emit[index] = fullEmit[kept[index] ?? 0] ?? 0
  }
  scoreTriples(model, count, reducedOffsets, ids)
  trigramViterbi(model, count, reducedOffsets, ids, emit)
  const fineChosen = integers(intUse.fineChosen, 0)
  const marginals = floats(use.marginals, 0)
  const chosen = integers(intUse.chosen, count)
  for (let position = 0; position < count; position++) {
    chosen[position] = (kept[(reducedOffsets[position] ?? 0) + (fineChosen[position] ?? 0)] ?? 0) - (offsets[position] ?? 0)
  }
  // Kept candidates are scored by the trigram pass, dropped ones by how far
  // their bigram score fell below the best, on the same relative scale.
  let top = Number.NEGATIVE_INFINITY
  for (let index = 0; index < (reducedOffsets[1] ?? 0); index++) top = Math.max(top, marginals[index] ?? 0)
  const scores = floats(use.scores, entries)
  for (let index = 0; index < entries; index++) scores[index] = (totals[index] ?? 0) - best
  for (let index = 0; index < size; index++) scores[kept[index] ?? 0] = (marginals[index] ?? 0) - top
  return {chosen, scores, offsets}
}

/**
 * Turn scores into probabilities.
 *
 * @param scores
 *   Log scores.
 * @param from
 *   First score to use.
 * @param to
 *   End of the scores to use (exclusive).
 * @returns
 *   Probabilities of `scores[from] … scores[to - 1]`.
 */
export function softmax(scores: ArrayLike<number>, from = 0, to = scores.length): number[] {
  let best = Number.NEGATIVE_INFINITY
  for (let index = from; index < to; index++) best = Math.max(best, scores[index] ?? 0)
  let sum = 0
  const result: number[] = []
  for (let index = from; index < to; index++) {
    const value = Math.exp((scores[index] ?? 0) - best)
    result.push(value)
    sum += value
  }
  for (let index = 0; index < result.length; index++) result[index] = (result[index] ?? 0) / sum
  return result
}

/**
 * The probability `softmax` gives one score, without making the others.
 *
 * @param scores
 *   Log scores.
 * @param from
 *   First score to use.
 * @param to
 *   End of the scores to use (exclusive).
 * @param index
 *   Score whose probability to give.
 * @returns
 *   Probability.
 */
export function probability(scores: ArrayLike<number>, from: number, to: number, index: number): number {
  let best = Number.NEGATIVE_INFINITY
  for (let other = from; other < to; other++) best = Math.max(best, scores[other] ?? 0)
  let sum = 0
  for (let other = from; other < to; other++) sum += Math.exp((scores[other] ?? 0) - best)
  return Math.exp((scores[index] ?? 0) - best) / sum
}

/**
 * Lay a sentence's candidates out flat, in the pooled arrays: those of
 * position `p` are entries `offsets[p] … offsets[p + 1] - 1` of `ids`
 * (candidate ids) and `emit` (their channel scores).
 *
 * @param slots
 *   Positions.
 */
function flatten(slots: Slot[]): void {
  const count = slots.length
  const offsets = integers(intUse.offsets, count + 1)
  offsets[0] = 0
  for (let position = 0; position < count; position++) {
    offsets[position + 1] = (offsets[position] ?? 0) + (slots[position]?.ids.length ?? 0)
  }
  const size = offsets[count] ?? 0
  const ids = integers(intUse.ids, size)
  const emit = floats(use.emit, size)
  for (let position = 0; position < count; position++) {
    const slot = slots[position]
    if (!slot) continue
    ids.set(slot.ids, offsets[position])
    emit.set(slot.emit, offsets[position])
  }
}

/** The start symbol as a position before the first: one candidate. */
const startIds = new Int32Array([start])

/**
 * Score of the best bigram path through each candidate (forward and
 * backward Viterbi), left in the pooled `totals` for the sentence `flatten`
 * laid out. Most pairs of neighbouring candidates were never seen in
 * training: their score is the first one's back-off weight plus the second
 * one's unigram, which a seen pair's score always exceeds; so the best over
 * the unseen pairs is the best back-off weight (or unigram) taken once, and
 * only the seen pairs are looked at one by one.
 *
 * @param model
 *   Language model.
 * @param count
 *   Number of positions.
 */
function maxMarginals(model: LanguageModel, count: number): void {
  const offsets = integers(intUse.offsets, 0)
  const ids = integers(intUse.ids, 0)
  const emit = floats(use.emit, 0)
  const size = offsets[count] ?? 0
  const {unigram, bigramBackoff, bigram} = model
  const mark = integers(intUse.mark, model.size)
  // The seen pairs of each position and the one before: entries
  // `seenStart[p] … seenStart[p + 1] - 1` of `seenFrom` (candidate before),
  // `seenTo` (candidate at `p`), `seenEntry` (their entry in the model) and
  // `seenScore`; `scoreTriples` reuses them for the candidates kept.
  const seenStart = integers(intUse.seenStart, count + 1)
  let seenFrom = integers(intUse.seenFrom, 64)
  let seenTo = integers(intUse.seenTo, 64)
  let seenEntry = integers(intUse.seenEntry, 64)
  let seenScore = floats(use.seenScore, 64)
  let seen = 0
  seenStart[0] = 0
  const forward = floats(use.forward, size)
  for (let position = 0; position < count; position++) {
    const from = offsets[position] ?? 0
    const width = (offsets[position + 1] ?? 0) - from
    const previousFrom = position > 0 ? (offsets[position - 1] ?? 0) : 0
    const previousWidth = position > 0 ? from - previousFrom : 1
    const previousIds = position > 0 ? ids : startIds
    let best = Number.NEGATIVE_INFINITY
    for (let a = 0; a < previousWidth; a++) {
      const prior = position > 0 ? (forward[previousFrom + a] ?? 0) : 0
      best = Math.max(best, prior + (bigramBackoff[previousIds[previousFrom + a] ?? start] ?? 0))
    }
    for (let b = 0; b < width; b++) forward[from + b] = best + (unigram[ids[from + b] ?? 0] ?? -30)
    if (seen + previousWidth * width > seenFrom.length) {
      // Grown mid-sentence: keep what is already in.
      const length = 2 * (seen + previousWidth * width)
      const grownFrom = new Int32Array(length)
      const grownTo = new Int32Array(length)
      const grownEntry = new Int32Array(length)
      const grownScore = new Float64Array(length)
      grownFrom.set(seenFrom.subarray(0, seen))
      grownTo.set(seenTo.subarray(0, seen))
      grownEntry.set(seenEntry.subarray(0, seen))
      grownScore.set(seenScore.subarray(0, seen))
      seenFrom = grownFrom
      seenTo = grownTo
      seenEntry = grownEntry
      seenScore = grownScore
      intPool[intUse.seenFrom] = grownFrom
      intPool[intUse.seenTo] = grownTo
      intPool[intUse.seenEntry] = grownEntry
      floatPool[use.seenScore] = grownScore
    }
    const found = integers(intUse.found, width)
    markCandidates(mark, ids, from, width, true)
    for (let a = 0; a < previousWidth; a++) {
      const v = previousIds[previousFrom + a] ?? start
      if (!findRow(bigram, v, ids, from, width, mark, found)) continue
      const prior = position > 0 ? (forward[previousFrom + a] ?? 0) : 0
      for (let b = 0; b < width; b++) {
        const entry = found[b] ?? -1
        if (entry < 0) continue
        const score = bigram.values[entry] ?? 0
        seenFrom[seen] = a
        seenTo[seen] = b
        seenEntry[seen] = entry
        seenScore[seen++] = score
        if (prior + score > (forward[from + b] ?? 0)) forward[from + b] = prior + score
      }
    }
    markCandidates(mark, ids, from, width, false)
    seenStart[position + 1] = seen
    for (let b = 0; b < width; b++) forward[from + b] = (forward[from + b] ?? 0) + (emit[from + b] ?? 0)
  }
  // Backward, adding the best completion of each candidate to its forward score.
  const totals = floats(use.totals, size)
  const backward = floats(use.backward, size)
  for (let position = count - 1; position >= 0; position--) {
    const from = offsets[position] ?? 0
    const width = (offsets[position + 1] ?? 0) - from
    const nextFrom = offsets[position + 1] ?? 0
    if (position + 1 === count) {
      for (let a = 0; a < width; a++) backward[from + a] = bigramScore(model, ids[from + a] ?? 0, stop)
    } else {
      const nextWidth = (offsets[position + 2] ?? 0) - nextFrom
      let best = Number.NEGATIVE_INFINITY
      for (let b = 0; b < nextWidth; b++) {
        best = Math.max(best, (unigram[ids[nextFrom + b] ?? 0] ?? -30) + (emit[nextFrom + b] ?? 0) + (backward[nextFrom + b] ?? 0))
      }
      for (let a = 0; a < width; a++) backward[from + a] = (bigramBackoff[ids[from + a] ?? 0] ?? 0) + best
      for (let entry = seenStart[position + 1] ?? 0; entry < (seenStart[position + 2] ?? 0); entry++) {
        const a = from + (seenFrom[entry] ?? 0)
        const b = nextFrom + (seenTo[entry] ?? 0)
        const score = (seenScore[entry] ?? 0) + (emit[b] ?? 0) + (backward[b] ?? 0)
        if (score > (backward[a] ?? 0)) backward[a] = score
      }
    }
    for (let a = 0; a < width; a++) totals[from + a] = (forward[from + a] ?? 0) + (backward[from + a] ?? 0)
  }
}

/**
 * Number of candidates at a position; positions before the first hold the
 * start symbol alone.
 *
 * @param offsets
 *   Start of each position's entries, and the end of the last.
 * @param position
 *   Position (negative: before the first).
 * @returns
 *   Number of candidates.
 */
function widthOf(offsets: Int32Array, position: number): number {
  return position < 0 ? 1 : (offsets[position + 1] ?? 0) - (offsets[position] ?? 0)
}

/**
 * Lay out the pairs and triples of the reduced lattice for `trigramViterbi`,
 * in the pooled arrays: where each position's pairs (`reducedPairOffsets`)
 * and triples (`tripleOffsets`) start, the bigram score (`reducedPairs`) and
 * the language model's history index (`histories`, `-1`: never seen) of each
 * pair, and the trigram score of each triple (`triples`), looked up once for
 * the forward and the backward pass. The pair (a at p - 1, b at p) is
 * numbered reducedPairOffsets[p] + a * width(p) + b; the pair (z, a) at p - 1
 * followed by b at p is scored at tripleOffsets[p] + (z * width(p - 1) + a) *
 * width(p) + b; positions before the first hold the start symbol alone. The
 * seen pairs are those the bigram pass found (with their entries, which give
 * the histories), so no pair is looked up twice: the bigram pass finds every
 * one, as a position's candidates are distinct.
 *
 * @param model
 *   Language model.
 * @param count
 *   Number of positions.
 * @param offsets
 *   Start of each position's entries in the reduced lattice, and the end of
 *   the last.
 * @param ids
 *   Candidate id of each entry.
 */
function scoreTriples(model: LanguageModel, count: number, offsets: Int32Array, ids: Int32Array): void {
  const pairOffsets = integers(intUse.reducedPairOffsets, count + 1)
  const tripleOffsets = integers(intUse.tripleOffsets, count + 1)
  pairOffsets[0] = 0
  tripleOffsets[0] = 0
  for (let position = 0; position < count; position++) {
    const width = widthOf(offsets, position)
    const previousWidth = widthOf(offsets, position - 1)
    pairOffsets[position + 1] = (pairOffsets[position] ?? 0) + previousWidth * width
    tripleOffsets[position + 1] = (tripleOffsets[position] ?? 0) + widthOf(offsets, position - 2) * previousWidth * width
  }
  const pairs = floats(use.reducedPairs, pairOffsets[count] ?? 0)
  const histories = integers(intUse.histories, pairOffsets[count] ?? 0)
  const triples = floats(use.triples, tripleOffsets[count] ?? 0)
  const fullOffsets = integers(intUse.offsets, 0)
  const keptAt = integers(intUse.keptAt, 0)
  const seenStart = integers(intUse.seenStart, 0)
  const seenFrom = integers(intUse.seenFrom, 0)
  const seenTo = integers(intUse.seenTo, 0)
  const seenEntry = integers(intUse.seenEntry, 0)
  const seenScore = floats(use.seenScore, 0)
  for (let position = 0; position < count; position++) {
    const from = offsets[position] ?? 0
    const width = widthOf(offsets, position)
    const previousFrom = position > 0 ? (offsets[position - 1] ?? 0) : 0
    const previousWidth = widthOf(offsets, position - 1)
    const here = pairOffsets[position] ?? 0
    // Every pair as unseen, then the seen ones among the kept candidates.
    for (let a = 0; a < previousWidth; a++) {
      const v = position > 0 ? (ids[previousFrom + a] ?? start) : start
      for (let b = 0; b < width; b++) {
        pairs[here + a * width + b] = bigramFrom(model, v, ids[from + b] ?? 0, -1)
        histories[here + a * width + b] = -1
      }
    }
    const fullFrom = fullOffsets[position] ?? 0
    const fullPreviousFrom = position > 0 ? (fullOffsets[position - 1] ?? 0) : 0
    for (let seen = seenStart[position] ?? 0; seen < (seenStart[position + 1] ?? 0); seen++) {
      const a = position > 0 ? (keptAt[fullPreviousFrom + (seenFrom[seen] ?? 0)] ?? -1) - previousFrom : 0
      const b = (keptAt[fullFrom + (seenTo[seen] ?? 0)] ?? -1) - from
      if (a < 0 || b < 0) continue
      pairs[here + a * width + b] = seenScore[seen] ?? 0
      histories[here + a * width + b] = historyFrom(model, seenEntry[seen] ?? -1)
    }
    const beforeWidth = widthOf(offsets, position - 2)
    const lastPairs = position > 0 ? (pairOffsets[position - 1] ?? 0) : -1
    const target = tripleOffsets[position] ?? 0
    for (let z = 0; z < beforeWidth; z++) {
      for (let a = 0; a < previousWidth; a++) {
        // Before the first position the history is the start symbol twice.
        const history = lastPairs < 0 ? model.startHistory : (histories[lastPairs + z * previousWidth + a] ?? -1)
        const row = target + (z * previousWidth + a) * width
        for (let b = 0; b < width; b++) {
          triples[row + b] = trigramFrom(model, history, ids[from + b] ?? 0, pairs[here + a * width + b] ?? 0)
        }
      }
    }
  }
}

/**
 * Exact trigram Viterbi over the lattice `scoreTriples` laid out, with
 * max-marginals from a backward pass. Leaves in the pooled arrays the index
 * of the chosen candidate at each position (within the position,
 * `fineChosen`) and the score of the best path through each entry
 * (`marginals`).
 *
 * @param model
 *   Language model.
 * @param count
 *   Number of positions.
 * @param offsets
 *   Start of each position's entries, and the end of the last.
 * @param ids
 *   Candidate id of each entry.
 * @param emit
 *   Log channel score of each entry.
 */
function trigramViterbi(model: LanguageModel, count: number, offsets: Int32Array, ids: Int32Array, emit: Float64Array): void {
  const chosen = integers(intUse.fineChosen, count)
  const marginals = floats(use.marginals, offsets[count] ?? 0)
  if (count === 0) return
  // States are pairs (candidate a at p - 1, candidate b at p), numbered
  // like the pairs.
  const idAt = (position: number, index: number): number => (position < 0 ? start : (ids[(offsets[position] ?? 0) + index] ?? start))
  const pairOffsets = integers(intUse.reducedPairOffsets, 0)
  const tripleOffsets = integers(intUse.tripleOffsets, 0)
  const triples = floats(use.triples, 0)
  const states = pairOffsets[count] ?? 0
  const scores = floats(use.states, states)
  const backs = integers(intUse.backs, states)
  for (let position = 0; position < count; position++) {
    const from = offsets[position] ?? 0
    const width = widthOf(offsets, position)
    const previousWidth = widthOf(offsets, position - 1)
    const beforeWidth = widthOf(offsets, position - 2)
    const here = pairOffsets[position] ?? 0
    const last = pairOffsets[position - 1] ?? 0
    const target = tripleOffsets[position] ?? 0
    for (let a = 0; a < previousWidth; a++) {
      let ceiling = Number.NEGATIVE_INFINITY
      if (position > 0) {
        for (let z = 0; z < beforeWidth; z++) ceiling = Math.max(ceiling, scores[last + z * previousWidth + a] ?? Number.NEGATIVE_INFINITY)
      } else ceiling = 0
      for (let b = 0; b < width; b++) {
        let best = Number.NEGATIVE_INFINITY
        let bestZ = 0
        for (let z = 0; z < beforeWidth; z++) {
          const prior = position > 0 ? (scores[last + z * previousWidth + a] ?? Number.NEGATIVE_INFINITY) : 0
          // Histories far below the best one for this `a` cannot win.
          if (prior < ceiling - beam) continue
          const score = prior + (triples[target + (z * previousWidth + a) * width + b] ?? 0)
          if (score > best) {
            best = score
            bestZ = z
          }
        }
        scores[here + a * width + b] = best + (emit[from + b] ?? 0)
        backs[here + a * width + b] = bestZ
      }
    }
  }

  // Close the sentence, then walk back.
  const lastWidth = widthOf(offsets, count - 1)
  const previousWidth = widthOf(offsets, count - 2)
  const final = pairOffsets[count - 1] ?? 0
  let bestA = 0
  let bestB = 0
  let best = Number.NEGATIVE_INFINITY
  for (let a = 0; a < previousWidth; a++) {
    for (let b = 0; b < lastWidth; b++) {
      const value =
        (scores[final + a * lastWidth + b] ?? Number.NEGATIVE_INFINITY) +
        trigramScore(model, idAt(count - 2, a), idAt(count - 1, b), stop)
      if (value > best) {
        best = value
        bestA = a
        bestB = b
      }
    }
  }
  chosen[count - 1] = bestB
  if (count > 1) chosen[count - 2] = bestA
  for (let position = count - 1; position >= 2; position--) {
    const a = chosen[position - 1] ?? 0
    const b = chosen[position] ?? 0
    chosen[position - 2] = backs[(pairOffsets[position] ?? 0) + a * widthOf(offsets, position) + b] ?? 0
  }

  // Backward pass: the best completion of each state, so that every
  // candidate gets the score of the best trigram path through it.
  const backward = floats(use.completions, states)
  for (let position = count - 1; position >= 0; position--) {
    const from = offsets[position] ?? 0
    const width = widthOf(offsets, position)
    const previousWidth = widthOf(offsets, position - 1)
    const here = pairOffsets[position] ?? 0
    const hasNext = position + 1 < count
    const nextFrom = offsets[position + 1] ?? 0
    const nextWidth = hasNext ? widthOf(offsets, position + 1) : 0
    const after = pairOffsets[position + 1] ?? 0
    const next = tripleOffsets[position + 1] ?? 0
    for (let b = 0; b < width; b++) marginals[from + b] = Number.NEGATIVE_INFINITY
    for (let a = 0; a < previousWidth; a++) {
      const u = idAt(position - 1, a)
      for (let b = 0; b < width; b++) {
        let value: number
        if (hasNext) {
          value = Number.NEGATIVE_INFINITY
          const row = next + (a * width + b) * nextWidth
          for (let c = 0; c < nextWidth; c++) {
            const score = (triples[row + c] ?? 0) + (emit[nextFrom + c] ?? 0) + (backward[after + b * nextWidth + c] ?? 0)
            if (score > value) value = score
          }
        } else value = trigramScore(model, u, ids[from + b] ?? 0, stop)
        backward[here + a * width + b] = value
        const total = (scores[here + a * width + b] ?? Number.NEGATIVE_INFINITY) + value
        if (total > (marginals[from + b] ?? 0)) marginals[from + b] = total
      }
    }
  }
}

/**
 * Mark (or unmark) the candidates of a position: `mark[id]` is `b + 1` for
 * the candidate `ids[from + b]`, 0 for any other id.
 *
 * @param mark
 *   Marks by id, written.
 * @param ids
 *   Candidate ids.
 * @param from
 *   First candidate of the position.
 * @param width
 *   Number of candidates.
 * @param on
 *   Whether to mark or to clear.
 */
function markCandidates(mark: Int32Array, ids: Int32Array, from: number, width: number, on: boolean): void {
  for (let b = 0; b < width; b++) mark[ids[from + b] ?? 0] = on ? b + 1 : 0
}

/**
 * Entries of one table row for the candidates of a position (marked with
 * `markCandidates`): `found[b]` is the entry of `(row, ids[from + b])`, or
 * `-1`. A row with bits is looked up per candidate; a short one is read
 * through, marks telling which of its keys are candidates; others are
 * searched per candidate (reading short rows through measured a fifth faster
 * on seed 002 than searching every row).
 *
 * @param table
 *   Table.
 * @param row
 *   Row.
 * @param ids
 *   Candidate ids.
 * @param from
 *   First candidate of the position.
 * @param width
 *   Number of candidates.
 * @param mark
 *   Marks of the position's candidates.
 * @param found
 *   Entries, written (at least `width` long).
 * @returns
 *   Whether the row holds any entry at all (`found` is left alone if not).
 */
function findRow(table: PairTable, row: number, ids: Int32Array, from: number, width: number, mark: Int32Array, found: Int32Array): boolean {
  const first = table.start[row] ?? 0
  const end = table.start[row + 1] ?? 0
  if (first === end) return false
  const index = table.dense[row] ?? -1
  if (index >= 0) {
    for (let b = 0; b < width; b++) found[b] = findDense(table, first, index, ids[from + b] ?? 0)
  } else if (end - first <= scanLength * width) {
    for (let b = 0; b < width; b++) found[b] = -1
    const {keys} = table
    for (let entry = first; entry < end; entry++) {
      const b = (mark[keys[entry] ?? 0] ?? 0) - 1
      if (b >= 0) found[b] = entry
    }
  } else {
    for (let b = 0; b < width; b++) found[b] = findPair(table, row, ids[from + b] ?? 0)
  }
  return true
}
