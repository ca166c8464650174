/**
 * Joint decoding of a sentence: bigram max-marginals to prune candidates,
 * then trigram Viterbi over what is left, with max-marginals for confidences.
 */
import {bigramScore, historyOf, start, stop, trigramFrom, trigramScore, type LanguageModel} from './lm.js'

// Histories more than this far (log) below the best are not extended.
const beam = 14
// Candidates whose best bigram path is this far below the best one are
// dropped (6 chose the same readings as 10 on held-out stripped text and on
// the Tesseract readings of held-out documents, and halves the trigram pass).
const pruning = 6

// Decoding needs the same arrays sentence after sentence: they are kept
// between sentences and grown when one needs more (decoding never
// re-enters itself). Each use has its own index, among the arrays of
// numbers and among those of integers.
const use = {
  emit: 0,
  pairs: 1,
  forward: 2,
  totals: 3,
  backward: 4,
  reducedEmit: 5,
  reducedPairs: 6,
  scores: 7,
  marginals: 8,
  triples: 9,
  states: 10,
  completions: 11
}
const intUse = {
  offsets: 0,
  ids: 1,
  pairOffsets: 2,
  kept: 3,
  reducedOffsets: 4,
  reducedIds: 5,
  reducedPairOffsets: 6,
  chosen: 7,
  fineChosen: 8,
  histories: 9,
  tripleOffsets: 10,
  backs: 11
}
// One array per use from the start, replaced by a longer one when needed.
const floatPool = Array.from({length: 12}, () => new Float64Array(64))
const intPool = Array.from({length: 12}, () => new Int32Array(64))

/**
 * @param index
 *   Use of the array.
 * @param length
 *   Entries needed.
 * @returns
 *   A pooled array of at least that length (contents left over).
 */
function floats(index: number, length: number): Float64Array {
  let array = floatPool[index]
  if (!array || array.length < length) {
    array = new Float64Array(Math.max(64, length, 2 * (array?.length ?? 0)))
    floatPool[index] = array
  }
  return array
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
  let array = intPool[index]
  if (!array || array.length < length) {
    array = new Int32Array(Math.max(64, length, 2 * (array?.length ?? 0)))
    intPool[index] = array
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
 * Bigram scores between the candidates of neighbouring slots already looked
 * up (a text repeats its word pairs): where each pair of slots has its
 * scores (`a * width + b` on from there) in one growing array.
 */
export interface PairMemo {
  /** Start of the scores of each slot and next slot. */
  at: Map<Slot, Map<Slot, number>>
  /** The scores. */
  scores: Float64Array
  /** Entries of `scores` in use. */
  size: number
}

/**
 * @param capacity
 *   Scores to make room for at first.
 * @returns
 *   An empty memo of bigram scores.
 */
export function createPairMemo(capacity: number): PairMemo {
  return {at: new Map(), scores: new Float64Array(Math.max(capacity, 64)), size: 0}
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
 * @param memo
 *   Bigram scores of neighbouring slots already looked up (filled as
 *   sentences are decoded; the same slots must always hold the same
 *   candidates).
 * @returns
 *   Chosen candidates and per-candidate scores.
 */
export function viterbi(model: LanguageModel, slots: Slot[], memo?: PairMemo): Decoding {
  // The stages hand their results over in the pooled arrays (objects
  // holding them would tie the optimised code to their shapes).
  const count = slots.length
  flatten(slots)
  const offsets = integers(intUse.offsets, 0)
  const entries = offsets[count] ?? 0
  const fullIds = integers(intUse.ids, 0)
  const fullEmit = floats(use.emit, 0)
  maxMarginals(model, count, slots, memo)
  const totals = floats(use.totals, 0)
  const pairs = floats(use.pairs, 0)
  const pairOffsets = integers(intUse.pairOffsets, 0)
  let best = Number.NEGATIVE_INFINITY
  for (let index = offsets[0] ?? 0; index < (offsets[1] ?? 0); index++) best = Math.max(best, totals[index] ?? 0)
  // The reduced lattice keeps the candidates some good bigram path goes
  // through; `kept` maps its entries back to the full lattice.
  const kept = integers(intUse.kept, entries)
  const reducedOffsets = integers(intUse.reducedOffsets, count + 1)
  reducedOffsets[0] = 0
  let size = 0
  for (let position = 0; position < count; position++) {
    for (let index = offsets[position] ?? 0; index < (offsets[position + 1] ?? 0); index++) {
      if ((totals[index] ?? 0) >= best - pruning) kept[size++] = index
    }
    reducedOffsets[position + 1] = size
  }
  const ids = integers(intUse.reducedIds, size)
  const emit = floats(use.reducedEmit, size)
  for (let index = 0; index < size; index++) {
    ids[index] = fullIds[kept[index] ?? 0] ?? 0
    emit[index] = fullEmit[kept[index] ?? 0] ?? 0
  }
  // The bigram scores of the kept pairs, taken from the full lattice.
  const reducedPairOffsets = integers(intUse.reducedPairOffsets, count + 1)
  reducedPairOffsets[0] = 0
  for (let position = 0; position < count; position++) {
    const width = (reducedOffsets[position + 1] ?? 0) - (reducedOffsets[position] ?? 0)
    const previous = position > 0 ? (reducedOffsets[position] ?? 0) - (reducedOffsets[position - 1] ?? 0) : 1
    reducedPairOffsets[position + 1] = (reducedPairOffsets[position] ?? 0) + previous * width
  }
  const reducedPairs = floats(use.reducedPairs, reducedPairOffsets[count] ?? 0)
  for (let position = 0; position < count; position++) {
    const from = reducedOffsets[position] ?? 0
    const width = (reducedOffsets[position + 1] ?? 0) - from
    const fullFrom = offsets[position] ?? 0
    const fullWidth = (offsets[position + 1] ?? 0) - fullFrom
    const previousFrom = position > 0 ? (reducedOffsets[position - 1] ?? 0) : 0
    const previousWidth = position > 0 ? from - previousFrom : 1
    const previousFullFrom = position > 0 ? (offsets[position - 1] ?? 0) : 0
    const target = reducedPairOffsets[position] ?? 0
    const source = pairOffsets[position] ?? 0
    for (let a = 0; a < previousWidth; a++) {
      const fullA = position > 0 ? (kept[previousFrom + a] ?? 0) - previousFullFrom : 0
      for (let b = 0; b < width; b++) {
        const fullB = (kept[from + b] ?? 0) - fullFrom
        reducedPairs[target + a * width + b] = pairs[source + fullA * fullWidth + fullB] ?? 0
      }
    }
  }
  trigramViterbi(model, count, reducedOffsets, ids, emit, reducedPairs, reducedPairOffsets)
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
 * backward Viterbi; bigram scores of each pair looked up once).
 *
 * Works on the sentence `flatten` laid out, and leaves in the pooled
 * arrays the max-marginal log score of each entry (`totals`) and the bigram
 * score of each pair of neighbouring entries
 * (`pairs[pairOffsets[p] + a * width(p) + b]`: candidate `a` at `p - 1`,
 * the start symbol for `p = 0`, and `b` at `p`).
 *
 * @param model
 *   Language model.
 * @param count
 *   Number of positions.
 * @param slots
 *   The positions.
 * @param memo
 *   Bigram scores of neighbouring slots already looked up.
 */
function maxMarginals(model: LanguageModel, count: number, slots: Slot[], memo: PairMemo | undefined): void {
  const offsets = integers(intUse.offsets, 0)
  const ids = integers(intUse.ids, 0)
  const emit = floats(use.emit, 0)
  const size = offsets[count] ?? 0
  const pairOffsets = integers(intUse.pairOffsets, count + 1)
  pairOffsets[0] = 0
  for (let position = 0; position < count; position++) {
    const width = (offsets[position + 1] ?? 0) - (offsets[position] ?? 0)
    const previous = position > 0 ? (offsets[position] ?? 0) - (offsets[position - 1] ?? 0) : 1
    pairOffsets[position + 1] = (pairOffsets[position] ?? 0) + previous * width
  }
  const pairs = floats(use.pairs, pairOffsets[count] ?? 0)
  const forward = floats(use.forward, size)
  for (let position = 0; position < count; position++) {
    const from = offsets[position] ?? 0
    const width = (offsets[position + 1] ?? 0) - from
    const previousFrom = position > 0 ? (offsets[position - 1] ?? 0) : 0
    const previousWidth = position > 0 ? from - previousFrom : 1
    const previousIds = position > 0 ? ids : startIds
    const pairFrom = pairOffsets[position] ?? 0
    const previousSlot = position > 0 ? slots[position - 1] : undefined
    const slot = slots[position]
    const area = previousWidth * width
    const known = memo && previousSlot && slot && area > 1 ? memo.at.get(previousSlot)?.get(slot) : undefined
    if (memo && known !== undefined) {
      for (let index = 0; index < area; index++) pairs[pairFrom + index] = memo.scores[known + index] ?? 0
    } else {
      for (let a = 0; a < previousWidth; a++) {
        const v = previousIds[previousFrom + a] ?? start
        for (let b = 0; b < width; b++) pairs[pairFrom + a * width + b] = bigramScore(model, v, ids[from + b] ?? 0)
      }
      // Only pairs of open positions are worth keeping.
      if (memo && previousSlot && slot && area > 1) {
        let next = memo.at.get(previousSlot)
        if (!next) {
          next = new Map()
          memo.at.set(previousSlot, next)
        }
        if (memo.scores.length < memo.size + area) {
          const grown = new Float64Array(4 * (memo.size + area))
          grown.set(memo.scores)
          memo.scores = grown
        }
        for (let index = 0; index < area; index++) memo.scores[memo.size + index] = pairs[pairFrom + index] ?? 0
        next.set(slot, memo.size)
        memo.size += area
      }
    }
    for (let b = 0; b < width; b++) forward[from + b] = Number.NEGATIVE_INFINITY
    for (let a = 0; a < previousWidth; a++) {
      const prior = position > 0 ? (forward[previousFrom + a] ?? 0) : 0
      for (let b = 0; b < width; b++) {
        const value = pairs[pairFrom + a * width + b] ?? 0
        if (prior + value > (forward[from + b] ?? 0)) forward[from + b] = prior + value
      }
    }
    for (let b = 0; b < width; b++) forward[from + b] = (forward[from + b] ?? 0) + (emit[from + b] ?? 0)
  }
  // Backward, adding the best completion of each candidate to its forward score.
  const totals = floats(use.totals, size)
  const backward = floats(use.backward, size)
  for (let position = count - 1; position >= 0; position--) {
    const from = offsets[position] ?? 0
    const width = (offsets[position + 1] ?? 0) - from
    const nextFrom = offsets[position + 1] ?? 0
    const nextWidth = position + 1 < count ? (offsets[position + 2] ?? 0) - nextFrom : 0
    const pairFrom = pairOffsets[position + 1] ?? 0
    for (let a = 0; a < width; a++) {
      let top: number
      if (position + 1 === count) top = bigramScore(model, ids[from + a] ?? 0, stop)
      else {
        top = Number.NEGATIVE_INFINITY
        for (let b = 0; b < nextWidth; b++) {
          const score = (pairs[pairFrom + a * nextWidth + b] ?? 0) + (emit[nextFrom + b] ?? 0) + (backward[nextFrom + b] ?? 0)
          if (score > top) top = score
        }
      }
      backward[from + a] = top
      totals[from + a] = (forward[from + a] ?? 0) + top
    }
  }
}

/**
 * Exact trigram Viterbi, with max-marginals from a backward pass. Leaves
 * in the pooled arrays the index of the chosen candidate at each position
 * (within the position, `fineChosen`) and the score of the best path
 * through each entry (`marginals`).
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
 * @param pairs
 *   Bigram score of each pair of neighbouring entries (see `maxMarginals`).
 * @param pairOffsets
 *   Where each position's pairs start.
 */
function trigramViterbi(
  model: LanguageModel,
  count: number,
  offsets: Int32Array,
  ids: Int32Array,
  emit: Float64Array,
  pairs: Float64Array,
  pairOffsets: Int32Array
): void {
  const chosen = integers(intUse.fineChosen, count)
  const marginals = floats(use.marginals, offsets[count] ?? 0)
  if (count === 0) return
  // States are pairs (candidate a at p - 1, candidate b at p), numbered
  // stateOffsets[p] + a * width(p) + b like the pairs; positions before
  // the first hold the start symbol alone.
  const widthOf = (position: number): number => (position < 0 ? 1 : (offsets[position + 1] ?? 0) - (offsets[position] ?? 0))
  const idAt = (position: number, index: number): number => (position < 0 ? start : (ids[(offsets[position] ?? 0) + index] ?? start))
  const states = pairOffsets[count] ?? 0
  // The language model's history index of each state (`-1`: never seen),
  // and the trigram score of each (state at p - 1, candidate at p), looked
  // up once for the forward and the backward pass: a state (z, a) at p - 1
  // followed by b at p is scored at tripleOffsets[p] + (z * width(p - 1) +
  // a) * width(p) + b.
  const histories = integers(intUse.histories, states)
  const tripleOffsets = integers(intUse.tripleOffsets, count + 1)
  tripleOffsets[0] = 0
  for (let position = 0; position < count; position++) {
    const from = pairOffsets[position] ?? 0
    const width = widthOf(position)
    const previousWidth = widthOf(position - 1)
    for (let a = 0; a < previousWidth; a++) {
      const u = idAt(position - 1, a)
      for (let b = 0; b < width; b++) histories[from + a * width + b] = historyOf(model, u, idAt(position, b))
    }
    tripleOffsets[position + 1] = (tripleOffsets[position] ?? 0) + widthOf(position - 2) * previousWidth * width
  }
  const triples = floats(use.triples, tripleOffsets[count] ?? 0)
  for (let position = 0; position < count; position++) {
    const from = offsets[position] ?? 0
    const width = widthOf(position)
    const previousWidth = widthOf(position - 1)
    const beforeWidth = widthOf(position - 2)
    const pairFrom = pairOffsets[position] ?? 0
    const lastPairs = position > 0 ? (pairOffsets[position - 1] ?? 0) : -1
    const target = tripleOffsets[position] ?? 0
    for (let z = 0; z < beforeWidth; z++) {
      for (let a = 0; a < previousWidth; a++) {
        // Before the first position the history is the start symbol twice.
        const history = lastPairs < 0 ? historyOf(model, start, start) : (histories[lastPairs + z * previousWidth + a] ?? -1)
        const row = target + (z * previousWidth + a) * width
        for (let b = 0; b < width; b++) {
          triples[row + b] = trigramFrom(model, history, ids[from + b] ?? 0, pairs[pairFrom + a * width + b] ?? 0)
        }
      }
    }
  }

  const scores = floats(use.states, states)
  const backs = integers(intUse.backs, states)
  for (let position = 0; position < count; position++) {
    const from = offsets[position] ?? 0
    const width = widthOf(position)
    const previousWidth = widthOf(position - 1)
    const beforeWidth = widthOf(position - 2)
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
  const lastWidth = widthOf(count - 1)
  const previousWidth = widthOf(count - 2)
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
    chosen[position - 2] = backs[(pairOffsets[position] ?? 0) + a * widthOf(position) + b] ?? 0
  }

  // Backward pass: the best completion of each state, so that every
  // candidate gets the score of the best trigram path through it.
  const backward = floats(use.completions, states)
  for (let position = count - 1; position >= 0; position--) {
    const from = offsets[position] ?? 0
    const width = widthOf(position)
    const previousWidth = widthOf(position - 1)
    const here = pairOffsets[position] ?? 0
    const hasNext = position + 1 < count
    const nextFrom = offsets[position + 1] ?? 0
    const nextWidth = hasNext ? widthOf(position + 1) : 0
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
