/**
 * Agency names (`data/agencies.json`): matching one at a place of a folded
 * text, reading a list of them (`Đảng đoàn Hội đồng nhân dân tỉnh, Ban cán
 * sự đảng Ủy ban nhân dân tỉnh`), and a tolerant match of a whole heading
 * for OCR-damaged text.
 */
import {toBareKey} from '../../ingest/index.js'
import {levenshtein} from '../../segment/index.js'
import {groupBy} from '../../util.js'
import data from '../data/agencies.json' with {type: 'json'}
import type {Level} from './types.js'
import {alternation, escape, isKeyCode} from './text.js'

/** A lexicon entry: an agency, or a generic collective word when `name` is null. */
interface Entry {
  /** Canonical name, or null for a generic word. */
  name: string | null
  /** Level. */
  level: Level | null
}

/** An agency (or generic word) found in a text. */
export interface AgencyItem {
  /** Canonical name, or null for a generic word that names no agency. */
  name: string | null
  /** Level of the agency. */
  level: Level | null
  /** As written. */
  text: string
  /** Start offset. */
  start: number
  /** End offset (exclusive). */
  end: number
}

/** A list of agencies read at a place. */
export interface AgencyList {
  /** Items, generic ones included. */
  items: AgencyItem[]
  /** End of the list (exclusive). */
  end: number
}

/** Lookup keys of the names met, remembered: the same names are met again and again. */
const lookupKeys = new Map<string, string>()
const entries = new Map<string, Entry>()
const variants: string[] = []
for (const agency of data.agencies) {
  for (const variant of agency.variants) {
    entries.set(lookupKey(toBareKey(variant)), {name: agency.name, level: agency.level as Level})
    variants.push(variant)
  }
}
for (const word of data.generic) {
  const key = lookupKey(toBareKey(word))
  // A generic word never shadows a named variant with the same key.
  if (!entries.has(key)) entries.set(key, {name: null, level: null})
  variants.push(word)
}
/**
 * The names' pattern split by first word: a name matches at a place only if
 * its first word is the word there, so only the names that start with that
 * word are tried (in the same order as in the whole alternation, so the same
 * name wins). Names and generic words all start with a letter or digit.
 */
const patterns = new Map<string, RegExp>()
{
  const byWord = groupBy(variants, (variant) => toBareKey(variant).split(' ')[0] ?? '')
  for (const [word, list] of byWord) patterns.set(word, new RegExp(alternation(list), 'y'))
}
const prefixes = data.ellipsis.map((prefix) => toBareKey(prefix))
const marks = data.separators.filter((word) => !/\p{L}/u.test(word))
const joiners = data.separators.filter((word) => /\p{L}/u.test(word))
/** Between two names: a mark (`,` `;`) optionally followed by a joining word, or a joining word alone. */
const separator = new RegExp('\\s*[' + marks.map((mark) => escape(mark)).join('') + ']\\s*(?:' + alternation(joiners) + '\\s+)?|\\s+' + alternation(joiners) + '\\s+', 'y')
const named = data.agencies.map((agency) => {
  const variants = agency.variants.map((variant) => {
    const key = toBareKey(variant)
    return {key, counts: characterCounts(key)}
  })
  return {name: agency.name, level: agency.level as Level, bare: toBareKey(agency.name), variants}
})
/** Bare key of each canonical name. */
const bareNames = new Map(named.map((agency) => [agency.name, agency.bare]))

/**
 * Key to look an entry up by: bare words without `và`, because names match
 * with or without `và` between their words.
 *
 * @param key
 *   Bare key (or folded text).
 * @returns
 *   Lookup key.
 */
function lookupKey(key: string): string {
  let found = lookupKeys.get(key)
  if (found === undefined) {
    found = (key.match(/[a-z0-9]+/g) ?? []).filter((word) => word !== 'va').join(' ')
    if (lookupKeys.size < 100_000) lookupKeys.set(key, found)
  }
  return found
}

/**
 * The agency (or generic word) starting exactly at a place, longest first.
 *
 * @param key
 *   Folded text.
 * @param text
 *   The text.
 * @param start
 *   Offset.
 * @param previous
 *   Item before it in a list, whose prefix (`Ban cán sự đảng`) it may leave out.
 * @returns
 *   Item, or null.
 */
export function agencyAt(key: string, text: string, start: number, previous?: AgencyItem | null): AgencyItem | null {
  const previousKey = previous?.name ? (bareNames.get(previous.name) ?? toBareKey(previous.name)) : ''
  const prefix = prefixes.find((candidate) => previousKey.startsWith(candidate + ' '))
  if (prefix) {
    // `Ban cán sự đảng Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh`:
    // the second name is read with the first one's prefix.
    // Names are short: a bounded slice keeps long lists linear.
    const joined = prefix + ' ' + key.slice(start, start + 200)
    const match = nameAt(joined, 0)
    const entry = match ? entries.get(lookupKey(match[0])) : undefined
    if (match && entry?.name && match[0].length > prefix.length + 1 && (bareNames.get(entry.name) ?? '').startsWith(prefix + ' ')) {
      const end = start + match[0].length - prefix.length - 1
      return {name: entry.name, level: entry.level, text: text.slice(start, end), start, end}
    }
  }
  const match = nameAt(key, start)
  if (!match) return null
  const entry = entries.get(lookupKey(match[0]))
  if (!entry) return null
  const end = start + match[0].length
  return {name: entry.name, level: entry.level, text: text.slice(start, end), start, end}
}

/**
 * The name (or generic word) pattern matched exactly at a place.
 *
 * @param key
 *   Folded text.
 * @param start
 *   Offset.
 * @returns
 *   Match, or null.
 */
function nameAt(key: string, start: number): RegExpExecArray | null {
  // The word there (`[a-z0-9]+`), scanned: most places start no name.
  let end = start
  while (end < key.length) {
    const code = key.charCodeAt(end)
    if (!isKeyCode(code)) break
    end++
  }
  const pattern = end > start ? patterns.get(key.slice(start, end)) : undefined
  if (!pattern) return null
  pattern.lastIndex = start
  return pattern.exec(key)
}

/**
 * A list of agencies starting at a place, joined by `,`, `;`, `và`, `cùng`.
 *
 * @param key
 *   Folded text.
 * @param text
 *   The text.
 * @param start
 *   Offset.
 * @returns
 *   The list (possibly empty).
 */
export function agencyList(key: string, text: string, start: number): AgencyList {
  const items: AgencyItem[] = []
  let cursor = start
  let end = start
  while (true) {
    const item = agencyAt(key, text, cursor, items.at(-1))
    if (!item) break
    items.push(item)
    end = item.end
    separator.lastIndex = end
    const joined = separator.exec(key)
    if (!joined) break
    cursor = end + joined[0].length
  }
  return {items, end}
}

/**
 * Agencies a heading consists of (`2.9. Ban Cán sự đảng Tòa án nhân dân
 * tỉnh, Viện kiểm sát nhân dân tỉnh`): the heading must be an agency list
 * and nothing more, with at least one named agency. For OCR-damaged text a
 * heading that is one agency name with a few letters misread also counts.
 *
 * @param heading
 *   Heading as written.
 * @param headingKey
 *   Its folded key.
 * @param fuzzy
 *   Whether to tolerate misread letters.
 * @returns
 *   Named items, or an empty list when the heading is not an agency heading.
 */
export function agencyHeading(heading: string, headingKey: string, fuzzy: boolean): AgencyItem[] {
  const text = heading.replace(/[\s:.;,]+$/u, '')
  const key = headingKey.slice(0, text.length)
  const list = agencyList(key, text, 0)
  const items = list.items.filter((item) => item.name !== null)
  if (items.length > 0 && list.end === text.length) return items
  if (!fuzzy || text.length > 160) return []
  const whole = nearestAgency(text)
  if (whole) return [{...whole, text, start: 0, end: text.length}]
  // `Ban cán sự đúng Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh`: each
  // name of the list on its own, the second with the first one's prefix.
  const found: AgencyItem[] = []
  let start = 0
  for (const part of text.split(/([,;]\s*)/)) {
    if (/^[,;]\s*$/.test(part)) {
      start += part.length
      continue
    }
    const previous = found.at(-1)?.name ?? ''
    const prefix = data.ellipsis.find((candidate) => toBareKey(previous).startsWith(toBareKey(candidate) + ' '))
    const item = (prefix ? nearestAgency(prefix + ' ' + part, prefix) : null) ?? nearestAgency(part)
    if (!item) return []
    found.push({...item, text: part, start, end: start + part.length})
    start += part.length
  }
  return found
}

/**
 * The agency whose name is nearest a text with a few letters misread, when
 * near enough (a quarter of the name's letters at most).
 *
 * @param value
 *   Text.
 * @param prefix
 *   Prefix the name must start with, if any.
 * @returns
 *   Name and level, or null.
 */
function nearestAgency(value: string, prefix?: string): {name: string; level: Level} | null {
  const bare = toBareKey(value)
  if (bare.length > 90) return null
  const counts = characterCounts(bare)
  const start = prefix ? toBareKey(prefix) + ' ' : null
  let best: {name: string; level: Level; distance: number} | null = null
  for (const agency of named) {
    if (start !== null && !agency.bare.startsWith(start)) continue
    for (const {key: candidate, counts: candidateCounts} of agency.variants) {
      // Only a name nearer than the best so far can take its place.
      const limit = Math.min(8, Math.floor(candidate.length / 4), best ? best.distance - 1 : Number.POSITIVE_INFINITY)
      // An edit distance is at least the difference in length, and at least
      // the characters one has more of than the other: most names are too
      // long, too short or too unlike to be near.
      if (Math.abs(bare.length - candidate.length) > limit) continue
      if (countDistance(counts, candidateCounts) > limit) continue
      const distance = levenshtein(bare, candidate, limit)
      if (distance <= limit) {
        best = {name: agency.name, level: agency.level, distance}
      }
    }
  }
  return best ? {name: best.name, level: best.level} : null
}

/**
 * How often each character of a bare key (`a-z`, `0-9`, space) occurs in it.
 *
 * @param key
 *   Bare key.
 * @returns
 *   Counts, by character.
 */
function characterCounts(key: string): Int32Array {
  const counts = new Int32Array(37)
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index)
    const bin = code >= 97 ? code - 97 : code >= 48 ? code - 48 + 26 : 36
    counts[bin] = (counts[bin] ?? 0) + 1
  }
  return counts
}

/**
 * A lower bound of the edit distance of two keys from their character
 * counts: an edit adds, removes or changes one character, so it closes the
 * gap of each side by one at most.
 *
 * @param a
 *   Counts of one key.
 * @param b
 *   Counts of the other.
 * @returns
 *   Bound.
 */
function countDistance(a: Int32Array, b: Int32Array): number {
  let more = 0
  let fewer = 0
  for (let index = 0; index < a.length; index++) {
    const gap = (a[index] ?? 0) - (b[index] ?? 0)
    if (gap > 0) more += gap
    else fewer -= gap
  }
  return Math.max(more, fewer)
}

/**
 * Level of a canonical agency.
 *
 * @param name
 *   Canonical name.
 * @returns
 *   Level, or null.
 */
export function agencyLevel(name: string): Level | null {
  return named.find((agency) => agency.name === name)?.level ?? null
}
