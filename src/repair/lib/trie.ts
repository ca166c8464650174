/**
 * Trie over the vocabulary's words with their diacritics folded away,
 * searched with the channel model to find the words an observed token most
 * likely came from. A node stands for all the words spelled alike but for
 * marks (`thuc`: `thức`, `thực`, `thúc`…): the search bounds them together
 * by the cheapest marked form of each letter, and scores the words
 * themselves where they end.
 */
import {longestEmission, spellingCost, type Channel, type Reading} from './channel.js'
import {sortShort} from './order.js'

/**
 * Trie as flat typed arrays, nodes numbered breadth first (node 0 is the
 * root), so that the children of a node are neighbours.
 */
export interface Trie {
  /** Base letter index (in the channel) of each node; `-1` for the root. */
  glyph: Int32Array
  /** First child of each node; its children run up to the next node's first child. */
  children: Int32Array
  /** Letters from the root to each node. */
  depth: Int32Array
  /** Where the words ending at each node start in `words` (and end, at the next node's start). */
  wordStart: Int32Array
  /** Vocabulary ids of the words, grouped by the node they end at. */
  words: Int32Array
  /**
   * Letter indices (in the channel) of each word of `words`, one word after
   * the other: those of `words[k]` are `spelling[spellingStart[k] …
   * spellingStart[k + 1] - 1]`.
   */
  spelling: Int32Array
  /** Where the letters of each word of `words` start in `spelling`. */
  spellingStart: Int32Array
  /** Fewest letters from each node to the end of a word below it (0 when a word ends there). */
  shortest: Int32Array
  /** Most letters from each node to the end of a word below it. */
  longest: Int32Array
}

// More letters than any word has: the depth of a node no word lies below.
const unreachable = 1 << 30
// The search's working arrays, kept between searches (each needs them only
// while it runs, and there are hundreds per document), grown as needed.
const scratch = {
  columns: new Float64Array(0),
  liveFrom: new Int32Array(0),
  liveTo: new Int32Array(0),
  stack: new Int32Array(0)
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
 *   Channel whose base letter indices the trie uses (must know every letter).
 * @returns
 *   Trie.
 */
export function createTrie(words: Array<[string, number]>, channel: Channel): Trie {
  const glyphs = [-1]
  const first = [-1]
  const next = [-1]
  const ends: number[][] = [[]]
  const letters = new Map<number, number[]>()
  for (const [word, id] of words) {
    let node = 0
    const spelled: number[] = []
    letters.set(id, spelled)
    for (const letter of word) {
      const index = channel.index.get(letter)
      if (index === undefined) throw new Error('Cannot index `' + word + '` without letter `' + letter + '`')
      spelled.push(index)
      const glyph = channel.baseOf[index] ?? 0
      let child = first[node] ?? -1
      while (child >= 0 && glyphs[child] !== glyph) child = next[child] ?? -1
      if (child < 0) {
        child = glyphs.length
        glyphs.push(glyph)
        first.push(-1)
        next.push(first[node] ?? -1)
        ends.push([])
        first[node] = child
      }
      node = child
    }
    ends[node]?.push(id)
  }
  // Children are always created after their parent: one pass from the last
  // node back fills the depths bottom up.
  const size = glyphs.length
  const shortest = new Int32Array(size)
  const longest = new Int32Array(size)
  for (let node = size - 1; node >= 0; node--) {
    let fewest = (ends[node]?.length ?? 0) > 0 ? 0 : unreachable
    let most = 0
    for (let child = first[node] ?? -1; child >= 0; child = next[child] ?? -1) {
      fewest = Math.min(fewest, (shortest[child] ?? 0) + 1)
      most = Math.max(most, (longest[child] ?? 0) + 1)
    }
    shortest[node] = fewest
    longest[node] = most
  }
  // Number the nodes breadth first.
  const order = [0]
  const children = new Int32Array(size + 1)
  const depths = new Int32Array(size)
  for (let rank = 0; rank < order.length; rank++) {
    const node = order[rank] ?? 0
    children[rank] = order.length
    for (let child = first[node] ?? -1; child >= 0; child = next[child] ?? -1) {
      depths[child] = (depths[node] ?? 0) + 1
      order.push(child)
    }
  }
  children[size] = size
  const wordStart = new Int32Array(size + 1)
  const ids: number[] = []
  const spellingStart: number[] = [0]
  const spelling: number[] = []
  for (const [rank, node] of order.entries()) {
    for (const id of ends[node] ?? []) {
      ids.push(id)
      spelling.push(...(letters.get(id) ?? []))
      spellingStart.push(spelling.length)
    }
    wordStart[rank + 1] = ids.length
  }
  return {
    glyph: Int32Array.from(order, (node) => glyphs[node] ?? -1),
    children,
    depth: Int32Array.from(order, (node) => depths[node] ?? 0),
    wordStart,
    words: Int32Array.from(ids),
    spelling: Int32Array.from(spelling),
    spellingStart: Int32Array.from(spellingStart),
    shortest: Int32Array.from(order, (node) => shortest[node] ?? 0),
    longest: Int32Array.from(order, (node) => longest[node] ?? 0)
  }
}

/**
 * Words whose reading as the observed token costs at most `margin` more than
 * the best one and at most `ceiling` in all.
 *
 * @param trie
 *   Trie.
 * @param reading
 *   Reading of the observed token (made with the channel the trie was
 *   built with).
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
  reading: Reading,
  margin: number,
  ceiling: number,
  limit: number,
  known = Number.POSITIVE_INFINITY
): Match[] {
  const {size, costs, bases, rest, ahead, deletion} = reading
  // A local copy: an imported binding is checked on every read.
  const longestRead = longestEmission
  const width = size + 1
  const stride = longestRead + 1
  const maxDepth = size + 8
  if (scratch.columns.length < (maxDepth + 1) * width) scratch.columns = new Float64Array(2 * (maxDepth + 1) * width)
  if (scratch.liveFrom.length < maxDepth + 1) {
    scratch.liveFrom = new Int32Array(2 * (maxDepth + 1))
    scratch.liveTo = new Int32Array(2 * (maxDepth + 1))
  }
  if (scratch.stack.length < trie.glyph.length) scratch.stack = new Int32Array(trie.glyph.length)
  // `columns[depth * width + column]`: cost of the path's letters down to
  // `depth` reading the first `column` characters. `liveFrom`/`liveTo`:
  // the columns within the bound at each depth of the path; a letter reads
  // at most `longestEmission` characters, so a node's live columns lie
  // within `longestEmission` after its parent's, and the rest of the row
  // needs no work (it would only be skipped, cell by cell).
  const {columns, liveFrom, liveTo, stack} = scratch
  columns[0] = 0
  liveFrom[0] = 0
  liveTo[0] = 0
  const matches: Match[] = []
  let best = known
  // Depth-first, with an explicit stack (a node's parent row stays in
  // `columns` until its subtree is done).
  let top = 0
  for (let child = trie.children[0] ?? 0; child < (trie.children[1] ?? 0); child++) stack[top++] = child

  while (top > 0) {
    const node = stack[--top] ?? 0
    const depth = trie.depth[node] ?? 1
    if (depth > maxDepth) continue
    const glyph = trie.glyph[node] ?? 0
    const parent = (depth - 1) * width
    const here = depth * width
    const bound = Math.min(ceiling, best + margin)
    const parentFrom = liveFrom[depth - 1] ?? 0
    const parentTo = liveTo[depth - 1] ?? 0
    const last = parentTo + longestRead < size ? parentTo + longestRead : size
    // The least any word below can cost, from each column: the characters
    // still unread must be read (`rest`), at most `longestRead` to a
    // letter, and letters beyond them read nothing. Costs only add up, so a
    // subtree whose bound exceeds `bound` holds no match (the slack absorbs
    // rounding, as the bound sums in another order than the words' costs).
    const shortest = trie.shortest[node] ?? 0
    const reach = (trie.longest[node] ?? 0) * longestRead
    let lowest = Number.POSITIVE_INFINITY
    let from = -1
    let to = -1
    for (let column = parentFrom; column <= last; column++) {
      let value = Number.POSITIVE_INFINITY
      const first = column > parentTo ? column - parentTo : 0
      const final = column - parentFrom < longestRead ? column - parentFrom : longestRead
      // Cost of this letter read as the piece of `span` characters ending here.
      let piece = (column * stride + first) * bases + glyph
      for (let span = first; span <= final; span++, piece += bases) {
        const previous = columns[parent + column - span] ?? Number.POSITIVE_INFINITY
        if (previous >= bound) continue
        const cost = previous + (costs[piece] ?? 30)
        if (cost < value) value = cost
      }
      columns[here + column] = value
      if (value <= bound) {
        if (from < 0) from = column
        to = column
        const unread = size - column
        if (unread <= reach) {
          const least = value + (rest[column] ?? 0) + (shortest > unread ? (shortest - unread) * deletion : 0)
          if (least < lowest) lowest = least
        }
      }
    }
    if (lowest > bound + 1e-9) continue
    liveFrom[depth] = from
    liveTo[depth] = to
    // The words ending here, scored letter by letter where the bound for
    // all of them together allows.
    if (last === size && (columns[here + size] ?? Number.POSITIVE_INFINITY) <= bound) {
      for (let word = trie.wordStart[node] ?? 0; word < (trie.wordStart[node + 1] ?? 0); word++) {
        const id = trie.words[word] ?? 0
        const limit = Math.min(ceiling, best + margin)
        const total = spellingCost(reading, trie.spelling, trie.spellingStart[word] ?? 0, trie.spellingStart[word + 1] ?? 0, limit)
        if (total <= limit) {
          matches.push({id, cost: total})
          if (total < best) best = total
        }
      }
    }
    // A child whose next letter cannot even read on within the bound from
    // here is not worth a row.
    for (let child = trie.children[node] ?? 0; child < (trie.children[node + 1] ?? 0); child++) {
      const next = trie.glyph[child] ?? 0
      let least = Number.POSITIVE_INFINITY
      for (let column = from; column <= to; column++) {
        const value = (columns[here + column] ?? 0) + (ahead[column * bases + next] ?? 0)
        if (value < least) least = value
      }
      if (least > bound + 1e-9) continue
      stack[top++] = child
    }
  }

  const cutoff = Math.min(ceiling, best + margin)
  let kept = 0
  for (const match of matches) if (match.cost <= cutoff) matches[kept++] = match
  matches.length = kept
  sortShort(matches, (a, b) => a.cost - b.cost || a.id - b.id)
  if (matches.length > limit) matches.length = limit
  return matches
}
