/**
 * Match the nodes of two trees by content, never by numbering, in three
 * passes:
 *
 * 1. globally, best pairs first: equal keys, then TF-IDF cosine above a
 *    threshold, so that a group renumbered or moved anywhere is still found;
 * 2. in context: nodes left over under the same matched ancestors are
 *    paired with a lower threshold (and empty containers by kind), because a
 *    heavily reworded bullet that stayed in place is an edit, not a removal
 *    plus an addition;
 * 3. bottom-up: a container whose own heading changed beyond recognition is
 *    matched to the container that received most of its children.
 */
import type {Entry} from './entries.js'
import {cosine, features, vectorize, type Vector} from './similarity.js'

/** Settings for {@link match}. */
export interface MatchOptions {
  /** Least similarity for a pair anywhere in the documents. */
  threshold: number
  /** Least similarity for a pair of leftover nodes under matched ancestors. */
  contextThreshold: number
}

/** Result of {@link match}. */
export interface Matching {
  /** Old entry → new entry. */
  forward: Map<Entry, Entry>
  /** New entry → old entry. */
  backward: Map<Entry, Entry>
  /** Similarity of each matched old entry to its partner. */
  similarity: Map<Entry, number>
}

/** A scored candidate pair. */
interface Candidate {
  old: Entry
  new: Entry
  similarity: number
  score: number
}

/**
 * Match two documents' entries.
 *
 * @param left
 *   Entries of the old document, in document order.
 * @param right
 *   Entries of the new document, in document order.
 * @param options
 *   Thresholds.
 * @returns
 *   The matching.
 */
export function match(left: Entry[], right: Entry[], options: MatchOptions): Matching {
  const vectors = vectorize([...left, ...right].map((entry) => features(entry.value)))
  const vectorOf = new Map<Entry, Vector>()
  for (const [index, entry] of [...left, ...right].entries()) vectorOf.set(entry, vectors[index] ?? new Map())
  const result: Matching = {forward: new Map(), backward: new Map(), similarity: new Map()}
  const similarity = (a: Entry, b: Entry): number => {
    if (a.key === b.key) return 1
    return cosine(vectorOf.get(a) ?? new Map(), vectorOf.get(b) ?? new Map())
  }
  const link = (candidate: Candidate): void => {
    result.forward.set(candidate.old, candidate.new)
    result.backward.set(candidate.new, candidate.old)
    result.similarity.set(candidate.old, candidate.similarity)
  }

  // Pass 1: the whole documents.
  const candidates: Candidate[] = []
  for (const a of left) {
    if (!a.key) continue
    for (const b of right) {
      if (!b.key) continue
      const value = similarity(a, b)
      if (value >= options.threshold) candidates.push(score(a, b, value, a.order / left.length, b.order / right.length))
    }
  }
  greedy(candidates, result, link)

  // Passes 2 and 3, repeated while they find pairs: each pair one finds
  // opens a new context for the other.
  for (let pass = 0; pass < 4; pass++) {
    const before = result.forward.size
    context()
    bottomUp()
    if (result.forward.size === before) break
  }

  return result

  /**
   * Pair unmatched containers with the unmatched container that received
   * most of their children.
   */
  function bottomUp(): void {
    for (const a of [...left].reverse()) {
      if (result.forward.has(a) || a.children.length === 0) continue
      let best: Entry | null = null
      let bestDice = 0
      for (const b of receivers(a)) {
        const value = dice(a, b)
        if (value > bestDice && compatible(a, b)) {
          best = b
          bestDice = value
        }
      }
      if (best && bestDice >= 0.5) link({old: a, new: best, similarity: round(similarity(a, best)), score: 0})
    }
  }

  /**
   * Unmatched new containers holding partners of an old node's children, in
   * document order.
   *
   * @param a
   *   Old entry.
   * @returns
   *   New entries.
   */
  function receivers(a: Entry): Entry[] {
    const found = new Set<Entry>()
    for (const child of a.children) {
      const parent = result.forward.get(child)?.parent
      if (parent && !result.backward.has(parent)) found.add(parent)
    }
    return [...found].sort((x, y) => x.order - y.order)
  }

  /**
   * Dice coefficient of two containers' children under the matching.
   *
   * @param a
   *   Old entry.
   * @param b
   *   New entry.
   * @returns
   *   0 to 1.
   */
  function dice(a: Entry, b: Entry): number {
    if (a.children.length === 0 || b.children.length === 0) return 0
    let shared = 0
    for (const child of a.children) if (result.forward.get(child)?.parent === b) shared++
    return (2 * shared) / (a.children.length + b.children.length)
  }

  /**
   * Pair leftover nodes that share a context: their nearest matched
   * ancestors (at most two levels up) are partners, or both sit near the
   * top. Pairs are made by text, or for containers by the children they
   * share when that says more.
   */
  function context(): void {
    const groups = new Map<Entry | null, {olds: Entry[]; news: Entry[]}>()
    const group = (key: Entry | null): {olds: Entry[]; news: Entry[]} => {
      let value = groups.get(key)
      if (!value) {
        value = {olds: [], news: []}
        groups.set(key, value)
      }
      return value
    }
    for (const a of left) {
      if (result.forward.has(a)) continue
      const anchor = nearest(a, result.forward)
      if (anchor !== undefined) group(anchor === null ? null : (result.forward.get(anchor) ?? null)).olds.push(a)
    }
    for (const b of right) {
      if (result.backward.has(b)) continue
      const anchor = nearest(b, result.backward)
      if (anchor !== undefined) group(anchor).news.push(b)
    }
    for (const {olds, news} of groups.values()) {
      if (olds.length === 0 || news.length === 0) continue
      const pairs: Candidate[] = []
      for (const [i, a] of olds.entries()) {
        for (const [j, b] of news.entries()) {
          const rankA = i / olds.length
          const rankB = j / news.length
          if (!a.key || !b.key) {
            if (!a.key && !b.key && a.node.kind === b.node.kind) pairs.push(score(a, b, 1, rankA, rankB))
            continue
          }
          // A container is also known by the children it shares; the pair
          // still reports the similarity of its text.
          const text = similarity(a, b)
          const value = Math.max(text, dice(a, b))
          if (value >= options.contextThreshold && compatible(a, b)) pairs.push({...score(a, b, value, rankA, rankB), similarity: round(text)})
        }
      }
      greedy(pairs, result, link)
    }
  }
}

/**
 * The nearest matched ancestor of an entry, at most two levels up.
 *
 * @param entry
 *   Unmatched entry.
 * @param matched
 *   Matched entries of its side.
 * @returns
 *   The ancestor; null when the top of the tree comes first; undefined when
 *   there is none close enough.
 */
function nearest(entry: Entry, matched: Map<Entry, Entry>): Entry | null | undefined {
  let parent = entry.parent
  for (let level = 0; level < 2; level++) {
    if (parent === null) return null
    if (matched.has(parent)) return parent
    parent = parent.parent
  }
  return undefined
}

/**
 * Score a pair: similarity first; among equals, the same kind, then the
 * nearer relative place, so that repeated texts pair in order.
 *
 * @param a
 *   Old entry.
 * @param b
 *   New entry.
 * @param similarity
 *   Similarity.
 * @param leftRank
 *   Relative place of the old entry in what is compared, 0 to 1.
 * @param rightRank
 *   Relative place of the new entry.
 * @returns
 *   Candidate.
 */
function score(a: Entry, b: Entry, similarity: number, leftRank: number, rightRank: number): Candidate {
  const distance = Math.abs(leftRank - rightRank)
  const parentBonus = a.parent && b.parent && a.parent.key === b.parent.key ? 0.01 : 0
  return {
    old: a,
    new: b,
    similarity: round(similarity),
    score: similarity + (a.node.kind === b.node.kind ? 0.02 : 0) + parentBonus + 0.01 * (1 - Math.min(1, distance))
  }
}

/**
 * Accept candidates best first, each entry at most once.
 *
 * @param candidates
 *   Candidates (sorted here, not in place).
 * @param result
 *   Matching so far.
 * @param link
 *   Accept a pair.
 */
function greedy(candidates: Candidate[], result: Matching, link: (candidate: Candidate) => void): void {
  const sorted = [...candidates].sort((x, y) => y.score - x.score || x.old.order - y.old.order || x.new.order - y.new.order)
  for (const candidate of sorted) {
    if (result.forward.has(candidate.old) || result.backward.has(candidate.new)) continue
    link(candidate)
  }
}

/**
 * Whether two entries may stand for each other when their text alone does
 * not decide: a numbered heading for a numbered heading, a body node for a
 * body node.
 *
 * @param a
 *   Old entry.
 * @param b
 *   New entry.
 * @returns
 *   Whether compatible.
 */
function compatible(a: Entry, b: Entry): boolean {
  return family(a) === family(b)
}

/**
 * Broad family of a node kind.
 *
 * @param entry
 *   Entry.
 * @returns
 *   Family name.
 */
function family(entry: Entry): string {
  switch (entry.node.kind) {
    case 'part':
    case 'group':
    case 'item':
    case 'point':
    case 'header': {
      return 'heading'
    }
    case 'bullet':
    case 'subbullet':
    case 'paragraph': {
      return 'body'
    }
    default: {
      return entry.node.kind
    }
  }
}

/**
 * Round to three decimals, so that JSON output is stable and short.
 *
 * @param value
 *   Number.
 * @returns
 *   Rounded number.
 */
function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
