/**
 * Targets: figures with their comparator, unit, subject and time frame, read
 * from sentences with the words in `data/targets.json`.
 */
import data from '../data/targets.json' with {type: 'json'}
import type {Comparator, Target, TimeFrame} from './types.js'
import {parseDeadline} from './deadline.js'
import {alternation, fold, maskNumbers, tidy} from './text.js'

/** What the caller knows about where a unit of text sits. */
export interface TargetContext {
  /** Inline numbering of the unit, or null. */
  item: string | null
  /** Time frame from the headings above, used when the unit names none. */
  timeFrame: TimeFrame
  /** Whether a heading above strives (`Phấn đấu đến năm 2025`). */
  aspirational: boolean
  /** Whether the unit is in a targets part (`Chỉ tiêu`), where a bare count (`01 đơn vị hành chính`) is a target too. */
  listed: boolean
}

/** A target found in a unit, with its place. */
export interface FoundTarget {
  /** The target, without `node` and `line`. */
  target: Omit<Target, 'node' | 'line'>
  /** Offset of the figure in the unit. */
  offset: number
}

const number = '(\\d{1,3}(?:\\.\\d{3})+|\\d+(?:,\\d+)?)'
const through = '\\s*(?:' + alternation(data.through.filter((word) => /\p{L}/u.test(word))) + '|[' + data.through.filter((word) => !/\p{L}/u.test(word)).join('') + '])\\s*'
const units = alternation(data.units)
const figure = new RegExp(
  '(?<![\\d.,])(?:' +
    [number + '\\s*%?' + through + number + '\\s*%', number + '\\s*%', number + '(?:' + through + number + ')?\\s+(' + units + ')'].join('|') +
    ')',
  'g'
)
const prefixWords = [...data.min, ...data.max, ...data.aspiration, ...data.fillers]
/** Characters looked at before a figure for each comparator word: longer than any of them. */
const window = 4 + Math.max(...prefixWords.map((word) => word.length))
const prefix = new RegExp('(?:' + alternation(prefixWords) + ')\\s*$')
const minWords = new Set(data.min.map((word) => fold(word)))
const maxWords = new Set(data.max.map((word) => fold(word)))
const aspirationWords = new Set(data.aspiration.map((word) => fold(word)))
const fillerWords = new Set(data.fillers.map((word) => fold(word)))
const minAfter = new RegExp('^\\s*' + alternation(data.minAfter))
const maxAfter = new RegExp('^\\s*' + alternation(data.maxAfter))
const aspiration = new RegExp(alternation(data.aspiration))
const ratio = new RegExp(alternation(data.ratio), 'g')
const yearWord = alternation(data.time.year)
const termWord = alternation(data.time.term)
const periodWord = alternation(data.time.period)
const pair = '(\\d{4})\\s*(?:-|–|' + alternation(['đến']) + ')\\s*(\\d{4})(?!\\d)'
const every = Object.entries(data.time.recurring) as Array<[NonNullable<TimeFrame['every']>, string[]]>
/** Time frame patterns; `dated` when every match holds a year, so a text without four digits is not searched. */
const times: Array<{pattern: RegExp; dated: boolean; read: (match: RegExpExecArray) => Omit<TimeFrame, 'text'>}> = [
  {pattern: new RegExp(termWord + '\\s+' + pair, 'g'), dated: true, read: (match) => ({kind: 'term', year: null, from: Number(match[1]), to: Number(match[2]), every: null})},
  {pattern: new RegExp(periodWord + '\\s+' + pair, 'g'), dated: true, read: (match) => ({kind: 'period', year: null, from: Number(match[1]), to: Number(match[2]), every: null})},
  {pattern: new RegExp(yearWord + '\\s+(\\d{4})(?!\\d)', 'g'), dated: true, read: (match) => ({kind: 'year', year: Number(match[1]), from: null, to: null, every: null})},
  ...every.map(([unit, words]) => ({
    pattern: new RegExp(alternation(words), 'g'),
    dated: false,
    read: (): Omit<TimeFrame, 'text'> => ({kind: 'recurring', year: null, from: null, to: null, every: unit})
  }))
]

/** No time frame. */
export const noTimeFrame: TimeFrame = {kind: 'none', year: null, from: null, to: null, every: null, text: null}

/** A figure read from a unit. */
interface Figure {
  /** Start of its phrase (comparator and filler words included). */
  start: number
  /** Start of the phrase as shown (fillers left out). */
  shown: number
  /** End of its phrase (`trở lên` included). */
  end: number
  /** Start of the number. */
  numberStart: number
  /** Values. */
  values: number[]
  /** Unit as written. */
  unit: string
  /** Start of a counted unit in the unit text, or -1 for `%`. */
  unitStart: number
  /** End of the counted unit (before `trở lên`). */
  unitEnd: number
  /** Comparator. */
  comparator: Comparator
  /** Whether `phấn đấu` stands right before it. */
  strives: boolean
  /** Start of a `tỷ lệ` phrase before it that names its subject, or -1. */
  ratio: number
}

/**
 * Quantified targets of a unit of text (a sentence or an inline item).
 *
 * @param value
 *   The unit, as written.
 * @param key
 *   Its folded key.
 * @param context
 *   Where it sits.
 * @returns
 *   Targets, in order.
 */
export function unitTargets(value: string, key: string, context: TargetContext): FoundTarget[] {
  // Every figure has a digit.
  if (!/\d/.test(value)) return []
  const masked = maskNumbers(value, key)
  const figures: Figure[] = []
  for (const match of masked.matchAll(figure)) {
    const numberStart = match.index ?? 0
    let end = numberStart + match[0].length
    // Groups: a percentage range (1, 2), a percentage (3), a count or count range (4, 5) and its unit (6).
    const values: number[] = []
    for (const item of [match[1] ?? match[3] ?? match[4], match[2] ?? match[5]]) if (item !== undefined) values.push(readNumber(item))
    const counted = match[6]
    const unitStart = counted === undefined ? -1 : end - counted.length
    const unitEnd = end
    const unit = counted === undefined ? '%' : value.slice(unitStart, end)
    // Comparator and aspiration words to the left, nearest first; the phrase
    // shown starts at the leftmost word that is not a mere filler (`và`, `có`).
    let start = numberStart
    let shown = numberStart
    const before: string[] = []
    while (true) {
      // Comparator words are short: a window keeps a long sentence linear.
      const found = prefix.exec(masked.slice(Math.max(0, start - window), start))
      if (!found || found[0].trim() === '') break
      const word = found[0].trim()
      before.push(word)
      start -= found[0].length
      if (!fillerWords.has(word)) shown = start
    }
    let comparator: Comparator | null = values.length > 1 ? 'range' : null
    const bound = before.find((word) => minWords.has(word) || maxWords.has(word))
    if (!comparator && bound) comparator = minWords.has(bound) ? 'min' : 'max'
    const after = masked.slice(end, end + window)
    const above = minAfter.exec(after)
    const below = maxAfter.exec(after)
    if (above) end += above[0].length
    else if (below) end += below[0].length
    if (!comparator && above) comparator = 'min'
    if (!comparator && below) comparator = 'max'
    const strives = before.some((word) => aspirationWords.has(word))
    if (!comparator) comparator = strives ? 'aspiration' : 'exact'
    // Outside a targets part a bare count is mostly a description (`6 văn bản`);
    // a count with a bound or a range (`ít nhất 02 lần`, `02 - 04 tập thể`) commits.
    if (counted !== undefined && comparator === 'exact' && !context.listed) continue
    figures.push({start, shown, end, numberStart, values, unit, unitStart, unitEnd, comparator, strives, ratio: -1})
  }
  if (figures.length === 0) return []
  // A `tỷ lệ …` phrase between the previous figure and this one is the subject.
  figures.forEach((item, index) => {
    const from = index === 0 ? 0 : (figures[index - 1]?.end ?? 0)
    let at = -1
    for (const match of key.slice(from, item.start).matchAll(ratio)) at = from + (match.index ?? 0)
    item.ratio = at
  })
  const subjects: string[] = []
  for (let index = figures.length - 1; index >= 0; index--) {
    const item = figures[index]
    if (!item) continue
    const next = figures[index + 1]
    let subject: string
    if (item.ratio !== -1) subject = tidy(value.slice(item.ratio, item.start).replace(/(?<=\S)\(\d{1,2}\)\s*$/u, ''))
    else {
      let stop = next ? (next.ratio === -1 ? next.start : next.ratio) : value.length
      // Another figure follows: its own clause starts at the next `;`.
      const semicolon = next ? value.slice(item.end, stop).indexOf(';') : -1
      if (semicolon !== -1) stop = item.end + semicolon
      const rest = value.slice(item.end, Math.max(item.end, stop))
      // A count's subject starts with its unit: `02 - 03 cá nhân để bồi dưỡng …`.
      subject = tidy(item.unitStart === -1 ? rest : value.slice(item.unitStart, item.unitEnd) + rest)
      subject = tidy(cutSentenceEnd(subject).replace(/(?<=\S)\(\d{1,2}\)\s*$/u, ''))
      // A task's deadline closes the sentence, not the subject: `… 10% biên chế viên chức (nhiệm vụ thường xuyên)`.
      const closing = /\(([^()]*)\)$/u.exec(subject)
      if (closing && parseDeadline(closing[1] ?? '')) subject = tidy(subject.slice(0, closing.index))
    }
    // `tối thiểu 80%, phấn đấu 90% thủ tục …`: one subject for both figures.
    if (subject === '' && subjects[0] !== undefined) subject = subjects[0]
    subjects.unshift(subject)
  }
  const frames = timeFrames(value, key)
  const first = aspiration.exec(key)
  const strivesEarlier = (at: number): boolean => first !== null && first.index + first[0].length <= at
  return figures.map((item, index) => {
    const frame = nearest(frames, item.start, item.end) ?? context.timeFrame
    const target: Omit<Target, 'node' | 'line'> = {
      item: context.item,
      sentence: value,
      text: tidy(value.slice(item.shown, item.end)),
      subject: subjects[index] ?? '',
      values: item.values,
      unit: item.unit,
      comparator: item.comparator,
      kind: item.unit === '%' ? 'share' : 'count',
      aspirational: item.strives || strivesEarlier(item.numberStart) || context.aspirational,
      timeFrame: frame
    }
    return {target, offset: item.numberStart}
  })
}

/**
 * A qualitative target: a listed target (`(1) Cán bộ dưới 40 tuổi phải tốt
 * nghiệp đại học hệ chính quy.`) with no figure.
 *
 * @param value
 *   The unit, as written.
 * @param key
 *   Its folded key.
 * @param context
 *   Where it sits.
 * @returns
 *   Target, without `node` and `line`.
 */
export function qualitativeTarget(value: string, key: string, context: TargetContext): Omit<Target, 'node' | 'line'> {
  const text = value.replace(/^\s*\(\d{1,2}\)\s*/u, '')
  return {
    item: context.item,
    sentence: value,
    text: tidy(text),
    subject: tidy(text),
    values: [],
    unit: null,
    comparator: null,
    kind: 'qualitative',
    aspirational: aspiration.test(key) || context.aspirational,
    timeFrame: nearest(timeFrames(value, key), 0, 0) ?? context.timeFrame
  }
}

/**
 * Time frame named in a heading (`Đến đầu nhiệm kỳ 2025 - 2030`, `* Hằng năm`).
 *
 * @param value
 *   Heading as written.
 * @param key
 *   Its folded key.
 * @returns
 *   Time frame, or null.
 */
export function headingTimeFrame(value: string, key: string): TimeFrame | null {
  return timeFrames(value, key)[0]?.frame ?? null
}

/**
 * Whether a heading strives (`Phấn đấu đến năm 2025`).
 *
 * @param key
 *   Folded heading.
 * @returns
 *   Whether it does.
 */
export function headingStrives(key: string): boolean {
  return aspiration.test(key)
}

/**
 * Time frames named in a text, with their places.
 *
 * @param value
 *   Text.
 * @param key
 *   Its folded key.
 * @returns
 *   Frames, in order of place; a frame inside another (`năm 2025` in a
 *   term) is dropped.
 */
function timeFrames(value: string, key: string): Array<{start: number; end: number; frame: TimeFrame}> {
  const found: Array<{start: number; end: number; frame: TimeFrame}> = []
  const years = /\d{4}/.test(key)
  for (const {pattern, dated, read} of times) {
    if (dated && !years) continue
    for (const match of key.matchAll(pattern)) {
      const start = match.index ?? 0
      const end = start + match[0].length
      if (found.some((other) => start < other.end && other.start < end)) continue
      found.push({start, end, frame: {...read(match as RegExpExecArray), text: value.slice(start, end)}})
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/**
 * The time frame nearest before a figure, else nearest after it.
 *
 * @param frames
 *   Frames of the unit.
 * @param start
 *   Start of the figure's phrase.
 * @param end
 *   End of it.
 * @returns
 *   Frame, or null.
 */
function nearest(frames: Array<{start: number; end: number; frame: TimeFrame}>, start: number, end: number): TimeFrame | null {
  const before = frames.filter((item) => item.end <= start).at(-1)
  if (before) return before.frame
  return frames.find((item) => item.start >= end)?.frame ?? null
}

/**
 * Number as written to a number (`1.000` is a thousand, `2,5` two and a half).
 *
 * @param value
 *   Digits.
 * @returns
 *   Number.
 */
function readNumber(value: string): number {
  return Number(value.replace(/\.(?=\d{3}\b)/g, '').replace(',', '.'))
}

/**
 * Text up to the end of its first sentence.
 *
 * @param value
 *   Text.
 * @returns
 *   Text.
 */
function cutSentenceEnd(value: string): string {
  const end = /[.!?](?=\s|$)/u.exec(value)
  return end ? value.slice(0, end.index) : value
}
