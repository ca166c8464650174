/**
 * Channel model of OCR damage: each letter of the true word is read as a
 * string of zero to three characters, with probabilities learned from
 * (clean, OCR) pairs and smoothed towards a generic edit model.
 */
import {fold} from './text.js'

/** Longest string one letter may be read as. */
export const longestEmission = 3

/** Learned counts, as stored in `data/channel.json`. */
export interface ChannelTable {
  /** Where the counts come from. */
  _source: string
  /** For each lower-case true letter, how often it was read as each string. */
  emissions: Record<string, Record<string, number>>
  /**
   * The same for the letters of document codes (`QĐ/TW`), case kept: capitals
   * have their own confusions (`Q` read as `O`, `Đ` as `B`).
   */
  codes?: Record<string, Record<string, number>>
  /**
   * The counts from synthetic pairs alone, before adaptation to the corpus's
   * OCR documents (kept to measure what that adaptation adds).
   */
  synthetic?: Record<string, Record<string, number>>
}

/** Channel ready for scoring: counts plus caches. */
export interface Channel {
  /** Letters with an index: `glyphs[index]`. */
  glyphs: string[]
  /** Index of each letter. */
  index: Map<string, number>
  /** Count of each reading per letter index. */
  counts: Array<Map<string, number>>
  /** Total count per letter index. */
  totals: number[]
  /** Per letter index: its back-off rows, base-letter family first, with their totals. */
  levels: Array<Array<[Map<string, number>, number]>>
  /** Base letter (`fold`) of each letter index. */
  bases: string[]
  /** The distinct base letters, in order of first appearance among the letters. */
  baseLetters: string[]
  /** Index (in `baseLetters`) of the base letter of each letter index. */
  baseOf: Int32Array
  /**
   * Per read string, the letter indices whose back-off rows count it: every
   * other letter reads it only through the generic model.
   */
  readers: Map<string, Int32Array>
  /**
   * `unread[kind][index]`: the cost of a reading no row of the letter
   * counts, for each kind of reading the generic model tells apart.
   */
  unread: Float64Array[]
  /** Letter indices by base letter, for finding the letters a reading relates to. */
  byBase: Map<string, number[]>
  /**
   * Letter indices whose letter or base letter is not one character: their
   * kind of reading is worked out one by one.
   */
  irregular: number[]
  /**
   * Where the cost vector of each read string starts in `arena`, filled on
   * demand: `-log P(string | letter)` per letter index, then the least of
   * them, then the least per base letter (`costStride` entries in all).
   */
  costs: Map<string, number>
  /** Entries of each cost vector in `arena`. */
  costStride: number
  /**
   * The cost vectors, one after the other in one array (thousands of small
   * arrays would each cost an allocation); replaced by a larger one when
   * full.
   */
  arena: Float64Array
  /** Entries of `arena` in use. */
  used: number
}

/** One step of an alignment: a true letter and what was read for it. */
export interface AlignmentStep {
  /** True letter (lower case). */
  glyph: string
  /** What OCR produced for it (lower case, possibly empty). */
  read: string
}

// Pseudo-count of each back-off level, and the share always left to the
// generic model so that damage no data showed stays possible.
const strength = 20
const floor = 0.02
// Generic chance that a letter is read as a string, for readings the counts
// do not cover, by kind of reading: nothing; the letter itself; a letter
// with the same base letter; another letter; two characters related to the
// letter (holding it or its base letter) or not; three or more, related or
// not. A copy is likely, anything else rare.
const genericKinds = [0.01, 0.5, 0.3 / 8, 0.15 / 64, 0.03 / 128, 0.005 / 4096, 0.005 / 12_288, 1e-8]
// The arrays readings share (see `Reading`), and those `spellingCost` and
// `align` work in, grown as tokens need.
const shared = {
  pieces: new Int32Array(0),
  costs: new Float64Array(0),
  ahead: new Float64Array(0),
  cheapest: new Float64Array(0),
  row: new Float64Array(0),
  next: new Float64Array(0),
  table: new Float64Array(0),
  back: new Int8Array(0)
}

/**
 * Make a channel from learned counts.
 *
 * @param table
 *   Counts per letter and reading.
 * @param letters
 *   Letters in the order to index them (a trie's order); letters of the
 *   table not among them come after.
 * @returns
 *   Channel.
 */
export function createChannel(table: ChannelTable, letters: Iterable<string>): Channel {
  // `letters` come first and in their order: a trie indexes letters by it.
  const rows = new Map<string, Map<string, number>>()
  for (const letter of letters) rows.set(letter, new Map(Object.entries(table.emissions[letter] ?? {})))
  for (const glyph of Object.keys(table.emissions).sort()) {
    if (!rows.has(glyph)) rows.set(glyph, new Map(Object.entries(table.emissions[glyph] ?? {})))
  }
  return build(rows)
}

/**
 * A channel whose counts are those of `base` plus `extra` (for adapting the
 * channel to one document).
 *
 * @param base
 *   Channel.
 * @param extra
 *   Extra counts: letter → reading → count.
 * @returns
 *   New channel (same letter indices, caches empty).
 */
export function adaptChannel(base: Channel, extra: Map<string, Map<string, number>>): Channel {
  const rows = new Map<string, Map<string, number>>()
  for (const [id, glyph] of base.glyphs.entries()) rows.set(glyph, new Map(base.counts[id]))
  for (const [glyph, row] of extra) {
    const target = rows.get(glyph)
    if (!target) continue
    for (const [read, count] of row) target.set(read, (target.get(read) ?? 0) + count)
  }
  return build(rows)
}

/**
 * @param rows
 *   Counts per letter, in index order.
 * @returns
 *   Channel with pooled family counts.
 */
function build(rows: Map<string, Map<string, number>>): Channel {
  const glyphs: string[] = []
  const index = new Map<string, number>()
  const counts: Array<Map<string, number>> = []
  const totals: number[] = []
  const families = new Map<string, Map<string, number>>()
  const familyTotals = new Map<string, number>()
  for (const [glyph, row] of rows) {
    index.set(glyph, glyphs.length)
    glyphs.push(glyph)
    counts.push(row)
    let total = 0
    for (const count of row.values()) total += count
    totals.push(total)
    for (const key of ['t:' + toneless(glyph), 'b:' + fold(glyph)]) {
      let family = families.get(key)
      if (!family) {
        family = new Map()
        families.set(key, family)
      }
      for (const [read, count] of row) family.set(read, (family.get(read) ?? 0) + count)
      familyTotals.set(key, (familyTotals.get(key) ?? 0) + total)
    }
  }
  // Arrays made by `Array.from`, not `map`: optimised code makes a `map`'s
  // array of another kind than the interpreter does, and every function
  // reading it was compiled again after its first optimised call.
  const levels = Array.from(glyphs, (glyph, id): Array<[Map<string, number>, number]> => [
    [families.get('b:' + fold(glyph)) ?? new Map(), familyTotals.get('b:' + fold(glyph)) ?? 0],
    [families.get('t:' + toneless(glyph)) ?? new Map(), familyTotals.get('t:' + toneless(glyph)) ?? 0],
    [counts[id] ?? new Map(), totals[id] ?? 0]
  ])
  const readerSets = new Map<string, Set<number>>()
  for (const [id, rows] of levels.entries()) {
    for (const [row] of rows) {
      for (const read of row.keys()) {
        let set = readerSets.get(read)
        if (!set) {
          set = new Set()
          readerSets.set(read, set)
        }
        set.add(id)
      }
    }
  }
  const readers = new Map<string, Int32Array>()
  for (const [read, set] of readerSets) readers.set(read, Int32Array.from([...set].sort((a, b) => a - b)))
  const bases = Array.from(glyphs, (glyph) => fold(glyph))
  const unread = Array.from(genericKinds, (base) =>
    Float64Array.from(levels, (rows) => {
      let probability = base
      // The same operations as the full update in `readCosts` with zero
      // counts, so both give the same costs to the last bit.
      for (const [, total] of rows) probability = (strength * probability) / (total + strength)
      return -Math.log((1 - floor) * probability + floor * base)
    })
  )
  const byBase = new Map<string, number[]>()
  const irregular: number[] = []
  for (const [id, glyph] of glyphs.entries()) {
    const base = bases[id] ?? ''
    if (glyph.length !== 1 || base.length !== 1) irregular.push(id)
    else {
      const list = byBase.get(base)
      if (list) list.push(id)
      else byBase.set(base, [id])
    }
  }
  const baseLetters = [...new Set(bases)]
  const baseIndex = new Map(baseLetters.map((base, id) => [base, id]))
  const costStride = glyphs.length + 1 + baseLetters.length
  return {
    glyphs,
    index,
    counts,
    totals,
    levels,
    bases,
    baseLetters,
    baseOf: Int32Array.from(bases, (base) => baseIndex.get(base) ?? 0),
    readers,
    unread,
    byBase,
    irregular,
    costs: new Map(),
    costStride,
    arena: new Float64Array(64 * costStride),
    used: 0
  }
}

/**
 * @param glyph
 *   Letter.
 * @returns
 *   The letter without its tone mark (`ứ` → `ư`).
 */
function toneless(glyph: string): string {
  return glyph.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC')
}

/**
 * Make room in a channel's arena for `count` cost vectors in all, so that
 * filling it does not copy it over and over.
 *
 * @param channel
 *   Channel.
 * @param count
 *   Cost vectors to make room for.
 */
export function reserveCosts(channel: Channel, count: number): void {
  const length = count * channel.costStride
  if (channel.arena.length >= length) return
  const grown = new Float64Array(length)
  grown.set(channel.arena.subarray(0, channel.used))
  channel.arena = grown
}

/**
 * Cost vector of reading `read`: `-log P(read | letter)` for every letter,
 * backing off from the letter to its toneless form, its base letter, and a
 * generic model.
 *
 * @param channel
 *   Channel.
 * @param read
 *   Lower-case string of zero to three characters.
 * @returns
 *   Where the costs start in `channel.arena` (indexed by letter, then the
 *   least of them, then the least per base letter; read the arena after
 *   the call, which may replace it).
 */
export function readCosts(channel: Channel, read: string): number {
  const known = channel.costs.get(read)
  if (known !== undefined) return known
  const count = channel.glyphs.length
  if (channel.arena.length < channel.used + channel.costStride) reserveCosts(channel, 2 * (channel.costs.size + 1))
  const at = channel.used
  const costs = channel.arena
  const folded = fold(read)
  // Most letters never read as `read` in any row: their cost depends only
  // on the kind of reading (computed once per channel), and most letters
  // have the same kind, that of letters unrelated to the reading.
  const {unread, index} = channel
  const size = read.length
  const unrelated = size === 0 ? 0 : size === 1 ? 3 : size === 2 ? 5 : 7
  costs.set(unread[unrelated] ?? [], at)
  if (size === 1) {
    const same = unread[2]
    for (const id of channel.byBase.get(folded) ?? []) costs[at + id] = same?.[id] ?? 30
    const id = index.get(read)
    if (id !== undefined) costs[at + id] = unread[1]?.[id] ?? 30
  } else if (size > 1) {
    const related = unread[unrelated - 1]
    for (let position = 0; position < read.length; position++) {
      const id = index.get(read.charAt(position))
      if (id !== undefined) costs[at + id] = related?.[id] ?? 30
    }
    for (let position = 0; position < folded.length; position++) {
      for (const id of channel.byBase.get(folded.charAt(position)) ?? []) costs[at + id] = related?.[id] ?? 30
    }
  }
  for (const id of channel.irregular) {
    costs[at + id] = unread[genericKind(channel.glyphs[id] ?? '', channel.bases[id] ?? '', read, folded)]?.[id] ?? 30
  }
  for (const id of channel.readers.get(read) ?? []) {
    const base = genericKinds[genericKind(channel.glyphs[id] ?? '', channel.bases[id] ?? '', read, folded)] ?? 0
    let probability = base
    for (const [row, total] of channel.levels[id] ?? []) {
      probability = ((row.get(read) ?? 0) + strength * probability) / (total + strength)
    }
    costs[at + id] = -Math.log((1 - floor) * probability + floor * base)
  }
  // The least of all, and the least per base letter (a bound for all its
  // marked forms at once).
  const bases = at + count + 1
  costs.fill(Number.POSITIVE_INFINITY, bases, bases + channel.baseLetters.length)
  let least = Number.POSITIVE_INFINITY
  for (let id = 0; id < count; id++) {
    const cost = costs[at + id] ?? 30
    if (cost < least) least = cost
    const base = bases + (channel.baseOf[id] ?? 0)
    if (cost < (costs[base] ?? 0)) costs[base] = cost
  }
  costs[at + count] = least
  channel.used += channel.costStride
  channel.costs.set(read, at)
  return at
}

/**
 * Kind of a reading of a letter, for the generic model (an index into
 * `genericKinds`).
 *
 * @param glyph
 *   True letter.
 * @param base
 *   Its base letter (`fold(glyph)`).
 * @param read
 *   Reading.
 * @param folded
 *   `fold(read)`.
 * @returns
 *   Kind.
 */
function genericKind(glyph: string, base: string, read: string, folded: string): number {
  if (read.length === 0) return 0
  if (read.length === 1) return read === glyph ? 1 : folded === base ? 2 : 3
  const related = read.includes(glyph) || folded.includes(base)
  if (read.length === 2) return related ? 4 : 5
  return related ? 6 : 7
}

/**
 * The costs of reading the pieces of one observed token, for the dynamic
 * programmes that score words against it (the trie search and
 * `readingCost`): made once per token, shared by all its candidate words.
 * Its arrays are reused by the next reading made: a token's candidates are
 * all scored before the next token is looked at, and sharing spares
 * allocating them per token.
 */
export interface Reading {
  /** The observed token, lower case. */
  observed: string
  /** Its length. */
  size: number
  /**
   * The channel's cost vectors (its `arena` when the reading was made):
   * letter `glyph` read as the `span` characters ending at `column` costs
   * `arena[pieces[column * (longestEmission + 1) + span] + glyph]`.
   */
  arena: Float64Array
  /** Where the cost vector of each piece starts in `arena` (where the span fits). */
  pieces: Int32Array
  /**
   * `costs[(column * (longestEmission + 1) + span) * bases + base]`: the
   * least cost of any letter with base letter `base` read as that piece
   * (where the span fits; other entries are never read), copied together
   * so that the search reads them from a few kilobytes.
   */
  costs: Float64Array
  /** Number of base letters of the channel. */
  bases: number
  /**
   * `rest[column]`: a lower bound on the cost of reading the characters
   * from `column` on, whatever the letters (each piece read by the letter
   * cheapest for it).
   */
  rest: Float64Array
  /**
   * `ahead[column * bases + base]`: a lower bound on the cost of reading
   * the characters from `column` on when the next letter has base letter
   * `base` (its cheapest piece there, then `rest`).
   */
  ahead: Float64Array
  /** The least any letter costs when read as nothing. */
  deletion: number
}

/**
 * Gather the costs of reading `observed` for scoring words against it.
 *
 * @param channel
 *   Channel.
 * @param observed
 *   Observed token, lower case.
 * @returns
 *   Reading.
 */
export function createReading(channel: Channel, observed: string): Reading {
  const size = observed.length
  const stride = longestEmission + 1
  const glyphCount = channel.glyphs.length
  const baseCount = channel.baseLetters.length
  if (shared.pieces.length < (size + 1) * stride) {
    shared.pieces = new Int32Array(2 * (size + 1) * stride)
    shared.cheapest = new Float64Array(2 * (size + 1) * stride)
  }
  if (shared.costs.length < (size + 1) * stride * baseCount) shared.costs = new Float64Array(2 * (size + 1) * stride * baseCount)
  if (shared.ahead.length < (size + 1) * baseCount) shared.ahead = new Float64Array(2 * (size + 1) * baseCount)
  const {pieces, costs, ahead, cheapest} = shared
  for (let column = 0; column <= size; column++) {
    for (let span = 0; span <= longestEmission && span <= column; span++) {
      pieces[column * stride + span] = readCosts(channel, observed.slice(column - span, column))
    }
  }
  // Read after every piece is in: looking one up may replace the arena.
  const {arena} = channel
  // cheapest[column * stride + span]: the cheapest letter for that piece.
  for (let column = 0; column <= size; column++) {
    for (let span = 0; span <= longestEmission && span <= column; span++) {
      const offset = column * stride + span
      const at = (pieces[offset] ?? 0) + glyphCount
      cheapest[offset] = arena[at] ?? 0
      for (let base = 0; base < baseCount; base++) costs[offset * baseCount + base] = arena[at + 1 + base] ?? 0
    }
  }
  const rest = new Float64Array(size + 1)
  for (let column = size - 1; column >= 0; column--) {
    let least = Number.POSITIVE_INFINITY
    for (let span = 1; span <= longestEmission && column + span <= size; span++) {
      least = Math.min(least, (cheapest[(column + span) * stride + span] ?? 0) + (rest[column + span] ?? 0))
    }
    rest[column] = least
  }
  for (let column = 0; column <= size; column++) {
    const row = column * baseCount
    ahead.fill(Number.POSITIVE_INFINITY, row, row + baseCount)
    for (let span = 0; span <= longestEmission && column + span <= size; span++) {
      const from = ((column + span) * stride + span) * baseCount
      const after = rest[column + span] ?? 0
      for (let base = 0; base < baseCount; base++) {
        const value = (costs[from + base] ?? 0) + after
        if (value < (ahead[row + base] ?? 0)) ahead[row + base] = value
      }
    }
  }
  return {observed, size, arena, pieces, costs, bases: baseCount, rest, ahead, deletion: cheapest[0] ?? 0}
}

/**
 * Cost of reading the letters of `word` as a reading's token: the same
 * value as `channelCost`, from the gathered costs.
 *
 * @param channel
 *   Channel the reading was made with.
 * @param reading
 *   Reading of the observed token.
 * @param word
 *   True word, lower case.
 * @param limit
 *   Cost above which the exact value does not matter.
 * @returns
 *   Cost (natural log units), or `Infinity` once it surely exceeds `limit`.
 */
export function readingCost(channel: Channel, reading: Reading, word: string, limit = Number.POSITIVE_INFINITY): number {
  const letters: number[] = []
  for (const letter of word) {
    const glyph = channel.index.get(letter)
    // Letters the channel has no row for are scored by the generic model.
    if (glyph === undefined) return channelCost(channel, word, reading.observed)
    letters.push(glyph)
  }
  return spellingCost(reading, letters, 0, letters.length, limit)
}

/**
 * Cost of reading a word given by its letter indices as a reading's token
 * (`readingCost` without looking the letters up).
 *
 * @param reading
 *   Reading of the observed token.
 * @param letters
 *   Letter indices.
 * @param from
 *   First letter of the word in `letters`.
 * @param to
 *   End of the word in `letters` (exclusive).
 * @param limit
 *   Cost above which the exact value does not matter.
 * @returns
 *   Cost (natural log units), or `Infinity` once it surely exceeds `limit`.
 */
export function spellingCost(reading: Reading, letters: ArrayLike<number>, from: number, to: number, limit: number): number {
  const {size, arena, pieces, rest} = reading
  const stride = longestEmission + 1
  if (shared.row.length < size + 1) {
    shared.row = new Float64Array(2 * (size + 1))
    shared.next = new Float64Array(2 * (size + 1))
  }
  let {row, next} = shared
  row.fill(Number.POSITIVE_INFINITY, 0, size + 1)
  row[0] = 0
  for (let letter = from; letter < to; letter++) {
    const glyph = letters[letter] ?? 0
    // The characters still unread cost at least `rest`: once every column
    // is beyond the limit with them, the word is.
    let lowest = Number.POSITIVE_INFINITY
    for (let column = 0; column <= size; column++) {
      let best = Number.POSITIVE_INFINITY
      for (let span = 0; span <= longestEmission && span <= column; span++) {
        const previous = row[column - span] ?? Number.POSITIVE_INFINITY
        if (previous === Number.POSITIVE_INFINITY) continue
        const cost = previous + (arena[(pieces[column * stride + span] ?? 0) + glyph] ?? 30)
        if (cost < best) best = cost
      }
      next[column] = best
      lowest = Math.min(lowest, best + (rest[column] ?? 0))
    }
    if (lowest > limit + 1e-9) return Number.POSITIVE_INFINITY
    const swap = row
    row = next
    next = swap
  }
  return row[size] ?? Number.POSITIVE_INFINITY
}

/**
 * Cost of reading the letters of `word` as `observed`: the best alignment's
 * `-log P(observed | word)`.
 *
 * @param channel
 *   Channel.
 * @param word
 *   True word, lower case.
 * @param observed
 *   Observed token, lower case.
 * @returns
 *   Cost (natural log units).
 */
export function channelCost(channel: Channel, word: string, observed: string): number {
  return align(channel, word, observed).cost
}

/**
 * Best alignment of `word`'s letters to `observed`.
 *
 * @param channel
 *   Channel.
 * @param word
 *   True word, lower case.
 * @param observed
 *   Observed token, lower case.
 * @returns
 *   Cost and the steps of the best alignment.
 */
export function align(channel: Channel, word: string, observed: string): {cost: number; steps: AlignmentStep[]} {
  const letters = [...word]
  const size = observed.length
  const width = size + 1
  const cells = (letters.length + 1) * width
  if (shared.table.length < cells) {
    shared.table = new Float64Array(2 * cells)
    shared.back = new Int8Array(2 * cells)
  }
  const {table, back} = shared
  table.fill(Number.POSITIVE_INFINITY, 0, cells)
  // Every row reads the same pieces of `observed`: look their costs up once.
  const stride = longestEmission + 1
  const pieces: string[] = []
  const vectors: number[] = []
  for (let column = 0; column <= size; column++) {
    for (let span = 0; span <= longestEmission; span++) {
      const read = span <= column ? observed.slice(column - span, column) : ''
      pieces.push(read)
      vectors.push(readCosts(channel, read))
    }
  }
  const {arena} = channel
  table[0] = 0
  for (let row = 1; row <= letters.length; row++) {
    const glyph = letters[row - 1] ?? ''
    const id = channel.index.get(glyph)
    for (let column = 0; column <= size; column++) {
      let best = Number.POSITIVE_INFINITY
      let bestSpan = 0
      for (let span = 0; span <= longestEmission && span <= column; span++) {
        const previous = table[(row - 1) * width + column - span] ?? Number.POSITIVE_INFINITY
        if (previous === Number.POSITIVE_INFINITY) continue
        const cost =
          id === undefined
            ? unknownCost(glyph, pieces[column * stride + span] ?? '')
            : (arena[(vectors[column * stride + span] ?? 0) + id] ?? 30)
        if (previous + cost < best) {
          best = previous + cost
          bestSpan = span
        }
      }
      table[row * width + column] = best
      back[row * width + column] = bestSpan
    }
  }
  const steps: AlignmentStep[] = []
  let column = size
  for (let row = letters.length; row > 0; row--) {
    const span = back[row * width + column] ?? 0
    steps.push({glyph: letters[row - 1] ?? '', read: observed.slice(column - span, column)})
    column -= span
  }
  steps.reverse()
  return {cost: table[letters.length * width + size] ?? Number.POSITIVE_INFINITY, steps}
}

/**
 * @param glyph
 *   Letter the channel has no index for.
 * @param read
 *   Reading.
 * @returns
 *   Cost from the generic model alone.
 */
function unknownCost(glyph: string, read: string): number {
  return -Math.log(genericKinds[genericKind(glyph, fold(glyph), read, fold(read))] ?? 0)
}
