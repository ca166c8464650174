/**
 * The Markdown view of a diff (`doichieu diff --format md`): the two
 * documents, a summary table, then each section's changes as a list, with
 * deletions as `~~…~~` and insertions as `**…**`. Document text is escaped so
 * that it never turns into Markdown of its own.
 */
import type {Change, DiffResult, WordPart} from '../../diff/index.js'
import {changeKinds} from '../../diff/index.js'
import {changesOf, edges, kindLabels, lineSpan, nodesBelow, sections, short, summaryLine, trimContext, where} from './diff-shared.js'

/**
 * Render a diff as Markdown.
 *
 * @param result
 *   Diff.
 * @returns
 *   Markdown ending in a newline.
 */
export function diffMarkdown(result: DiffResult): string {
  const lines: string[] = ['# Diff: ' + escape(result.old.file ?? 'old') + ' → ' + escape(result.new.file ?? 'new'), '']
  lines.push('| | Old | New |', '| --- | --- | --- |')
  const row = (label: string, left: string | number | null, right: string | number | null): void => {
    lines.push('| ' + label + ' | ' + cell(left) + ' | ' + cell(right) + ' |')
  }
  row('File', result.old.file, result.new.file)
  row('Title', result.old.title ? short(result.old.title, 80) : null, result.new.title ? short(result.new.title, 80) : null)
  row('Province', result.old.province, result.new.province)
  row('Date', result.old.date, result.new.date)
  row('Nodes', result.old.nodes, result.new.nodes)
  lines.push('', '**Summary.** ' + escape(summaryLine(result)), '')
  const present = changeKinds.filter((kind) => result.summary.counts[kind] > 0)
  if (present.length > 0) {
    lines.push('| Change | Count |', '| --- | ---: |')
    for (const kind of present) lines.push('| ' + kindLabels[kind] + ' | ' + result.summary.counts[kind] + ' |')
    lines.push('')
  }
  for (const section of sections) {
    const changes = changesOf(result, section.kinds)
    if (changes.length === 0) continue
    lines.push('## ' + section.title + ' (' + changes.length + ')', '')
    for (const change of changes) lines.push(...item(change))
    lines.push('')
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n'
}

/**
 * List item for one change.
 *
 * @param change
 *   Change.
 * @returns
 *   Lines.
 */
function item(change: Change): string[] {
  const head = '- **' + kindLabels[change.kind] + '** · '
  const quote = (value: string): string => '  > ' + escape(short(value, 200))
  switch (change.kind) {
    case 'edited': {
      return [head + escape(change.new.path) + ' ' + lineSpan(change.old.line, change.new.line) + ' · similarity ' + change.similarity + '  ', '  ' + words(trimContext(change.words))]
    }
    case 'moved': {
      return [head + escape(where(change.old)) + ' → ' + escape(where(change.new)) + (change.reordered ? ' (order among siblings)' : ''), quote(change.new.value)]
    }
    case 'renumbered': {
      return [
        head + words([{op: 'delete', value: change.old.num ?? '—'}, {op: 'equal', value: ' '}, {op: 'insert', value: change.new.num ?? '—'}]) + ' · ' + escape(change.old.path) + ' → ' + escape(change.new.path) + ' ' + lineSpan(change.old.line, change.new.line),
        quote(change.new.value)
      ]
    }
    case 'added': {
      return [head + escape(where(change.new)) + (change.nodes > 1 ? ' · ' + nodesBelow(change.nodes) : ''), quote(change.new.value)]
    }
    case 'removed': {
      return [head + escape(where(change.old)) + (change.nodes > 1 ? ' · ' + nodesBelow(change.nodes) : ''), quote(change.old.value)]
    }
    case 'target-changed': {
      const parts: string[] = []
      if (change.fields.includes('value')) parts.push(words([{op: 'delete', value: change.old.value}, {op: 'equal', value: ' → '}, {op: 'insert', value: change.new.value}]))
      else parts.push(escape(change.new.value))
      if (change.fields.includes('year')) parts.push('year ' + words([{op: 'delete', value: String(change.old.year ?? '—')}, {op: 'equal', value: ' → '}, {op: 'insert', value: String(change.new.year ?? '—')}]))
      return [head + parts.join(', ') + ' ' + lineSpan(change.old.line, change.new.line), quote(change.new.text)]
    }
    case 'target-added': {
      return [head + escape(change.new.value) + (change.new.year === null ? '' : ' by ' + change.new.year) + ' (line ' + change.new.line + ')', quote(change.new.text)]
    }
    case 'target-removed': {
      return [head + escape(change.old.value) + (change.old.year === null ? '' : ' by ' + change.old.year) + ' (line ' + change.old.line + ')', quote(change.old.text)]
    }
    case 'assignment-changed': {
      const parts: string[] = []
      if (change.fields.includes('agency')) parts.push('agency ' + words([{op: 'delete', value: change.old.agency}, {op: 'equal', value: ' → '}, {op: 'insert', value: change.new.agency}]))
      if (change.fields.includes('deadline')) parts.push('deadline ' + words([{op: 'delete', value: change.old.deadline ?? '—'}, {op: 'equal', value: ' → '}, {op: 'insert', value: change.new.deadline ?? '—'}]))
      return [head + escape(change.new.agency) + ': ' + parts.join('; ') + ' ' + lineSpan(change.old.line, change.new.line), quote(change.new.text)]
    }
    case 'assignment-added': {
      return [head + escape(change.new.agency) + (change.new.deadline ? ' (' + escape(change.new.deadline) + ')' : '') + ' (line ' + change.new.line + ')', quote(change.new.text)]
    }
    case 'assignment-removed': {
      return [head + escape(change.old.agency) + (change.old.deadline ? ' (' + escape(change.old.deadline) + ')' : '') + ' (line ' + change.old.line + ')', quote(change.old.text)]
    }
    case 'citation-added': {
      return [head + escape(change.new.code) + ' (line ' + change.new.line + (change.new.count > 1 ? ', ' + change.new.count + '×' : '') + ')', quote(change.new.value)]
    }
    case 'citation-removed': {
      return [head + escape(change.old.code) + ' (line ' + change.old.line + (change.old.count > 1 ? ', ' + change.old.count + '×' : '') + ')', quote(change.old.value)]
    }
    case 'coverage-gained':
    case 'coverage-lost': {
      const why = (side: string, reasons: string[]): string[] => (reasons.length > 0 ? ['  - ' + side + ': ' + escape(reasons.join('; '))] : [])
      return [head + escape(change.unit) + ' ' + escape(short(change.label, 80)) + ': ' + change.old.status + ' → ' + change.new.status, ...why('old', change.old.reasons), ...why('new', change.new.reasons)]
    }
  }
}

/**
 * Word runs as Markdown: deletions struck, insertions bold, with the spaces
 * at their edges kept outside the marks (inside, Markdown ignores them).
 *
 * @param parts
 *   Runs.
 * @returns
 *   Markdown.
 */
function words(parts: WordPart[]): string {
  return parts
    .map((part) => {
      if (part.op === 'equal') return escape(part.value)
      const marker = part.op === 'delete' ? '~~' : '**'
      const [lead, inner, trail] = edges(part.value)
      return inner ? lead + marker + escape(inner) + marker + trail : part.value
    })
    .join('')
}

/**
 * Escape text so Markdown shows it as written.
 *
 * @param value
 *   Text.
 * @returns
 *   Escaped text.
 */
function escape(value: string): string {
  return value.replace(/[\\`*_~[\]<>#|]/g, '\\$&').replace(/\n/g, ' ')
}

/**
 * A table cell.
 *
 * @param value
 *   Value or null.
 * @returns
 *   Cell text.
 */
function cell(value: string | number | null): string {
  return value === null ? '—' : escape(String(value))
}

