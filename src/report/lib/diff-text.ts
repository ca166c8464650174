/**
 * The terminal view of a diff: a summary, then each section's changes, one
 * entry each, with word-level redlines. ANSI colour only when asked (the CLI
 * asks when its output is a terminal); without colour, deletions and
 * insertions are marked `[-…-]` and `{+…+}` as `git diff --word-diff` does.
 */
import type {Change, DiffResult, WordPart} from '../../diff/index.js'
import {changesOf, describe, edges, kindLabels, lineSpan, nodesBelow, sections, short, summaryLine, trimContext, where} from './diff-shared.js'

/** Options for {@link diffText}. */
export interface DiffTextOptions {
  /** Use ANSI colours. */
  color?: boolean
}

const styles = {
  bold: ['\u001B[1m', '\u001B[22m'],
  dim: ['\u001B[2m', '\u001B[22m'],
  red: ['\u001B[31m', '\u001B[39m'],
  green: ['\u001B[32m', '\u001B[39m'],
  yellow: ['\u001B[33m', '\u001B[39m'],
  cyan: ['\u001B[36m', '\u001B[39m'],
  strike: ['\u001B[9m', '\u001B[29m'],
  underline: ['\u001B[4m', '\u001B[24m']
} as const

type Style = keyof typeof styles

/**
 * Render a diff for the terminal.
 *
 * @param result
 *   Diff.
 * @param options
 *   Colour.
 * @returns
 *   Text ending in a newline.
 */
export function diffText(result: DiffResult, options: DiffTextOptions = {}): string {
  const color = options.color === true
  const paint = (value: string, ...names: Style[]): string => {
    if (!color || !value) return value
    return names.reduceRight((text, name) => styles[name][0] + text + styles[name][1], value)
  }
  const words = (parts: WordPart[]): string =>
    parts
      .map((part) => {
        if (part.op === 'equal') return part.value
        const [lead, inner, trail] = edges(part.value)
        if (!inner) return part.value
        if (part.op === 'delete') return lead + (color ? paint(inner, 'red', 'strike') : '[-' + inner + '-]') + trail
        return lead + (color ? paint(inner, 'green', 'underline') : '{+' + inner + '+}') + trail
      })
      .join('')
  const lines: string[] = []
  lines.push(paint('doichieu diff', 'bold'))
  lines.push('  old: ' + describe(result.old))
  lines.push('  new: ' + describe(result.new))
  lines.push('')
  lines.push(summaryLine(result))

  for (const section of sections) {
    const changes = changesOf(result, section.kinds)
    if (changes.length === 0) continue
    lines.push('')
    lines.push(paint(section.title + ' (' + changes.length + ')', 'bold'))
    let previous: Change | null = null
    for (const change of changes) {
      lines.push(...entry(change, previous))
      previous = change
    }
  }
  return lines.join('\n') + '\n'

  /**
   * Lines for one change.
   *
   * @param change
   *   Change.
   * @param previous
   *   The change listed before it, if any.
   * @returns
   *   Lines.
   */
  function entry(change: Change, previous: Change | null): string[] {
    const label = (mark: string, style: Style): string => paint(mark + ' ' + kindLabels[change.kind].padEnd(18), style)
    const quote = (value: string): string => '      ' + paint('“' + short(value, 110) + '”', 'dim')
    switch (change.kind) {
      case 'edited': {
        // An edit of a node just reported as moved or renumbered reads as part of that entry.
        const continued =
          previous !== null && (previous.kind === 'moved' || previous.kind === 'renumbered') && previous.new.id === change.new.id
        const head = continued
          ? '    ' + paint('and edited', 'yellow') + ', similarity ' + change.similarity
          : label('±', 'yellow') + ' ' + change.new.path + '  ' + lineSpan(change.old.line, change.new.line) + '  similarity ' + change.similarity
        return [head, '      ' + words(trimContext(change.words))]
      }
      case 'moved': {
        const how = change.reordered ? ' (order among siblings)' : ''
        return [label('↷', 'cyan') + ' ' + where(change.old) + ' → ' + where(change.new) + how, quote(change.new.value)]
      }
      case 'renumbered': {
        return [
          label('#', 'cyan') + ' ' + (change.old.num ?? '—') + ' → ' + (change.new.num ?? '—') + '  ' + change.old.path + ' → ' + change.new.path + '  ' + lineSpan(change.old.line, change.new.line),
          quote(change.new.value)
        ]
      }
      case 'added': {
        return [label('+', 'green') + ' ' + where(change.new) + (change.nodes > 1 ? '  ' + nodesBelow(change.nodes) : ''), quote(change.new.value)]
      }
      case 'removed': {
        return [label('-', 'red') + ' ' + where(change.old) + (change.nodes > 1 ? '  ' + nodesBelow(change.nodes) : ''), quote(change.old.value)]
      }
      case 'target-changed': {
        const parts: string[] = []
        if (change.fields.includes('value')) parts.push(words([{op: 'delete', value: change.old.value}, {op: 'equal', value: ' → '}, {op: 'insert', value: change.new.value}]))
        else parts.push(change.new.value)
        if (change.fields.includes('year')) parts.push('year ' + words([{op: 'delete', value: String(change.old.year ?? '—')}, {op: 'equal', value: ' → '}, {op: 'insert', value: String(change.new.year ?? '—')}]))
        return [label('≠', 'yellow') + ' ' + parts.join(', ') + '  ' + lineSpan(change.old.line, change.new.line), quote(change.new.text)]
      }
      case 'target-added': {
        return [label('+', 'green') + ' ' + change.new.value + yearOf(change.new.year) + '  (line ' + change.new.line + ')', quote(change.new.text)]
      }
      case 'target-removed': {
        return [label('-', 'red') + ' ' + change.old.value + yearOf(change.old.year) + '  (line ' + change.old.line + ')', quote(change.old.text)]
      }
      case 'assignment-changed': {
        const parts: string[] = []
        if (change.fields.includes('agency')) parts.push('agency ' + words([{op: 'delete', value: change.old.agency}, {op: 'equal', value: ' → '}, {op: 'insert', value: change.new.agency}]))
        if (change.fields.includes('deadline')) {
          parts.push('deadline ' + words([{op: 'delete', value: change.old.deadline ?? '—'}, {op: 'equal', value: ' → '}, {op: 'insert', value: change.new.deadline ?? '—'}]))
        }
        return [label('≠', 'yellow') + ' ' + change.new.agency + ': ' + parts.join('; ') + '  ' + lineSpan(change.old.line, change.new.line), quote(change.new.text)]
      }
      case 'assignment-added': {
        return [label('+', 'green') + ' ' + change.new.agency + deadlineOf(change.new.deadline) + '  (line ' + change.new.line + ')', quote(change.new.text)]
      }
      case 'assignment-removed': {
        return [label('-', 'red') + ' ' + change.old.agency + deadlineOf(change.old.deadline) + '  (line ' + change.old.line + ')', quote(change.old.text)]
      }
      case 'citation-added': {
        return [label('+', 'green') + ' ' + change.new.code + '  (line ' + change.new.line + times(change.new.count) + ')', quote(change.new.value)]
      }
      case 'citation-removed': {
        return [label('-', 'red') + ' ' + change.old.code + '  (line ' + change.old.line + times(change.old.count) + ')', quote(change.old.value)]
      }
      case 'coverage-gained':
      case 'coverage-lost': {
        const mark = change.kind === 'coverage-gained' ? label('▲', 'green') : label('▼', 'red')
        const why = (side: string, reasons: string[]): string[] => (reasons.length > 0 ? ['      ' + paint(side + ': ' + reasons.join('; '), 'dim')] : [])
        return [mark + ' ' + change.unit + ' ' + short(change.label, 70) + ': ' + change.old.status + ' → ' + change.new.status, ...why('old', change.old.reasons), ...why('new', change.new.reasons)]
      }
    }
  }
}

/**
 * `, 3×` for repeated citations.
 *
 * @param count
 *   Count.
 * @returns
 *   Text.
 */
function times(count: number): string {
  return count > 1 ? ', ' + count + '×' : ''
}

/**
 * ` by 2025` for a year.
 *
 * @param year
 *   Year or null.
 * @returns
 *   Text.
 */
function yearOf(year: number | null): string {
  return year === null ? '' : ' by ' + year
}

/**
 * ` (deadline)` when there is one.
 *
 * @param deadline
 *   Deadline or null.
 * @returns
 *   Text.
 */
function deadlineOf(deadline: string | null): string {
  return deadline ? ' (' + deadline + ')' : ''
}
