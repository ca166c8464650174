/**
 * Formatters for extraction records: `targets.csv` and `assignments.csv`
 * (one row per record across the corpus), `citations.json` and its CSV edge
 * list, and the text listing of `doichieu extract`. Pure: strings out.
 */
import type {Assignment, CitationGraph, ExtractResult, Target, TimeFrame} from '../../extract/index.js'
import type {Meta} from '../../types.js'
import {type CsvOptions, toCsv} from './csv.js'
import {toJson} from './write.js'

/** A processed document with its records, as the corpus tables need it. */
export interface ExtractedDocument {
  /** Document id. */
  id: string
  /** Its metadata (for the province). */
  meta: Meta | null
  /** Its targets. */
  targets: Target[]
  /** Its assignments. */
  assignments: Assignment[]
}

/** Columns of `targets.csv`. */
export const targetColumns = [
  'document',
  'province',
  'node',
  'line',
  'item',
  'kind',
  'comparator',
  'value',
  'value_to',
  'unit',
  'aspirational',
  'time_frame',
  'time_year',
  'time_from',
  'time_to',
  'time_every',
  'time_text',
  'subject',
  'text',
  'sentence'
]

/** Columns of `assignments.csv`. */
export const assignmentColumns = [
  'document',
  'province',
  'node',
  'line',
  'agency',
  'agency_text',
  'role',
  'source',
  'deadline',
  'deadline_from',
  'deadline_by',
  'deadline_condition',
  'deadline_text',
  'task'
]

/** Columns of the citations edge list. */
export const citationColumns = ['source', 'node', 'line', 'target', 'resolved', 'method', 'code', 'text', 'target_type', 'target_date', 'target_level', 'target_title']

/**
 * `targets.csv`: one row per target across the corpus, in the order given.
 *
 * @param documents
 *   Documents with their records.
 * @param options
 *   Byte order mark and header (both by default).
 * @returns
 *   CSV (UTF-8 with BOM when written).
 */
export function targetsCsv(documents: ExtractedDocument[], options: CsvOptions = {}): string {
  const rows = documents.flatMap((document) =>
    document.targets.map((target) => [
      document.id,
      document.meta?.province ?? null,
      target.node,
      target.line,
      target.item,
      target.kind,
      target.comparator,
      target.values[0] ?? null,
      target.values[1] ?? null,
      target.unit,
      target.aspirational,
      target.timeFrame.kind,
      target.timeFrame.year,
      target.timeFrame.from,
      target.timeFrame.to,
      target.timeFrame.every,
      target.timeFrame.text,
      target.subject,
      target.text,
      target.sentence
    ])
  )
  return toCsv(targetColumns, rows, options)
}

/**
 * `assignments.csv`: one row per assignment across the corpus, in the order given.
 *
 * @param documents
 *   Documents with their records.
 * @param options
 *   Byte order mark and header (both by default).
 * @returns
 *   CSV (UTF-8 with BOM when written).
 */
export function assignmentsCsv(documents: ExtractedDocument[], options: CsvOptions = {}): string {
  const rows = documents.flatMap((document) =>
    document.assignments.map((assignment) => [
      document.id,
      document.meta?.province ?? null,
      assignment.node,
      assignment.line,
      assignment.agency,
      assignment.agencyText,
      assignment.role,
      assignment.source,
      deadlineKind(assignment),
      assignment.deadline.from,
      assignment.deadline.by,
      assignment.deadline.condition,
      assignment.deadline.text,
      assignment.task
    ])
  )
  return toCsv(assignmentColumns, rows, options)
}

/**
 * `citations.json`: the graph as JSON.
 *
 * @param graph
 *   Citation graph.
 * @returns
 *   JSON text.
 */
export function citationsJson(graph: CitationGraph): string {
  return toJson(graph)
}

/**
 * `citations.csv`: the graph's edges, one row per citation, with what is
 * known of the cited document.
 *
 * @param graph
 *   Citation graph.
 * @returns
 *   CSV (UTF-8 with BOM when written).
 */
export function citationsCsv(graph: CitationGraph): string {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]))
  const rows = graph.edges.map((edge) => {
    const target = nodes.get(edge.target)
    return [
      edge.source,
      edge.node,
      edge.line,
      edge.target,
      edge.resolved,
      edge.method,
      edge.code,
      edge.text,
      target?.type ?? null,
      target?.date ?? null,
      target?.level ?? null,
      target?.title ?? null
    ]
  })
  return toCsv(citationColumns, rows)
}

/**
 * Readable listing of one document's records (`doichieu extract FILE`).
 *
 * @param result
 *   Records.
 * @returns
 *   Text.
 */
export function formatExtract(result: ExtractResult): string {
  const lines: string[] = []
  lines.push('Targets (' + result.targets.length + ')')
  for (const target of result.targets) {
    const figure = target.kind === 'qualitative' ? 'qualitative' : target.comparator + ' ' + target.values.join('–') + (target.unit === '%' ? '%' : ' ' + (target.unit ?? ''))
    lines.push(
      '  :' + target.line + ' ' + (target.item ? target.item + ' ' : '') + '[' + figure + (target.aspirational ? ', aspirational' : '') + '] ' + frame(target.timeFrame) + ' — ' + short(target.subject) + '  #' + target.node
    )
  }
  lines.push('', 'Assignments (' + result.assignments.length + ')')
  for (const assignment of result.assignments) {
    lines.push(
      '  :' + assignment.line + ' ' + assignment.role + ' ' + assignment.agency + (assignment.agencyText === assignment.agency ? '' : ' («' + assignment.agencyText + '»)') + ' [' + deadline(assignment) + '] — ' + short(assignment.task) + '  #' + assignment.node
    )
  }
  lines.push('', 'References (' + result.references.length + ')')
  for (const reference of result.references) {
    lines.push('  :' + reference.line + ' ' + reference.text + (reference.level ? ' [' + reference.level + ']' : '') + (reference.title ? ' — ' + short(reference.title) : '') + '  #' + reference.node)
  }
  return lines.join('\n') + '\n'
}

/**
 * Deadline kinds joined (`by+conditional`), or `none`.
 *
 * @param assignment
 *   Assignment.
 * @returns
 *   Text.
 */
function deadlineKind(assignment: Assignment): string {
  return assignment.deadline.kinds.length > 0 ? assignment.deadline.kinds.join('+') : 'none'
}

/**
 * A deadline for the listing.
 *
 * @param assignment
 *   Assignment.
 * @returns
 *   Text.
 */
function deadline(assignment: Assignment): string {
  const {from, by, condition} = assignment.deadline
  const parts = [deadlineKind(assignment)]
  if (from) parts.push('from ' + from)
  if (by) parts.push('by ' + by)
  if (condition) parts.push(condition)
  return parts.join(', ')
}

/**
 * A time frame for the listing.
 *
 * @param value
 *   Time frame.
 * @returns
 *   Text.
 */
function frame(value: TimeFrame): string {
  if (value.kind === 'year') return 'by ' + value.year
  if (value.kind === 'term' || value.kind === 'period') return value.kind + ' ' + value.from + '–' + value.to
  if (value.kind === 'recurring') return 'every ' + value.every
  return 'no time frame'
}

/**
 * Text cut to a line.
 *
 * @param value
 *   Text.
 * @returns
 *   At most 100 characters.
 */
function short(value: string): string {
  return value.length > 100 ? value.slice(0, 99) + '…' : value
}
