/**
 * Letter trie over the vocabulary, searched with the channel model to find
 * the words an observed token most likely came from.
 */
import {longestEmission, readCosts, type Channel} from './channel.js'

/** Trie as flat arrays (node 0 is the root). */
export interface Trie {
  /** Letter index (in the channel) of each node; `-1` for the root. */
  glyph: number[]
  /** First child of each node, or `-1`. */
  first: number[]
  /** Next sibling of each node, or `-1`. */
  next: number[]
  /** Vocabulary id of the word ending at each node, or `-1`. */
  word: number[]
  /** Fewest letters from each node to the end of a word below it (0 when a word ends there). */
  shortest: number[]
  /** Most letters from each node to the end of a word below it. */
  longest: number[]
}

/** A word the search found, with its channel cost. */
export interface Match {
  /** Vocabulary id. */
  id: number
  /** `-log P(observed | word)`. */
  cost: number
}

/**
 * Build a trie.
 *
 * @param words
 *   Lower-case words with their vocabulary ids.
 * @param channel
 *   Channel whose letter indices the trie uses (must know every letter).
 * @returns
 *   Trie.
 */
export function createTrie(words: Array<[string, number]>, channel: Channel): Trie {
  const trie: Trie = {glyph: [-1], first: [-1], next: [-1], word: [-1], shortest: [], longest: []}
  for (const [word, id] of words) {
    let node = 0
    for (const letter of word) {
      const glyph = channel.index.get(letter)
      if (glyph === undefined) throw new Error('Cannot index `' + word + '` without letter `' + letter + '`')
      let child = trie.first[node] ?? -1
      while (child >= 0 && trie.glyph[child] !== glyph) child = trie.next[child] ?? -1
      if (child < 0) {
        child = trie.glyph.length
        trie.glyph.push(glyph)
        trie.first.push(-1)
        trie.next.push(trie.first[node] ?? -1)
        trie.word.push(-1)
        trie.first[node] = child
      }
      node = child
    }
    trie.word[node] = id
  }
  // Children are always created after their parent: one pass from the last
  // node back fills the depths bottom up.
  const size = trie.glyph.length
  trie.shortest = new Array<number>(size).fill(Number.MAX_SAFE_INTEGER)
  trie.longest = new Array<number>(size).fill(0)
  for (let node = size - 1; node >= 0; node--) {
    let shortest = (trie.word[node] ?? -1) >= 0 ? 0 : Number.MAX_SAFE_INTEGER
    let longest = 0
    for (let child = trie.first[node] ?? -1; child >= 0; child = trie.next[child] ?? -1) {
      shortest = Math.min(shortest, (trie.shortest[child] ?? 0) + 1)
      longest = Math.max(longest, (trie.longest[child] ?? 0) + 1)
    }
    trie.shortest[node] = shortest
    trie.longest[node] = longest
  }
  return trie
}

/**
 * Words whose reading as `observed` costs at most `margin` more than the
 * best one and at most `ceiling` in all.
 *
 * @param trie
 *   Trie.
 * @param channel
 *   Channel.
 * @param observed
 *   Observed token, lower case.
 * @param margin
 *   How much worse than the best a match may be.
 * @param ceiling
 *   Highest cost considered at all.
 * @param limit
 *   Most matches returned.
 * @param known
 *   Cost of a match already known (prunes the search from the start).
 * @returns
 *   Matches, cheapest first.
 */
export function searchTrie(
  trie: Trie,
  channel: Channel,
  observed: string,
  margin: number,
  ceiling: number,
  limit: number,
  known = Number.POSITIVE_INFINITY
): Match[] {
  const size = observed.length
  const width = size + 1
  // reads[column * (longestEmission + 1) + span][glyph]: cost of `glyph` read
  // as the `span` characters ending at `column` (shared cached vectors).
  const reads: Float64Array[] = []
  const none = new Float64Array(channel.glyphs.length).fill(Number.POSITIVE_INFINITY)
  for (let column = 0; column <= size; column++) {
    for (let span = 0; span <= longestEmission; span++) {
      reads.push(span <= column ? readCosts(channel, observed.slice(column - span, column)) : none)
    }
  }

  // Cheapest deletion of any letter: the least a letter reading nothing costs.
  let deletion = Number.POSITIVE_INFINITY
  for (const cost of readCosts(channel, '')) deletion = Math.min(deletion, cost)
  const maxDepth = size + 8
  const columns = new Float64Array((maxDepth + 1) * width).fill(Number.POSITIVE_INFINITY)
  columns[0] = 0
  const matches: Match[] = []
  let best = known
  const stackNode: number[] = []
  const stackDepth: number[] = []
  for (let child = trie.first[0] ?? -1; child >= 0; child = trie.next[child] ?? -1) {
    stackNode.push(child)
    stackDepth.push(1)
  }

  while (stackNode.length > 0) {
    const node = stackNode.pop() ?? 0
    const depth = stackDepth.pop() ?? 1
    if (depth > maxDepth) continue
    const glyph = trie.glyph[node] ?? 0
    const parent = (depth - 1) * width
    const here = depth * width
    const bound = Math.min(ceiling, best + margin)
    let lowest = Number.POSITIVE_INFINITY
    for (let column = 0; column <= size; column++) {
      let value = Number.POSITIVE_INFINITY
      for (let span = 0; span <= longestEmission && span <= column; span++) {
        const previous = columns[parent + column - span] ?? Number.POSITIVE_INFINITY
        if (previous >= bound) continue
        const cost = previous + (reads[column * (longestEmission + 1) + span]?.[glyph] ?? 30)
        if (cost < value) value = cost
      }
      columns[here + column] = value
      if (value < lowest) lowest = value
    }
    if (lowest > bound) continue
    // Letters still to come must read the characters still unread: at most
    // `longestEmission` each, and any letter beyond them is deleted.
    const shortest = trie.shortest[node] ?? 0
    const longest = trie.longest[node] ?? 0
    lowest = Number.POSITIVE_INFINITY
    for (let column = 0; column <= size; column++) {
      const unread = size - column
      if (unread > longest * longestEmission) continue
      const value = (columns[here + column] ?? 0) + Math.max(0, shortest - unread) * deletion
      if (value < lowest) lowest = value
    }
    if (lowest > bound) continue
    const id = trie.word[node] ?? -1
    const total = columns[here + size] ?? Number.POSITIVE_INFINITY
    if (id >= 0 && total <= bound) {
      matches.push({id, cost: total})
      if (total < best) best = total
    }
    for (let child = trie.first[node] ?? -1; child >= 0; child = trie.next[child] ?? -1) {
      stackNode.push(child)
      stackDepth.push(depth + 1)
    }
  }

  const cutoff = Math.min(ceiling, best + margin)
  return matches
    .filter((match) => match.cost <= cutoff)
    .sort((a, b) => a.cost - b.cost || a.id - b.id)
    .slice(0, limit)
}
