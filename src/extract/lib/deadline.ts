/**
 * Deadlines from the parenthesis that closes a task (`(thực hiện từ năm
 * 2023, sau khi có văn bản chỉ đạo của Trung ương)`), with the words in
 * `data/deadlines.json`.
 */
import data from '../data/deadlines.json' with {type: 'json'}
import type {Deadline, DeadlineKind} from './types.js'
import {alternation, fold, tidy} from './text.js'

const order: DeadlineKind[] = ['recurring', 'from', 'by', 'range', 'conditional']
const year = '(?:' + alternation(data.year) + '\\s+)'
const month = alternation(data.month)
const through = '\\s*(?:' + alternation(data.through.filter((word) => /\p{L}/u.test(word))) + '|[' + data.through.filter((word) => !/\p{L}/u.test(word)).join('') + '])\\s*'
const recurring = new RegExp(alternation(data.recurring))
const conditional = new RegExp(alternation(data.conditional))
const from = alternation(data.from)
const range = new RegExp(from + '\\s+' + year + '?(\\d{4})' + through + year + '?(\\d{4})(?!\\d)')
const fromMonth = new RegExp(from + '\\s+' + month + '\\s+(\\d{1,2})\\s*(?:' + year + '|\\/\\s*)(\\d{4})(?!\\d)')
const fromYear = new RegExp(from + '\\s+' + year + '(\\d{4})(?!\\d)')
const byMonth = new RegExp(month + '\\s+(\\d{1,2})\\s*(?:' + year + '|\\/\\s*)(\\d{4})(?!\\d)')
const byYear = new RegExp(year + '(\\d{4})(?!\\d)')
const by = new RegExp('^\\s*(?:' + alternation(data.by) + '\\s+)?(?:' + year + '|' + month + ')')

/** What ends a task after its deadline: a period or semicolon and a space. */
const after = /\s*[.;]\s+/uy
/** A letter anywhere after a place (global, so that `lastIndex` starts the search). */
const letter = /\p{L}/gu

/** A deadline that says nothing: the task has no deadline. */
export const noDeadline: Deadline = {text: null, kinds: [], from: null, by: null, condition: null}

/**
 * Read a deadline parenthesis' content.
 *
 * @param value
 *   Text inside the parenthesis, as written.
 * @returns
 *   Deadline, or null when no clause reads as a deadline (`(khóa XIII)`).
 */
export function parseDeadline(value: string): Deadline | null {
  const kinds = new Set<DeadlineKind>()
  let start: string | null = null
  let end: string | null = null
  let condition: string | null = null
  // Clauses are split at commas and semicolons: `hoàn thành trong năm 2024,
  // sau khi có văn bản chỉ đạo của Trung ương`.
  let offset = 0
  for (const clause of value.split(/[,;]/)) {
    const key = fold(clause)
    const at = offset
    offset += clause.length + 1
    const condition_ = conditional.exec(key)
    if (condition_) {
      kinds.add('conditional')
      const text = tidy(value.slice(at + condition_.index, at + clause.length))
      condition = condition === null ? text : condition + ', ' + text
      continue
    }
    if (recurring.test(key)) kinds.add('recurring')
    const spanned = range.exec(key)
    if (spanned) {
      kinds.add('range')
      start = spanned[1] ?? null
      end = spanned[2] ?? null
      continue
    }
    const month_ = fromMonth.exec(key)
    if (month_) {
      kinds.add('from')
      start = (month_[2] ?? '') + '-' + (month_[1] ?? '').padStart(2, '0')
      continue
    }
    const year_ = fromYear.exec(key)
    if (year_) {
      kinds.add('from')
      start = year_[1] ?? null
      continue
    }
    if (by.test(key)) {
      const byMonth_ = byMonth.exec(key)
      const byYear_ = byYear.exec(key)
      if (byMonth_) {
        kinds.add('by')
        end = (byMonth_[2] ?? '') + '-' + (byMonth_[1] ?? '').padStart(2, '0')
      } else if (byYear_) {
        kinds.add('by')
        end = byYear_[1] ?? null
      }
    }
  }
  if (kinds.size === 0) return null
  return {text: value.trim(), kinds: order.filter((kind) => kinds.has(kind)), from: start, by: end, condition}
}

/** A parenthesis of a text that reads as a deadline. */
export interface DeadlineSpan {
  /** Offset of `(`. */
  start: number
  /** Offset after `)`. */
  end: number
  /** The deadline. */
  deadline: Deadline
}

/**
 * Parentheses of a text that read as deadlines, in order.
 *
 * @param value
 *   Text.
 * @returns
 *   Deadline spans.
 */
export function deadlines(value: string): DeadlineSpan[] {
  const spans: DeadlineSpan[] = []
  for (const match of value.matchAll(/\(([^()]*)\)/g)) {
    const deadline = parseDeadline(match[1] ?? '')
    if (deadline) spans.push({start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, deadline})
  }
  return spans
}

/** A task's span in a text, with the deadline that closes it. */
export interface TaskSpan {
  /** Start offset. */
  start: number
  /** End offset (exclusive). */
  end: number
  /** Deadline (`noDeadline` when there is none). */
  deadline: Deadline
}

/**
 * The deadline that closes a task: its last parenthesis, when nothing but
 * punctuation follows it and it reads as a deadline.
 *
 * @param value
 *   Task text.
 * @returns
 *   Deadline (`noDeadline` when there is none).
 */
export function trailingDeadline(value: string): Deadline {
  return closing(value, deadlines(value).at(-1), 0)
}

/**
 * Split a text into tasks at deadline parentheses followed by more text
 * (`… (thực hiện từ tháng 4 năm 2023). Triển khai …`, `… (hoàn thành trong
 * năm 2024, …); Thông báo số …`): each deadline belongs to what precedes it.
 * The text's parentheses are read once, for the split and for the deadline
 * of each task.
 *
 * @param value
 *   Text.
 * @returns
 *   Spans of the tasks, each with its deadline (as `trailingDeadline` of
 *   its text would give it).
 */
export function splitTasks(value: string): TaskSpan[] {
  const found = deadlines(value)
  const spans: TaskSpan[] = []
  let start = 0
  for (const span of found) {
    after.lastIndex = span.end
    const rest = after.exec(value)
    if (!rest) continue
    const next = span.end + rest[0].length
    letter.lastIndex = next
    if (!letter.test(value)) continue
    // Only punctuation is left after the parenthesis in the task: it closes it.
    spans.push({start, end: span.end + rest[0].trimEnd().length, deadline: span.deadline})
    start = next
  }
  // The last task ends with the text: the text's last parenthesis closes it
  // when it is in it.
  spans.push({start, end: value.length, deadline: closing(value, found.at(-1), start)})
  return spans.filter((span) => span.end > span.start)
}

/**
 * The deadline of a text's last deadline parenthesis, when it closes the
 * text from `start`: it lies after `start` with nothing but punctuation
 * after it.
 *
 * @param value
 *   Text.
 * @param last
 *   Its last deadline parenthesis, if any.
 * @param start
 *   Start of the task.
 * @returns
 *   Deadline (`noDeadline` when there is none).
 */
function closing(value: string, last: DeadlineSpan | undefined, start: number): Deadline {
  if (!last || last.start < start || !/^[\s.;,:/]*$/u.test(value.slice(last.end))) return noDeadline
  return last.deadline
}
