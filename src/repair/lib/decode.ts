/**
 * Joint decoding of a sentence: bigram max-marginals to prune candidates,
 * then trigram Viterbi over what is left, with max-marginals for confidences.
 */
import {bigramScore, start, stop, trigramScore, type History, type LanguageModel} from './lm.js'

// Histories more than this far (log) below the best are not extended.
const beam = 14
// Candidates whose best bigram path is this far below the best one are dropped.
const pruning = 10

/** One position of a sentence: its candidate ids and their channel scores. */
export interface Slot {
  /** Candidate ids (one for a fixed position). */
  ids: number[]
  /** Log channel score of each candidate (already weighted). */
  emit: number[]
}

/** Decoded sentence. */
export interface Decoding {
  /** Index of the chosen candidate at each position. */
  chosen: number[]
  /**
   * Score of the best path through each candidate of each position, less
   * that of the best path (max-marginals, log, at most 0), for confidences.
   */
  scores: number[][]
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
  const scores = maxMarginals(model, slots)
  let best = Number.NEGATIVE_INFINITY
  for (const value of scores[0] ?? []) best = Math.max(best, value)
  const kept = scores.map((row) => {
    const indices: number[] = []
    for (let index = 0; index < row.length; index++) if ((row[index] ?? 0) >= best - pruning) indices.push(index)
    return indices
  })
  const reduced = slots.map((slot, position) => {
    const indices = kept[position] ?? []
    return {ids: indices.map((index) => slot.ids[index] ?? 0), emit: indices.map((index) => slot.emit[index] ?? 0)}
  })
  const fine = trigramViterbi(model, reduced)
  const chosen = fine.chosen.map((choice, position) => kept[position]?.[choice] ?? 0)
  // Kept candidates are scored by the trigram pass, dropped ones by how far
  // their bigram score fell below the best, on the same relative scale.
  let top = Number.NEGATIVE_INFINITY
  for (const value of fine.marginals[0] ?? []) top = Math.max(top, value)
  const relative = scores.map((row, position) => {
    const result = row.map((value) => value - best)
    const indices = kept[position] ?? []
    const marginal = fine.marginals[position] ?? new Array<number>(0).fill(0)
    for (const [reducedIndex, index] of indices.entries()) result[index] = (marginal[reducedIndex] ?? 0) - top
    return result
  })
  return {chosen, scores: relative}
}

/**
 * Turn scores into probabilities.
 *
 * @param scores
 *   Log scores.
 * @returns
 *   Probabilities.
 */
export function softmax(scores: ArrayLike<number>): number[] {
  let best = Number.NEGATIVE_INFINITY
  for (let index = 0; index < scores.length; index++) best = Math.max(best, scores[index] ?? 0)
  let sum = 0
  const result: number[] = []
  for (let index = 0; index < scores.length; index++) {
    const value = Math.exp((scores[index] ?? 0) - best)
    result.push(value)
    sum += value
  }
  return result.map((value) => value / sum)
}

/**
 * Score of the best bigram path through each candidate (forward and
 * backward Viterbi; bigram scores of each pair looked up once).
 *
 * @param model
 *   Language model.
 * @param slots
 *   Positions.
 * @returns
 *   Max-marginal log scores per position and candidate.
 */
function maxMarginals(model: LanguageModel, slots: Slot[]): number[][] {
  const count = slots.length
  const pairs: number[][] = []
  const forward: number[][] = []
  for (let position = 0; position < count; position++) {
    const slot = slots[position] ?? {ids: [], emit: []}
    const previous = position > 0 ? (slots[position - 1]?.ids ?? []) : [start]
    const last = position > 0 ? forward[position - 1] : undefined
    const width = slot.ids.length
    const pair = new Array<number>(previous.length * width).fill(0)
    const scores = new Array<number>(width).fill(Number.NEGATIVE_INFINITY)
    for (let a = 0; a < previous.length; a++) {
      const prior = last ? (last[a] ?? 0) : 0
      const history = model.bigram.get(previous[a] ?? start)
      for (let b = 0; b < width; b++) {
        const w = slot.ids[b] ?? 0
        const unigram = model.unigram[w] ?? -30
        const value = history ? (history.next.get(w) ?? history.backoff + unigram) : unigram
        pair[a * width + b] = value
        if (prior + value > (scores[b] ?? 0)) scores[b] = prior + value
      }
    }
    for (let b = 0; b < width; b++) scores[b] = (scores[b] ?? 0) + (slot.emit[b] ?? 0)
    pairs.push(pair)
    forward.push(scores)
  }
  const totals: number[][] = new Array<number[]>(count)
  let after = new Array<number>(0).fill(0)
  for (let position = count - 1; position >= 0; position--) {
    const slot = slots[position] ?? {ids: [], emit: []}
    const next = slots[position + 1]
    const pair = pairs[position + 1]
    const width = slot.ids.length
    const backward = new Array<number>(width).fill(0)
    for (let a = 0; a < width; a++) {
      if (!next || !pair) {
        backward[a] = bigramScore(model, slot.ids[a] ?? 0, stop)
        continue
      }
      let top = Number.NEGATIVE_INFINITY
      const nextWidth = next.ids.length
      for (let b = 0; b < nextWidth; b++) {
        const score = (pair[a * nextWidth + b] ?? 0) + (next.emit[b] ?? 0) + (after[b] ?? 0)
        if (score > top) top = score
      }
      backward[a] = top
    }
    const here = forward[position] ?? new Array<number>(0).fill(0)
    const total = new Array<number>(width).fill(0)
    for (let index = 0; index < width; index++) total[index] = (here[index] ?? 0) + (backward[index] ?? 0)
    totals[position] = total
    after = backward
  }
  return totals
}

/**
 * Exact trigram Viterbi, with max-marginals from a backward pass.
 *
 * @param model
 *   Language model.
 * @param slots
 *   Positions.
 * @returns
 *   Index of the chosen candidate at each position, and the score of the
 *   best path through each candidate.
 */
function trigramViterbi(model: LanguageModel, slots: Slot[]): {chosen: number[]; marginals: number[][]} {
  const count = slots.length
  if (count === 0) return {chosen: [], marginals: []}
  const size = model.size
  // scores[p][a * size(p) + b]: best score with candidate a at p - 1 and b at p.
  const scores: number[][] = []
  const backs: number[][] = []
  const ids = (position: number): number[] => (position < 0 ? [start] : (slots[position]?.ids ?? [start]))
  // Seen histories of the current `a`: z and prior, and the histories themselves.
  const seen: number[] = []
  const seenHistories: History[] = []

  for (let position = 0; position < count; position++) {
    const slot = slots[position] ?? {ids: [start], emit: [0]}
    const previous = ids(position - 1)
    const before = ids(position - 2)
    const here = slot.ids
    const width = here.length
    const table = new Array<number>(previous.length * width).fill(Number.NEGATIVE_INFINITY)
    const back = new Array<number>(previous.length * width).fill(0)
    const last = position > 0 ? scores[position - 1] : undefined
    // Bigram scores of every (previous, here) pair, looked up once.
    const pairs = new Array<number>(previous.length * width).fill(0)
    for (let a = 0; a < previous.length; a++) {
      const history = model.bigram.get(previous[a] ?? start)
      for (let b = 0; b < width; b++) {
        const w = here[b] ?? 0
        const unigram = model.unigram[w] ?? -30
        pairs[a * width + b] = history ? (history.next.get(w) ?? history.backoff + unigram) : unigram
      }
    }
    for (let a = 0; a < previous.length; a++) {
      const v = previous[a] ?? start
      let ceiling = Number.NEGATIVE_INFINITY
      if (last) for (let z = 0; z < before.length; z++) ceiling = Math.max(ceiling, last[z * previous.length + a] ?? Number.NEGATIVE_INFINITY)
      else ceiling = 0
      // Histories the model never saw back off to the bigram with weight 1,
      // so only the best of them matters; seen ones are scored one by one.
      let unseen = Number.NEGATIVE_INFINITY
      let unseenZ = 0
      seen.length = 0
      seenHistories.length = 0
      for (let z = 0; z < before.length; z++) {
        const prior = last ? (last[z * previous.length + a] ?? Number.NEGATIVE_INFINITY) : 0
        // Histories far below the best one for this `a` cannot win.
        if (prior < ceiling - beam) continue
        const history = model.trigram.get((before[z] ?? start) * size + v)
        if (history === undefined) {
          if (prior > unseen) {
            unseen = prior
            unseenZ = z
          }
        } else {
          seen.push(z, prior)
          seenHistories.push(history)
        }
      }
      for (let b = 0; b < width; b++) {
        const pair = pairs[a * width + b] ?? 0
        const w = here[b] ?? 0
        let best = unseen + pair
        let bestZ = unseenZ
        for (let index = 0; index < seenHistories.length; index++) {
          const history = seenHistories[index]
          if (!history) continue
          const score = (seen[2 * index + 1] ?? 0) + (history.next.get(w) ?? history.backoff + pair)
          if (score > best) {
            best = score
            bestZ = seen[2 * index] ?? 0
          }
        }
        table[a * width + b] = best + (slot.emit[b] ?? 0)
        back[a * width + b] = bestZ
      }
    }
    scores.push(table)
    backs.push(back)
  }

  // Close the sentence, then walk back.
  const lastIds = ids(count - 1)
  const previousIds = ids(count - 2)
  const final = scores[count - 1] ?? new Array<number>(1).fill(0)
  let bestA = 0
  let bestB = 0
  let best = Number.NEGATIVE_INFINITY
  for (let a = 0; a < previousIds.length; a++) {
    for (let b = 0; b < lastIds.length; b++) {
      const value =
        (final[a * lastIds.length + b] ?? Number.NEGATIVE_INFINITY) +
        trigramScore(model, previousIds[a] ?? start, lastIds[b] ?? 0, stop)
      if (value > best) {
        best = value
        bestA = a
        bestB = b
      }
    }
  }
  const chosen = new Array<number>(count).fill(0)
  chosen[count - 1] = bestB
  if (count > 1) chosen[count - 2] = bestA
  for (let position = count - 1; position >= 2; position--) {
    const here = slots[position]?.ids.length ?? 1
    const a = chosen[position - 1] ?? 0
    const b = chosen[position] ?? 0
    chosen[position - 2] = backs[position]?.[a * here + b] ?? 0
  }

  // Backward pass: the best completion of each state, so that every
  // candidate gets the score of the best trigram path through it.
  const marginals: number[][] = new Array<number[]>(count)
  let after = new Array<number>(0).fill(0)
  for (let position = count - 1; position >= 0; position--) {
    const previous = ids(position - 1)
    const here = ids(position)
    const next = position + 1 < count ? slots[position + 1] : undefined
    const width = here.length
    const backward = new Array<number>(previous.length * width).fill(0)
    const forward = scores[position] ?? new Array<number>(0).fill(0)
    const marginal = new Array<number>(width).fill(Number.NEGATIVE_INFINITY)
    // Bigram scores (here, next) plus what follows, looked up once.
    const nextWidth = next ? next.ids.length : 0
    const tail = new Array<number>(width * nextWidth).fill(0)
    for (let b = 0; b < width; b++) {
      for (let c = 0; c < nextWidth; c++) {
        tail[b * nextWidth + c] = bigramScore(model, here[b] ?? 0, next?.ids[c] ?? 0)
      }
    }
    for (let a = 0; a < previous.length; a++) {
      for (let b = 0; b < width; b++) {
        let value: number
        if (next) {
          const history = model.trigram.get((previous[a] ?? start) * size + (here[b] ?? 0))
          value = Number.NEGATIVE_INFINITY
          for (let c = 0; c < nextWidth; c++) {
            const pair = tail[b * nextWidth + c] ?? 0
            const trigram = history ? (history.next.get(next.ids[c] ?? 0) ?? history.backoff + pair) : pair
            const score = trigram + (next.emit[c] ?? 0) + (after[b * nextWidth + c] ?? 0)
            if (score > value) value = score
          }
        } else value = trigramScore(model, previous[a] ?? start, here[b] ?? 0, stop)
        backward[a * width + b] = value
        const total = (forward[a * width + b] ?? Number.NEGATIVE_INFINITY) + value
        if (total > (marginal[b] ?? 0)) marginal[b] = total
      }
    }
    marginals[position] = marginal
    after = backward
  }
  return {chosen, marginals}
}
