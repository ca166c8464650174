/**
 * Decision records: validation of what editors and import files send, and
 * the rules that pick the decision that holds for each target.
 */
import {collapse} from '../../ingest/index.js'
import type {Decision, DecisionDraft, DecisionKind, MetaField, ReviewNode} from './types.js'

/** An input that is not a valid decision; `message` in English, `vi` in Vietnamese. */
export class DecisionError extends Error {
  /** The same message in Vietnamese, for the page. */
  readonly vi: string

  /**
   * @param message
   *   Reason in English (`Unexpected X, expected Y`).
   * @param vi
   *   Reason in Vietnamese.
   */
  constructor(message: string, vi: string) {
    super(message)
    this.name = 'DecisionError'
    this.vi = vi
  }
}

/** Decision kinds, in the order pages list them. */
export const decisionKinds: readonly DecisionKind[] = ['group', 'confirm', 'word', 'meta']

/** Metadata fields editors may correct. */
export const metaFields: readonly MetaField[] = ['province', 'date']

/** Longest node context kept on a decision. */
const contextLength = 200

/** Same shapes as `documentId` in the CLI produces: `a-z0-9.-`. */
const documentPattern = /^[a-z0-9][a-z0-9.-]{0,199}$/
/** Node ids from segment: `part_III__group_2__item_2-4`, `para_2`. */
const nodePattern = /^[A-Za-z0-9_.-]{1,300}$/
/** Reference group ids: `G1`, or another framework's. */
const groupPattern = /^[A-Za-z0-9_.-]{1,32}$/
/** The place of a source token. */
const placePattern = /^[1-9]\d{0,6}:[1-9]\d{0,6}$/
/** Export format of `at`. */
const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
/** Ids the store makes (UUIDs), or any id another tool made that is safe to show. */
const idPattern = /^[A-Za-z0-9_.:-]{1,100}$/
/** Control characters (line breaks and tabs included): never part of a name, word or field. */
const control = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/

/**
 * The slot a decision fills: decisions on the same slot replace each other
 * (the latest holds), so a confirmation and a reassignment of the same node
 * share one.
 *
 * @param decision
 *   Decision (document, kind, target).
 * @returns
 *   Slot key.
 */
export function slotOf(decision: Pick<Decision, 'document' | 'kind' | 'target'>): string {
  const family = decision.kind === 'confirm' ? 'group' : decision.kind
  return decision.document + '\n' + family + '\n' + decision.target
}

/**
 * Order of decisions: by time, then by id, so every copy of a database
 * (after export and import) agrees on which decision is the latest.
 *
 * @param a
 *   Decision.
 * @param b
 *   Decision.
 * @returns
 *   Negative when `a` comes first.
 */
export function compareDecisions(a: Pick<Decision, 'at' | 'id'>, b: Pick<Decision, 'at' | 'id'>): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The decision that holds for each slot.
 *
 * @param decisions
 *   Decisions, in any order (the full history).
 * @returns
 *   Latest decision by slot.
 */
export function latestBySlot(decisions: Iterable<Decision>): Map<string, Decision> {
  const latest = new Map<string, Decision>()
  for (const decision of decisions) {
    const slot = slotOf(decision)
    const previous = latest.get(slot)
    if (!previous || compareDecisions(previous, decision) < 0) latest.set(slot, decision)
  }
  return latest
}

/**
 * What a decision records about a node, so a later run can tell whether the
 * node with that id is still the same item.
 *
 * @param node
 *   Node.
 * @returns
 *   Its heading or text, white space collapsed, cut to 200 characters.
 */
export function nodeContext(node: Pick<ReviewNode, 'heading' | 'text'>): string {
  const value = collapse(node.heading ?? node.text)
  return Array.from(value).slice(0, contextLength).join('')
}

/**
 * Read what a page sends to record a decision. The server adds the context,
 * the id and the time, and checks that the target exists.
 *
 * @param value
 *   Parsed JSON body.
 * @returns
 *   Draft without context.
 * @throws {DecisionError}
 *   When a field is missing or malformed.
 */
export function parseDraft(value: unknown): Omit<DecisionDraft, 'context'> {
  const record = object(value)
  const known = new Set(['document', 'kind', 'target', 'old', 'value', 'author', 'comment'])
  for (const key of Object.keys(record)) {
    if (!known.has(key)) throw new DecisionError('Unexpected field `' + key + '`, expected ' + [...known].join(', '), 'Trường không hợp lệ: `' + key + '`')
  }
  return readDraft(record)
}

/**
 * The fields of a draft in a record, checked.
 *
 * @param record
 *   Record (a page's body or an import file's decision).
 * @returns
 *   Draft without context.
 * @throws {DecisionError}
 *   When a field is missing or malformed.
 */
function readDraft(record: Record<string, unknown>): Omit<DecisionDraft, 'context'> {
  return checkDraft({
    document: string(record, 'document'),
    kind: kind(record),
    target: string(record, 'target'),
    old: nullableString(record, 'old'),
    value: nullableString(record, 'value'),
    author: string(record, 'author'),
    comment: optionalComment(record)
  })
}

/**
 * Read one decision of an import file.
 *
 * @param value
 *   Parsed JSON record.
 * @returns
 *   Decision.
 * @throws {DecisionError}
 *   When a field is missing or malformed.
 */
export function parseDecision(value: unknown): Decision {
  const record = object(value)
  const id = string(record, 'id')
  if (!idPattern.test(id)) throw new DecisionError('Unexpected id `' + clip(id) + '`, expected letters, digits, `_.:-`', 'Mã quyết định không hợp lệ')
  const at = string(record, 'at')
  if (!timePattern.test(at) || Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) {
    throw new DecisionError('Unexpected time `' + clip(at) + '`, expected UTC ISO 8601 like `2025-03-10T08:15:00.000Z`', 'Thời điểm không hợp lệ')
  }
  const context = nullableString(record, 'context')
  if (context !== null && (context.length > 1000 || control.test(context))) {
    throw new DecisionError('Unexpected context, expected at most 1000 characters on one line', 'Ngữ cảnh không hợp lệ')
  }
  const draft = readDraft(record)
  return {id, document: draft.document, kind: draft.kind, target: draft.target, context, old: draft.old, value: draft.value, author: draft.author, at, comment: draft.comment}
}

/**
 * Check a draft's fields against its kind and normalise them (NFC, trimmed).
 *
 * @param draft
 *   Draft.
 * @returns
 *   Normalised draft.
 * @throws {DecisionError}
 *   When a field does not fit.
 */
function checkDraft(draft: Omit<DecisionDraft, 'context'>): Omit<DecisionDraft, 'context'> {
  const document = draft.document
  if (!documentPattern.test(document)) {
    throw new DecisionError('Unexpected document id `' + clip(document) + '`, expected `a-z0-9.-`', 'Mã văn bản không hợp lệ: `' + clip(document) + '`')
  }
  const author = draft.author.normalize('NFC').trim()
  if (!author || author.length > 80 || control.test(author)) {
    throw new DecisionError('Unexpected editor name, expected 1 to 80 characters on one line', 'Tên người sửa phải có từ 1 đến 80 ký tự, trên một dòng')
  }
  const comment = draft.comment === null ? null : draft.comment.normalize('NFC').trim() || null
  if (comment !== null && comment.length > 2000) {
    throw new DecisionError('Unexpected comment of ' + comment.length + ' characters, expected at most 2000', 'Ghi chú quá dài (tối đa 2000 ký tự)')
  }
  const base = {document, kind: draft.kind, author, comment}
  switch (draft.kind) {
    case 'group':
    case 'confirm': {
      if (!nodePattern.test(draft.target)) throw new DecisionError('Unexpected node id `' + clip(draft.target) + '`', 'Mã mục không hợp lệ')
      for (const [name, value] of [['old', draft.old], ['value', draft.value]] as const) {
        if (value !== null && !groupPattern.test(value)) {
          throw new DecisionError('Unexpected group `' + clip(value) + '` in `' + name + '`, expected a group id or null', 'Nhóm không hợp lệ: `' + clip(value) + '`')
        }
      }
      if (draft.kind === 'confirm' && draft.value !== draft.old) {
        throw new DecisionError('Unexpected confirmation changing the group, expected `value` equal to `old`', 'Xác nhận không được đổi nhóm')
      }
      if (draft.kind === 'group' && draft.value === draft.old) {
        throw new DecisionError('Unexpected reassignment to the same group, expected another group (or a confirmation)', 'Nhóm mới trùng nhóm cũ; hãy dùng “Xác nhận”')
      }
      return {...base, target: draft.target, old: draft.old, value: draft.value}
    }
    case 'word': {
      if (!placePattern.test(draft.target)) {
        throw new DecisionError('Unexpected word place `' + clip(draft.target) + '`, expected `line:column`', 'Vị trí từ không hợp lệ')
      }
      const value = draft.value === null ? '' : draft.value.normalize('NFC').trim()
      if (!value || value.length > 64 || control.test(value)) {
        throw new DecisionError('Unexpected word, expected 1 to 64 characters on one line', 'Từ sửa phải có từ 1 đến 64 ký tự, trên một dòng')
      }
      if (draft.old !== null && draft.old.normalize('NFC') === value) {
        throw new DecisionError('Unexpected correction to the same word, expected another word', 'Từ sửa trùng từ hiện có')
      }
      return {...base, target: draft.target, old: draft.old === null ? null : draft.old.normalize('NFC'), value}
    }
    case 'meta': {
      if (!(metaFields as readonly string[]).includes(draft.target)) {
        throw new DecisionError('Unexpected field `' + clip(draft.target) + '`, expected one of ' + metaFields.join(', '), 'Trường thông tin không hợp lệ')
      }
      const value = draft.value === null ? null : draft.value.normalize('NFC').trim() || null
      if (value !== null) {
        if (draft.target === 'date' && !isDate(value)) {
          throw new DecisionError('Unexpected date `' + clip(value) + '`, expected a real date as `YYYY-MM-DD`', 'Ngày không hợp lệ: `' + clip(value) + '` (cần dạng YYYY-MM-DD)')
        }
        if (draft.target === 'province' && (value.length > 100 || control.test(value))) {
          throw new DecisionError('Unexpected province, expected at most 100 characters on one line', 'Tên tỉnh không hợp lệ (tối đa 100 ký tự)')
        }
      }
      if (value === draft.old) {
        throw new DecisionError('Unexpected correction to the same value, expected another value', 'Giá trị mới trùng giá trị cũ')
      }
      return {...base, target: draft.target, old: draft.old, value}
    }
  }
}

/**
 * Whether a string is a real calendar date written `YYYY-MM-DD`.
 *
 * @param value
 *   String.
 * @returns
 *   Whether it is.
 */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const time = Date.parse(value + 'T00:00:00.000Z')
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
}

/**
 * A plain object, or an error.
 *
 * @param value
 *   Value.
 * @returns
 *   Object.
 */
function object(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecisionError('Unexpected ' + (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value) + ', expected a decision object', 'Dữ liệu không phải một quyết định')
  }
  return value as Record<string, unknown>
}

/**
 * A required string field.
 *
 * @param record
 *   Object.
 * @param key
 *   Field.
 * @returns
 *   Value.
 */
function string(record: Record<string, unknown>, key: string): string {
  const value = record[key]
  if (typeof value !== 'string') throw new DecisionError('Unexpected ' + describe(value) + ' for `' + key + '`, expected a string', 'Thiếu trường `' + key + '`')
  return value
}

/**
 * A string-or-null field; missing counts as null.
 *
 * @param record
 *   Object.
 * @param key
 *   Field.
 * @returns
 *   Value.
 */
function nullableString(record: Record<string, unknown>, key: string): string | null {
  const value = record[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new DecisionError('Unexpected ' + describe(value) + ' for `' + key + '`, expected a string or null', 'Trường `' + key + '` không hợp lệ')
  return value
}

/**
 * The optional comment.
 *
 * @param record
 *   Object.
 * @returns
 *   Comment or null.
 */
function optionalComment(record: Record<string, unknown>): string | null {
  return nullableString(record, 'comment')
}

/**
 * The kind field.
 *
 * @param record
 *   Object.
 * @returns
 *   Kind.
 */
function kind(record: Record<string, unknown>): DecisionKind {
  const value = record.kind
  if (typeof value !== 'string' || !(decisionKinds as readonly string[]).includes(value)) {
    throw new DecisionError('Unexpected kind ' + describe(value) + ', expected one of ' + decisionKinds.join(', '), 'Loại quyết định không hợp lệ')
  }
  return value as DecisionKind
}

/**
 * Short description of a value for a message.
 *
 * @param value
 *   Value.
 * @returns
 *   Description.
 */
function describe(value: unknown): string {
  if (value === undefined) return 'missing value'
  if (typeof value === 'string') return '`' + clip(value) + '`'
  return value === null ? '`null`' : Array.isArray(value) ? 'array' : typeof value
}

/**
 * Cut a value for a message.
 *
 * @param value
 *   Value.
 * @returns
 *   At most 40 characters.
 */
function clip(value: string): string {
  return value.length > 40 ? value.slice(0, 39) + '…' : value
}
