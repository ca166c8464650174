/**
 * Tree changes from a matching: what was added, removed, moved, renumbered
 * or reworded, in the new document's reading order.
 */
import type {Entry} from './entries.js'
import {placeOf} from './entries.js'
import type {Matching} from './match.js'
import type {NodeChange} from './types.js'
import {compareWords} from './words.js'

/** Tree changes and how many matched nodes stayed the same. */
export interface TreeChanges {
  /** Changes, in the new document's order. */
  changes: NodeChange[]
  /** Matched nodes with no change of their own. */
  unchanged: number
}

/**
 * List the tree changes between two documents.
 *
 * @param left
 *   Old entries, in document order.
 * @param right
 *   New entries, in document order.
 * @param matching
 *   Their matching.
 * @returns
 *   Changes and the count of unchanged nodes.
 */
export function treeChanges(left: Entry[], right: Entry[], matching: Matching): TreeChanges {
  const {forward, backward} = matching
  const reordered = reorders(left, matching)
  const listed: Array<{change: NodeChange; anchor: number; rank: number; order: number}> = []
  let unchanged = 0

  for (const a of left) {
    const b = forward.get(a)
    if (!b) continue
    let changed = false
    const samePlace = a.parent === null ? b.parent === null : forward.get(a.parent) === b.parent
    if (!samePlace) {
      listed.push({change: {kind: 'moved', old: placeOf(a), new: placeOf(b), reordered: false}, anchor: b.order, rank: 0, order: a.order})
      changed = true
    } else if (renumbered(a, b)) {
      listed.push({change: {kind: 'renumbered', old: placeOf(a), new: placeOf(b)}, anchor: b.order, rank: 1, order: a.order})
      changed = true
    } else if (reordered.has(a)) {
      listed.push({change: {kind: 'moved', old: placeOf(a), new: placeOf(b), reordered: true}, anchor: b.order, rank: 0, order: a.order})
      changed = true
    }
    if (a.key !== b.key) {
      listed.push({
        change: {kind: 'edited', old: placeOf(a), new: placeOf(b), similarity: matching.similarity.get(a) ?? 0, words: compareWords(a.value, b.value)},
        anchor: b.order,
        rank: 2,
        order: a.order
      })
      changed = true
    }
    if (!changed) unchanged++
  }

  for (const b of right) {
    if (backward.has(b) || (b.parent && !backward.has(b.parent))) continue
    listed.push({change: {kind: 'added', old: null, new: placeOf(b), nodes: folded(b, (entry) => backward.has(entry))}, anchor: b.order, rank: 3, order: b.order})
  }

  // A removed node is listed where it would have stood in the new document:
  // after the partner of the last matched node before it that did not move
  // (as the redline places it).
  let anchor = -0.5
  for (const a of left) {
    const b = forward.get(a)
    if (b) {
      if (a.parent === null ? b.parent === null : forward.get(a.parent) === b.parent) anchor = b.order + 0.5
      continue
    }
    if (a.parent && !forward.has(a.parent)) continue
    listed.push({change: {kind: 'removed', old: placeOf(a), new: null, nodes: folded(a, (entry) => forward.has(entry))}, anchor, rank: 4, order: a.order})
  }

  listed.sort((x, y) => x.anchor - y.anchor || x.rank - y.rank || x.order - y.order)
  return {changes: listed.map((item) => item.change), unchanged}
}

/**
 * Count an unmatched node and the unmatched nodes below it, stopping at
 * matched ones (those are reported as moved on their own).
 *
 * @param entry
 *   Unmatched entry.
 * @param matched
 *   Whether an entry is matched.
 * @returns
 *   Count.
 */
function folded(entry: Entry, matched: (entry: Entry) => boolean): number {
  let count = 1
  for (const child of entry.children) if (!matched(child)) count += folded(child, matched)
  return count
}

/**
 * Whether a matched node under the same parent changed its own number. A
 * decimal number that only follows its renumbered parent (`2.1` → `3.1`
 * under `2` → `3`) is not a change of its own.
 *
 * @param a
 *   Old entry.
 * @param b
 *   New entry.
 * @returns
 *   Whether renumbered.
 */
function renumbered(a: Entry, b: Entry): boolean {
  const left = a.node.numValue
  const right = b.node.numValue
  if (left === right) return false
  if (left === null || right === null) return true
  const leftLast = left.split('.').at(-1)
  const rightLast = right.split('.').at(-1)
  const parent = b.parent?.node.numValue
  if (left.includes('.') && right.includes('.') && leftLast === rightLast && parent && right === parent + '.' + rightLast) return false
  return true
}

/**
 * Matched nodes whose order among the same siblings changed: per pair of
 * matched parents, the children outside a longest run kept in order.
 *
 * @param left
 *   Old entries.
 * @param matching
 *   Matching.
 * @returns
 *   Old entries that changed order.
 */
function reorders(left: Entry[], matching: Matching): Set<Entry> {
  const moved = new Set<Entry>()
  const check = (olds: Entry[], parent: Entry | null): void => {
    const kept = olds.filter((a) => {
      const b = matching.forward.get(a)
      return b !== undefined && b.parent === parent
    })
    const indices = kept.map((a) => matching.forward.get(a)?.index ?? 0)
    const keep = increasing(indices)
    for (const [position, a] of kept.entries()) if (!keep.has(position)) moved.add(a)
  }
  check(left.filter((entry) => entry.parent === null), null)
  for (const a of left) {
    const b = matching.forward.get(a)
    if (b) check(a.children, b)
  }
  return moved
}

/**
 * Positions of a longest strictly increasing subsequence, the earliest
 * such run on ties, so results are the same on every run.
 *
 * @param values
 *   Numbers.
 * @returns
 *   Positions kept.
 */
function increasing(values: number[]): Set<number> {
  const tails: number[] = []
  const previous: number[] = []
  for (const [position, value] of values.entries()) {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((values[tails[middle] ?? 0] ?? 0) < value) low = middle + 1
      else high = middle
    }
    previous[position] = low > 0 ? (tails[low - 1] ?? -1) : -1
    tails[low] = position
  }
  const keep = new Set<number>()
  let position = tails.at(-1) ?? -1
  while (position >= 0) {
    keep.add(position)
    position = previous[position] ?? -1
  }
  return keep
}
