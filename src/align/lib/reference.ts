/**
 * The task framework as data: a small Markdown dialect (headings and lists)
 * read line by line, so that every mistake is reported at its own line.
 */
import {VFileMessage} from 'vfile-message'
import type {Reference, ReferenceGroup, ReferenceSubpoint} from './types.js'

/** Fields each level accepts, and whether a field holds a list. */
const fields: Record<'framework' | 'group' | 'subpoint', Record<string, 'list' | 'text'>> = {
  framework: {id: 'text', code: 'text', aliases: 'list', date: 'text', issuer: 'text', source: 'list'},
  group: {phrases: 'list', titles: 'list', source: 'list'},
  subpoint: {phrases: 'list', source: 'list'}
}

const heading = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/
const field = /^[-*+][ \t]+([^:]*?)[ \t]*:[ \t]*(.*)$/
const entry = /^([ \t]+)[-*+][ \t]+(.*)$/
const identifier = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)[.:]?[ \t]+(\S.*)$/

/**
 * Error for a framework file that does not follow the format; a
 * `VFileMessage`, so it carries `file`, `line`, `column` and `ruleId`, and the
 * CLI prints it like any other message.
 */
export class ReferenceSyntaxError extends VFileMessage {
  /**
   * @param reason
   *   What is wrong, as “Unexpected X, expected Y”.
   * @param place
   *   Where, line and column from 1.
   * @param path
   *   Path of the framework file, if known.
   */
  constructor(reason: string, place: {line: number; column: number}, path: string | undefined) {
    super(reason, {place, ruleId: 'reference-syntax', source: 'doichieu'})
    this.fatal = true
    if (path) this.file = path
  }
}

/** What {@link parseReference} reads. */
export interface ParseReferenceOptions {
  /** Text of the framework file. */
  value: string
  /** Its path, for messages and for `Reference.path`. */
  path?: string
}

/**
 * Parse a framework file (the format is described in `src/align/README.md`
 * and at the top of `corpus/reference/28-nq-tw.md`).
 *
 * @param options
 *   Text and path.
 * @returns
 *   The framework.
 * @throws {ReferenceSyntaxError}
 *   When the file is malformed, with the line and column of the problem.
 */
export function parseReference(options: ParseReferenceOptions): Reference {
  const {path} = options
  const lines = options.value.replace(/^\uFEFF/, '').normalize('NFC').split(/\r\n|\r|\n/)
  const fail = (reason: string, line: number, column = 1): never => {
    throw new ReferenceSyntaxError(reason, {line, column}, path)
  }
  let title: string | null = null
  const meta: Record<string, string | string[]> = {}
  const groups: ReferenceGroup[] = []
  let group: ReferenceGroup | null = null
  let subpoint: ReferenceSubpoint | null = null
  /** The list field that indented entries belong to, while one is open. */
  let open: {values: string[]; line: number} | null = null
  let inComment = false

  for (let index = 0; index < lines.length; index++) {
    const line = index + 1
    const text = lines[index] ?? ''
    // HTML comments are notes too; they may span lines.
    if (inComment) {
      if (text.includes('-->')) inComment = false
      continue
    }
    if (/^\s*<!--/.test(text)) {
      if (!text.includes('-->')) inComment = true
      continue
    }
    if (text.trim() === '') continue

    const indented = entry.exec(text)
    if (indented) {
      if (!open) fail('Unexpected indented list item, expected it under a list field such as `- phrases:`', line, (indented[1]?.length ?? 0) + 1)
      const value = (indented[2] ?? '').trim()
      if (value === '') fail('Unexpected empty list item, expected a phrase', line, text.length + 1)
      open?.values.push(value)
      continue
    }

    const head = heading.exec(text)
    if (head) {
      open = null
      const depth = head[1]?.length ?? 0
      const content = (head[2] ?? '').trim()
      const column = depth + 2
      if (depth === 1) {
        if (title !== null) fail('Unexpected second `#` title, expected one title for the framework', line)
        if (groups.length > 0) fail('Unexpected `#` title after a group, expected it first', line)
        if (content === '') fail('Unexpected empty title, expected the framework’s name', line, column)
        title = content
        continue
      }
      if (title === null) fail('Unexpected heading before the `#` title, expected the framework’s `# Title` first', line)
      const parsed = identifier.exec(content)
      if (depth === 2) {
        if (!parsed) fail('Unexpected group heading `' + content + '`, expected `## ID. Title` (for example `## G1. …`)', line, column)
        const id = parsed?.[1] ?? ''
        if (id.includes('.')) fail('Unexpected dotted id `' + id + '` on a group, expected a group id such as `G1` (sub-points use `###`)', line, column)
        if (groups.some((existing) => existing.id === id)) fail('Unexpected duplicate group id `' + id + '`, expected unique ids', line, column)
        group = {id, title: (parsed?.[2] ?? '').trim(), titles: [], phrases: [], source: [], subpoints: [], line}
        subpoint = null
        groups.push(group)
        continue
      }
      if (depth === 3) {
        if (!group) fail('Unexpected sub-point before any group, expected a `## ID. Title` group first', line)
        if (!parsed) fail('Unexpected sub-point heading `' + content + '`, expected `### ID. Name` (for example `### G1.1. …`)', line, column)
        const id = parsed?.[1] ?? ''
        const owner = group as ReferenceGroup
        if (!id.startsWith(owner.id + '.') || id.length <= owner.id.length + 1) {
          fail('Unexpected sub-point id `' + id + '` under group `' + owner.id + '`, expected `' + owner.id + '.N`', line, column)
        }
        if (groups.some((existing) => existing.subpoints.some((point) => point.id === id))) {
          fail('Unexpected duplicate sub-point id `' + id + '`, expected unique ids', line, column)
        }
        subpoint = {id, name: (parsed?.[2] ?? '').trim(), phrases: [], source: [], line}
        owner.subpoints.push(subpoint)
        continue
      }
      fail('Unexpected heading of depth ' + depth + ', expected `#` (title), `##` (group) or `###` (sub-point)', line)
    }

    const item = field.exec(text)
    if (item) {
      open = null
      const key = (item[1] ?? '').trim().toLowerCase()
      const value = (item[2] ?? '').trim()
      const level = subpoint ? 'subpoint' : group ? 'group' : 'framework'
      if (title === null) fail('Unexpected field before the `#` title, expected the framework’s `# Title` first', line)
      const kind = fields[level][key]
      if (!kind) {
        fail('Unexpected field `' + key + '` on a ' + level + ', expected one of ' + Object.keys(fields[level]).map((name) => '`' + name + '`').join(', '), line, 3)
      }
      if (kind === 'text' && value === '') fail('Unexpected empty field `' + key + '`, expected a value after the colon', line, text.length + 1)
      const values = kind === 'list' ? value.split(';').map((part) => part.trim()).filter(Boolean) : [value]
      let list: string[]
      if (level === 'framework') {
        if (key in meta) fail('Unexpected repeated field `' + key + '`, expected it once', line, 3)
        list = []
        meta[key] = kind === 'list' ? list : value
      } else {
        const target = level === 'subpoint' ? subpoint : group
        list = key === 'phrases' ? (target?.phrases ?? []) : key === 'titles' && group ? group.titles : (target?.source ?? [])
      }
      if (kind === 'list') {
        list.push(...values)
        // Entries on the following indented lines go to the same list.
        if (value === '') open = {values: list, line}
      }
      continue
    }

    if (/^[-*+][ \t]/.test(text)) {
      fail('Unexpected list item without `key:`, expected a field such as `- phrases:` or an indented phrase under one', line)
    }
    // Anything else is a note for readers.
    open = null
  }

  if (title === null) fail('Unexpected end of file, expected a `# Title` line', Math.max(lines.length, 1))
  if (groups.length === 0) fail('Unexpected end of file without groups, expected at least one `## ID. Title` group', Math.max(lines.length, 1))
  for (const each of groups) {
    if (each.title === '') fail('Unexpected group `' + each.id + '` without a title', each.line)
  }
  const code = typeof meta.code === 'string' ? meta.code : null
  const id = typeof meta.id === 'string' ? meta.id : slug(code ?? title ?? 'reference')
  return {
    id,
    title: title ?? '',
    code,
    aliases: Array.isArray(meta.aliases) ? meta.aliases : [],
    date: typeof meta.date === 'string' ? meta.date : null,
    issuer: typeof meta.issuer === 'string' ? meta.issuer : null,
    path: path ?? null,
    groups
  }
}

/**
 * Id from a code or title when the file gives none.
 *
 * @param value
 *   Code or title.
 * @returns
 *   Lower-case ASCII id.
 */
function slug(value: string): string {
  return (
    value
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'reference'
  )
}
