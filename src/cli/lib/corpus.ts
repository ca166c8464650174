/**
 * The corpus-wide outputs of a run (targets and assignments CSVs, the
 * citation graph, the gap matrix), made from what each document contributes:
 * its summary or, for a document editors decided about, its reviewed
 * result. Each document is reduced on its own, so a run never holds every
 * document's summary at once: to its rows of the CSVs, already written out
 * where it was processed, what the citation graph needs of it, and its share
 * of the matrix.
 */
import {assembleMatrix, type GapMatrix, type MatrixPart, matrixPart, type Reference} from '../../align/index.js'
import {resolveCitations} from '../../extract/index.js'
import {assignmentsCsv, citationsCsv, citationsJson, type DocumentJson, targetsCsv} from '../../report/index.js'
import {applyDecisions, type Decision} from '../../review/index.js'
import {type CsvRows, csvRows, type JobResult, type JobSummary, matrixInput} from './job.js'

/** What one document contributes to the corpus-wide outputs. */
export interface CorpusEntry {
  /** What the citation graph needs of it. */
  record: Pick<JobSummary, 'id' | 'meta' | 'references' | 'code'>
  /** Its rows of the CSVs. */
  rows: CsvRows
  /** Its share of the matrix, or null without a framework or an alignment. */
  part: MatrixPart | null
}

/** The corpus-wide outputs, rendered. */
export interface CorpusOutputs {
  /** `targets.csv`, in pieces (its header, then each document's rows), to be written one after another. */
  targets: Array<string | Uint8Array>
  /** `assignments.csv`, in pieces. */
  assignments: Array<string | Uint8Array>
  /** `citations.json`. */
  citationsJson: string
  /** `citations.csv`. */
  citationsCsv: string
  /** The gap matrix, or null without a framework. */
  matrix: GapMatrix | null
}

/**
 * What one document contributes.
 *
 * @param options
 *   Its summary; its full result and reviewed document when editors decided
 *   about it; the decisions about it; the framework.
 * @returns
 *   Entry.
 */
export function corpusEntry(options: {
  summary: JobSummary
  reviewed?: {result: JobResult; document: DocumentJson} | undefined
  decisions: readonly Decision[]
  reference: Reference | null
}): CorpusEntry {
  const {summary, reviewed, reference} = options
  // Editors' decisions may correct the metadata.
  const described = reviewed?.document ?? summary
  const record = {id: summary.id, meta: described.meta, references: described.references, code: summary.code}
  if (!reviewed) return {record, rows: summary.rows, part: summary.part}
  const {result, document} = reviewed
  let part: MatrixPart | null = null
  // Decisions may point at any node: the matrix reads the whole tree, the machine's values restored.
  const input = matrixInput(result)
  if (reference && input) {
    const [changed] = applyDecisions({documents: [input], decisions: options.decisions, groups: reference.groups.map((group) => group.id), kinds: ['group', 'confirm', 'meta']}).documents
    part = matrixPart({reference, document: changed ?? input})
  }
  return {record, rows: csvRows(document), part}
}

/**
 * Build the corpus-wide outputs.
 *
 * @param options
 *   Entries of the documents with per-document outputs, in corpus order, and the framework.
 * @returns
 *   Outputs.
 */
export function buildCorpusOutputs(options: {entries: readonly CorpusEntry[]; reference: Reference | null}): CorpusOutputs {
  const records = options.entries.map((entry) => entry.record)
  const graph = resolveCitations({documents: records.map((record) => ({id: record.id, meta: record.meta!, references: record.references, code: record.code}))})
  const parts = options.entries.flatMap((entry) => (entry.part ? [entry.part] : []))
  return {
    targets: [targetsCsv([]), ...options.entries.map((entry) => entry.rows.targets)],
    assignments: [assignmentsCsv([]), ...options.entries.map((entry) => entry.rows.assignments)],
    citationsJson: citationsJson(graph),
    citationsCsv: citationsCsv(graph),
    matrix: options.reference ? assembleMatrix({reference: options.reference, parts}) : null
  }
}
