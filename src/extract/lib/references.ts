/**
 * References: cited documents (`Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của
 * Ban Chấp hành Trung ương Đảng (khóa XIII) về …`) with their type, number,
 * code, date, issuer, level and title, by the words in `data/documents.json`.
 */
import {toBareKey} from '../../ingest/index.js'
import data from '../data/documents.json' with {type: 'json'}
import {agencyAt, agencyLevel} from './agencies.js'
import type {Level, Reference} from './types.js'
import {alternation, tidy} from './text.js'

/** A reference found in a text, with its place. */
export interface FoundReference {
  /** The reference, without `node` and `line`. */
  reference: Omit<Reference, 'node' | 'line'>
  /** Offset of its start in the text. */
  offset: number
}

const types = data.types.flatMap((entry) => entry.variants.map((variant) => ({type: entry.type, key: toBareKey(variant)})))
const typeWord = alternation(data.types.flatMap((entry) => entry.variants))
const numberWord = alternation(data.number)
const typeBefore = new RegExp('(' + typeWord + ')(?:\\s+' + numberWord + ')?\\s*:?\\s*$')
const code = /(?<![\p{L}\p{N}/.])(\d{1,4}(?:\s*,\s*\d{1,4})*)\s*-\s*(\p{Lu}{1,4}\p{Ll}?)\s*\/\s*(\p{Lu}{2,4})(?![\p{L}\p{N}])/gu
const dateWord = alternation(data.date)
const slashDate = new RegExp('\\s*,?\\s*' + dateWord + '\\s+(\\d{1,2})\\s*\\/\\s*(\\d{1,2})\\s*\\/\\s*(\\d{4})(?!\\d)', 'y')
const longDate = new RegExp('\\s*,?\\s*' + dateWord + '\\s+(\\d{1,2})\\s+' + alternation(['tháng']) + '\\s+(\\d{1,2})\\s+' + alternation(['năm']) + '\\s+(\\d{4})(?!\\d)', 'y')
const term = new RegExp('\\s*\\(\\s*' + alternation(data.term) + '[^)]{0,40}\\)', 'y')
const of = new RegExp('\\s*,?\\s*' + alternation(data.of) + '\\s+', 'y')
const about = new RegExp('\\s*,?\\s*' + alternation(data.about) + '\\s+', 'y')
/**
 * Citations without a code, each with a cue that every match of it holds: a
 * text without the cue (most texts) is not searched, as the search tries
 * every type word and is slow.
 */
const datedType = {
  pattern: new RegExp('(' + typeWord + ')(?:\\s+' + numberWord + '\\s+(\\d{1,4}))?(?=\\s*,?\\s*' + dateWord + '\\s+\\d)', 'g'),
  cue: new RegExp(dateWord + '\\s+\\d')
}
const central = {
  pattern: new RegExp('(' + alternation(['nghị quyết']) + ')\\s+(?:' + alternation(data.named.central) + ')\\s+(\\d{1,2})(?!\\d)(\\s*\\(\\s*' + alternation(data.term) + '[^)]*\\))?', 'g'),
  cue: new RegExp(alternation(data.named.central))
}
const congress = {
  pattern: new RegExp('(' + alternation(['nghị quyết']) + ')\\s+' + alternation(data.named.congress) + '\\s+(?:[a-z]+\\s+){0,6}?([ivxlc]{1,6})(?![a-z0-9])', 'g'),
  cue: new RegExp(alternation(data.named.congress))
}
/** Where a title ends in the text: a `;`, a parenthesis, or a sentence end. */
const titleEnd = /[;()]|[.](?=\s+\p{Lu}|\s*$)/u
/** Where a title ends in the folded text: `, Kế hoạch …`, `và Quy định …`. */
const titleNext = new RegExp('\\s*(?:,|' + alternation(['và']) + ')\\s*(?=' + typeWord + ')')

/**
 * References cited in a text.
 *
 * @param value
 *   Text as written.
 * @param key
 *   Its folded key.
 * @returns
 *   References in order of place.
 */
export function references(value: string, key: string): FoundReference[] {
  const found: FoundReference[] = []
  const taken: Array<[number, number]> = []
  // Every code holds a `/`.
  for (const match of value.includes('/') ? value.matchAll(code) : []) {
    const at = match.index ?? 0
    const codeEnd = at + match[0].length
    const middle = match[2] ?? ''
    const suffix = match[3] ?? ''
    const head = typeBefore.exec(key.slice(Math.max(0, at - 60), at))
    const start = head ? at - head[0].length : at
    const typed = head ? typeOf(head[1] ?? '') : null
    const tail = readTail(value, key, codeEnd)
    const level = levelOf(suffix) ?? (tail.issuer ? agencyLevel(tail.issuer) : null)
    for (const item of (match[1] ?? '').split(',')) {
      const number = item.trim()
      found.push({
        reference: {
          text: value.slice(start, tail.end),
          type: typed ?? typeOfCode(middle),
          number,
          code: number + '-' + middle + '/' + suffix,
          suffix,
          level,
          date: tail.date,
          issuer: tail.issuer,
          issuerText: tail.issuerText,
          title: tail.title
        },
        offset: start
      })
    }
    taken.push([start, tail.end])
  }
  const free = (start: number, end: number): boolean => !taken.some(([from, to]) => start < to && from < end)
  /**
   * Add the citations without a code that `pattern` finds where nothing was found yet.
   *
   * @param search
   *   Pattern over the folded key, and its cue.
   * @param describe
   *   Type, number, level and issuer from the match and what follows it, or null to skip it.
   */
  const codeless = (search: {pattern: RegExp; cue: RegExp}, describe: (match: RegExpMatchArray, tail: Tail, end: number) => Pick<Reference, 'type' | 'number' | 'level' | 'issuer'> | null): void => {
    if (!search.cue.test(key)) return
    for (const match of key.matchAll(search.pattern)) {
      const start = match.index ?? 0
      const end = start + match[0].length
      if (!free(start, end)) continue
      const tail = readTail(value, key, end)
      const described = describe(match, tail, end)
      if (!described) continue
      const {type, number, level, issuer} = described
      found.push({
        reference: {text: value.slice(start, tail.end), type, number, code: null, suffix: null, level, date: tail.date, issuer, issuerText: tail.issuerText, title: tail.title},
        offset: start
      })
      taken.push([start, tail.end])
    }
  }
  const byIssuer = (tail: Tail): Reference['level'] => (tail.issuer ? agencyLevel(tail.issuer) : null)
  codeless(datedType, (match, tail, end) =>
    tail.date ? {type: typeOf(match[1] ?? ''), number: match[2] ? value.slice(end - match[2].length, end) : null, level: byIssuer(tail), issuer: tail.issuer} : null
  )
  codeless(central, (_, tail) => ({type: 'Nghị quyết', number: null, level: 'central', issuer: tail.issuer ?? 'Ban Chấp hành Trung ương Đảng'}))
  codeless(congress, (_, tail) => ({type: 'Nghị quyết', number: null, level: byIssuer(tail), issuer: tail.issuer}))
  return found.sort((a, b) => a.offset - b.offset)
}

/** What may follow a code: date, issuer, term and title. */
interface Tail {
  /** End of the citation proper (before the title). */
  end: number
  /** ISO date. */
  date: string | null
  /** Canonical issuer. */
  issuer: string | null
  /** Issuer as written. */
  issuerText: string | null
  /** Title. */
  title: string | null
}

/**
 * Read what follows a document's code or name: `, ngày 17/11/2022`, `của
 * Ban Chấp hành Trung ương Đảng`, `(khóa XIII)`, `về …`, in that order,
 * each optional.
 *
 * @param value
 *   Text.
 * @param key
 *   Its folded key.
 * @param from
 *   Offset after the code or name.
 * @returns
 *   Tail.
 */
function readTail(value: string, key: string, from: number): Tail {
  let end = from
  let date: string | null = null
  let issuer: string | null = null
  let issuerText: string | null = null
  let title: string | null = null
  const dated = at(slashDate, key, end) ?? at(longDate, key, end)
  if (dated) {
    date = dated[3] + '-' + (dated[2] ?? '').padStart(2, '0') + '-' + (dated[1] ?? '').padStart(2, '0')
    end += dated[0].length
  }
  const owner = at(of, key, end)
  if (owner) {
    const item = agencyAt(key, value, end + owner[0].length)
    if (item?.name) {
      issuer = item.name
      issuerText = item.text
      end = item.end
    }
  }
  const bracket = at(term, key, end)
  if (bracket) end += bracket[0].length
  if (!date) {
    // `Quy định số 164-QĐ/TW ngày 01/02/2013 của Bộ Chính trị` puts the date
    // after the code without a comma; `của …, ngày …` puts it after the issuer.
    const later = at(slashDate, key, end) ?? at(longDate, key, end)
    if (later) {
      date = later[3] + '-' + (later[2] ?? '').padStart(2, '0') + '-' + (later[1] ?? '').padStart(2, '0')
      end += later[0].length
    }
  }
  const topic = at(about, key, end)
  if (topic) {
    const start = end + topic[0].length
    const rest = value.slice(start, start + 400)
    const stops = [titleEnd.exec(rest)?.index, titleNext.exec(key.slice(start, start + 400))?.index].filter((index): index is number => index !== undefined)
    const text = tidy((stops.length > 0 ? rest.slice(0, Math.min(...stops)) : rest).replace(/^["“]|["”]$/gu, ''))
    if (text) title = text
  }
  return {end, date, issuer, issuerText, title}
}

/**
 * Match a sticky expression at a place.
 *
 * @param pattern
 *   Sticky expression.
 * @param value
 *   Text.
 * @param index
 *   Place.
 * @returns
 *   Match, or null.
 */
function at(pattern: RegExp, value: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index
  return pattern.exec(value)
}

/**
 * Canonical type of a type word.
 *
 * @param word
 *   Folded type word.
 * @returns
 *   Type, or null.
 */
function typeOf(word: string): string | null {
  const key = toBareKey(word)
  return types.find((entry) => entry.key === key)?.type ?? null
}

/**
 * Type a code's letters stand for (`NQ` → Nghị quyết, `QĐi` → Quy định).
 *
 * @param letters
 *   Letters as written.
 * @returns
 *   Type, or null.
 */
function typeOfCode(letters: string): string | null {
  const exact = data.types.find((entry) => entry.code.includes(letters))
  if (exact) return exact.type
  const bare = toBareKey(letters)
  return data.types.find((entry) => entry.code.some((candidate) => toBareKey(candidate) === bare))?.type ?? null
}

/**
 * Level a code suffix implies (`TW` central, `TU` provincial).
 *
 * @param suffix
 *   Suffix as written.
 * @returns
 *   Level, or null.
 */
export function levelOf(suffix: string): Level | null {
  const levels = data.levels as Record<string, Level>
  // `TƯ` (central) and `TU` (provincial) differ only by a diacritic.
  return levels[suffix] ?? levels[toBareKey(suffix).toUpperCase()] ?? null
}

/**
 * Key of a code for matching: number without leading zeros, letters
 * without diacritics, upper case (`08-QĐi/TW` → `8-QDI/TW`).
 *
 * @param value
 *   Code as written.
 * @returns
 *   Key, or null when it is not a code.
 */
export function codeKey(value: string): string | null {
  const match = /^\s*(\d{1,4})\s*-\s*([\p{L}]{1,5})\s*\/\s*([\p{L}]{2,4})\s*$/u.exec(value)
  if (!match) return null
  const suffix = match[3] ?? ''
  // Keep `TƯ` apart from `TU`.
  const tail = (data.levels as Record<string, string>)[suffix] === 'central' ? 'TW' : toBareKey(suffix).toUpperCase()
  return Number(match[1]) + '-' + toBareKey(match[2] ?? '').toUpperCase() + '/' + tail
}
