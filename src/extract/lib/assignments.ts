/**
 * Assignments: tasks given to agencies, from agency headings with tasks
 * below them (`2.4. Ban Tổ chức Tỉnh ủy` / `- Tham mưu …`) and from
 * sentences whose subject is an agency (`Ban Tổ chức Tỉnh ủy chủ trì, phối
 * hợp với …`), with the words in `data/assignments.json`.
 */
import data from '../data/assignments.json' with {type: 'json'}
import {agencyList, type AgencyItem} from './agencies.js'
import {splitTasks, trailingDeadline} from './deadline.js'
import type {Assignment, Deadline} from './types.js'
import {alternation, type Span} from './text.js'

/** An assignment found in a text, with its place. */
export interface FoundAssignment {
  /** The assignment, without `node` and `line`. */
  assignment: Omit<Assignment, 'node' | 'line'>
  /** Offset of its task in the text. */
  offset: number
}

const give = new RegExp('^\\s*' + alternation(data.give) + '\\s+')
const lead = new RegExp('\\s*,?\\s*' + alternation(data.lead), 'y')
const cooperate = new RegExp(alternation(data.cooperate) + '\\s+', 'g')
const opener = new RegExp('^\\s*' + alternation(data.openers))
const ground = new RegExp('^\\s*' + alternation(data.grounds))
const notPredicate = new RegExp('\\s*' + alternation(data.notPredicate), 'y')
/** A predicate starts: a word, perhaps after a colon. */
const predicate = /\s*:?\s*[a-z]/y

/**
 * Assignments of a text under an agency heading: each task (split at
 * deadline parentheses followed by more text) goes to the heading's
 * agencies, unless the task names its own subject.
 *
 * @param value
 *   Text as written.
 * @param key
 *   Its folded key.
 * @param block
 *   Agencies of the heading above.
 * @returns
 *   Assignments in order.
 */
export function blockAssignments(value: string, key: string, block: AgencyItem[]): FoundAssignment[] {
  const found: FoundAssignment[] = []
  for (const span of splitTasks(value)) {
    const task = value.slice(span.start, span.end)
    const taskKey = key.slice(span.start, span.end)
    const own = subjectOf(taskKey, task)
    found.push(...assign(task, taskKey, span.start, own ?? block, own ? 'inline' : 'block', span.deadline))
  }
  return found
}

/**
 * Assignments of a text under no agency heading: each sentence whose
 * subject is an agency is a task for it.
 *
 * @param value
 *   Text as written.
 * @param key
 *   Its folded key.
 * @param spans
 *   Its sentences (`sentences(value)`).
 * @returns
 *   Assignments in order.
 */
export function inlineAssignments(value: string, key: string, spans: readonly Span[]): FoundAssignment[] {
  const found: FoundAssignment[] = []
  for (const span of spans) {
    const sentence = value.slice(span.start, span.end)
    const sentenceKey = key.slice(span.start, span.end)
    const own = subjectOf(sentenceKey, sentence)
    if (own) found.push(...assign(sentence, sentenceKey, span.start, own, 'inline', trailingDeadline(sentence)))
  }
  return found
}

/**
 * Records for a task: its leads, then the agencies it co-operates with.
 *
 * @param task
 *   Task as written.
 * @param key
 *   Its folded key.
 * @param offset
 *   Its offset in the statement.
 * @param leads
 *   Lead agencies.
 * @param source
 *   Where the leads come from.
 * @param deadline
 *   The deadline that closes the task.
 * @returns
 *   Assignments.
 */
function assign(task: string, key: string, offset: number, leads: AgencyItem[], source: Assignment['source'], deadline: Deadline): FoundAssignment[] {
  const text = task.trim()
  const seen = new Set<string>()
  const found: FoundAssignment[] = []
  for (const item of leads) {
    if (!item.name || seen.has(item.name)) continue
    seen.add(item.name)
    found.push({assignment: {agency: item.name, agencyText: item.text, role: 'lead', source, task: text, deadline}, offset})
  }
  for (const match of key.matchAll(cooperate)) {
    const list = agencyList(key, task, (match.index ?? 0) + match[0].length)
    for (const item of list.items) {
      if (!item.name || seen.has(item.name)) continue
      seen.add(item.name)
      found.push({assignment: {agency: item.name, agencyText: item.text, role: 'cooperate', source: 'inline', task: text, deadline}, offset})
    }
  }
  return found
}

/**
 * Agencies a sentence gives itself as subject: a list at its start
 * (`Ban Thường vụ Tỉnh ủy tăng cường …`, `Giao Ban Tổ chức Tỉnh ủy …`), after
 * an opening clause (`Hằng năm, Ban Tổ chức Tỉnh ủy …`, `Căn cứ …, các đảng
 * đoàn, ban cán sự đảng … xây dựng kế hoạch`), or before `chủ trì` at the
 * start of any clause. A list of generic words only (`Các cấp ủy, tổ chức
 * đảng …`) names no agency.
 *
 * @param key
 *   Folded sentence.
 * @param value
 *   Sentence as written.
 * @returns
 *   Named agencies, or null.
 */
function subjectOf(key: string, value: string): AgencyItem[] | null {
  let start = /^[\s"“‘*(]*/.exec(key)?.[0].length ?? 0
  const given = give.exec(key.slice(start))
  if (given) start += given[0].length
  const first = subjectAt(key, value, start, false)
  if (first) return first
  const opening = opener.exec(key.slice(start))
  if (opening) {
    // `Hằng năm, Ban Tổ chức Tỉnh ủy …`: the subject follows the adverb.
    const after = start + opening[0].length
    const found = subjectAt(key, value, after + (/^\s*,/.exec(key.slice(after))?.[0].length ?? 0), false)
    if (found) return found
  }
  if (ground.test(key.slice(start))) {
    // `Căn cứ Nghị quyết …, Kế hoạch … và Chương trình …, các đảng đoàn …`:
    // the subject follows one of the commas of the opening clause.
    const limit = Math.min(key.length, start + 400)
    for (let index = key.indexOf(',', start); index !== -1 && index < limit; index = key.indexOf(',', index + 1)) {
      const found = subjectAt(key, value, index + 1, false)
      if (found) return found
    }
  }
  for (const match of key.matchAll(/[,;]/g)) {
    const found = subjectAt(key, value, (match.index ?? 0) + 1, true)
    if (found) return found
  }
  return null
}

/**
 * Named agencies of a list at a place that is a subject: followed by a
 * predicate (or, when `leading`, by `chủ trì`).
 *
 * @param key
 *   Folded sentence.
 * @param value
 *   Sentence as written.
 * @param start
 *   Offset.
 * @param leading
 *   Whether `chủ trì` must follow.
 * @returns
 *   Named agencies, or null.
 */
function subjectAt(key: string, value: string, start: number, leading: boolean): AgencyItem[] | null {
  let at = start
  while (at < key.length && key.charAt(at) === ' ') at++
  const list = agencyList(key, value, at)
  const named = list.items.filter((item) => item.name !== null)
  if (named.length === 0) return null
  // Sticky tests at the list's end keep a long sentence with many commas linear.
  lead.lastIndex = list.end
  if (leading) return lead.test(key) ? named : null
  predicate.lastIndex = list.end
  notPredicate.lastIndex = list.end
  if (!predicate.test(key) || notPredicate.test(key)) return null
  return named
}
