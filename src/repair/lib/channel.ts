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
  /** Cost vectors per read string (`-log P(string | letter)` per letter index), filled on demand. */
  costs: Map<string, Float64Array>
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
  const levels = glyphs.map((glyph, id): Array<[Map<string, number>, number]> => [
    [families.get('b:' + fold(glyph)) ?? new Map(), familyTotals.get('b:' + fold(glyph)) ?? 0],
    [families.get('t:' + toneless(glyph)) ?? new Map(), familyTotals.get('t:' + toneless(glyph)) ?? 0],
    [counts[id] ?? new Map(), totals[id] ?? 0]
  ])
  return {glyphs, index, counts, totals, levels, costs: new Map()}
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
 * Cost vector of reading `read`: `-log P(read | letter)` for every letter,
 * backing off from the letter to its toneless form, its base letter, and a
 * generic model.
 *
 * @param channel
 *   Channel.
 * @param read
 *   Lower-case string of zero to three characters.
 * @returns
 *   Costs indexed by letter.
 */
export function readCosts(channel: Channel, read: string): Float64Array {
  let costs = channel.costs.get(read)
  if (costs) return costs
  costs = new Float64Array(channel.glyphs.length)
  for (let id = 0; id < channel.glyphs.length; id++) {
    const glyph = channel.glyphs[id] ?? ''
    const base = generic(glyph, read)
    let probability = base
    for (const [row, total] of channel.levels[id] ?? []) {
      probability = ((row.get(read) ?? 0) + strength * probability) / (total + strength)
    }
    costs[id] = -Math.log((1 - floor) * probability + floor * base)
  }
  channel.costs.set(read, costs)
  return costs
}

/**
 * Generic chance that `glyph` is read as `read`, for readings the counts do
 * not cover: a copy is likely, a letter with the same base letter less so,
 * anything else rare.
 *
 * @param glyph
 *   True letter.
 * @param read
 *   Reading.
 * @returns
 *   Probability.
 */
function generic(glyph: string, read: string): number {
  const base = fold(glyph)
  if (read.length === 0) return 0.01
  if (read.length === 1) {
    if (read === glyph) return 0.5
    if (fold(read) === base) return 0.3 / 8
    return 0.15 / 64
  }
  const related = read.includes(glyph) || fold(read).includes(base)
  if (read.length === 2) return related ? 0.03 / 128 : 0.005 / 4096
  return related ? 0.005 / 12_288 : 1e-8
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
  const table = new Float64Array((letters.length + 1) * width).fill(Number.POSITIVE_INFINITY)
  const back = new Int8Array((letters.length + 1) * width)
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
        const read = observed.slice(column - span, column)
        const cost = id === undefined ? unknownCost(glyph, read) : (readCosts(channel, read)[id] ?? 30)
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
  return -Math.log(generic(glyph, read))
}
