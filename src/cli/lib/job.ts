/**
 * One document's work in a batch, the same in the main thread and in a
 * worker: bytes in, JSON-ready results out. A document's result depends only
 * on its bytes, its sidecar and the batch context (framework, repair texts),
 * never on the other documents being processed, so results do not depend on
 * `--jobs`.
 */
import {VFile} from 'vfile'
import {type DocumentAlignment, type MatrixDocument, type MatrixPart, matrixPart, type Reference} from '../../align/index.js'
import {documentCode} from '../../extract/index.js'
import {failed, processFile} from '../../pipeline/index.js'
import {type RepairChange, type RepairModel, trainRepairModel} from '../../repair/index.js'
import {assignmentsCsv, documentJson, type DocumentJson, type ExtractedDocument, type MessageJson, repairsJson, reportPage, targetsCsv, type Text, toJsonText} from '../../report/index.js'
import type {Meta} from '../../types.js'

/** A document to process. */
export interface Job {
  /** Document id. */
  id: string
  /** Path relative to the working folder, as shown to users. */
  file: string
  /** File contents, or null when it could not be read. */
  bytes: Uint8Array | null
  /** SHA-256 of the contents (hex), or null. */
  digest: string | null
  /** Why it could not be read. */
  error: string | null
  /** Sidecar metadata. */
  meta: Partial<Meta> | null
  /** Problem with the sidecar, if any. */
  sidecarError: string | null
}

/** What every document of a batch shares. */
export interface BatchContext {
  /** Clean texts the repair language model learns from (never a damaged document's own). */
  repairTexts: string[]
  /**
   * The model trained on them, when the batch has it already (trained once
   * for every thread, or read from the cache); otherwise each thread trains
   * it when a damaged document first asks for it.
   */
  repairModel?: RepairModel | undefined
  /** Framework to align with, or null. */
  reference: Reference | null
}

/** What processing one document gives. */
export interface JobResult {
  /** Document id. */
  id: string
  /** Path as shown to users. */
  file: string
  /** Whether the document could not be processed. */
  failed: boolean
  /** The document JSON (also for a failed file: its messages). */
  document: DocumentJson
  /** OCR repair of a damaged document: the repaired text and the changes. */
  repair: {text: string; changes: RepairChange[]} | null
  /** Full alignment (the document JSON keeps a summary), for the gap matrix. */
  alignment: DocumentAlignment | null
  /** Milliseconds per stage. */
  stages: Record<string, number>
}

/**
 * What the corpus-wide outputs (CSVs, citations, matrix) need of one
 * document: all a run reads of it to make them.
 */
export interface JobSummary {
  /** Document id. */
  id: string
  /** Path as shown to users. */
  file: string
  /** Whether the document could not be processed. */
  failed: boolean
  /** Whether it has a tree and metadata, and so gets per-document outputs. */
  ok: boolean
  /** Whether it was repaired (it gets `repairs/` outputs). */
  repaired: boolean
  /** Its warnings and errors (information messages stay in the full result). */
  messages: MessageJson[]
  /** Metadata. */
  meta: Meta | null
  /** Its rows of the corpus CSVs, made where it was processed. */
  rows: CsvRows
  /** References to other documents. */
  references: DocumentJson['references']
  /** Its own document code, for the citation graph. */
  code: string | null
  /** Its share of the gap matrix, or null without a framework. */
  part: MatrixPart | null
}

/**
 * A document's rows of `targets.csv` and `assignments.csv`, without header,
 * as UTF-8: a run holds every document's rows until it writes the CSVs, and
 * bytes lie outside the JavaScript heap, which the collector copies (as
 * text, they were some 90 MB of the main thread's 400 MB at the end of a
 * 1,000-document run).
 */
export interface CsvRows {
  /** Rows of `targets.csv`. */
  targets: Uint8Array
  /** Rows of `assignments.csv`. */
  assignments: Uint8Array
}

/** What a run needs of every document even when the corpus-wide outputs are up to date. */
export type JobHead = Pick<JobSummary, 'id' | 'file' | 'failed' | 'ok' | 'repaired' | 'messages'>

/** The per-document output files of a result, rendered. */
export interface JobOutputs {
  /** `documents/<id>.json`. */
  document: Text
  /** `repairs/<id>.txt`, or null for an undamaged document. */
  repairText: string | null
  /** `repairs/<id>.json`, or null. */
  repairJson: Text | null
  /** The document's page of `report.html`, or null without a framework. */
  page: Text | null
}

/** One processed document as a batch hands it on and caches it. */
export interface JobRecord {
  /** Summary. */
  summary: JobSummary
  /**
   * The result but for what its outputs hold (the document, the repair), as
   * JSON: with them, the full result, for editors' decisions and rebuilding
   * outputs.
   */
  rest: string
  /** Output files, rendered where the document was processed. */
  outputs: JobOutputs
  /** Milliseconds per stage. */
  stages: Record<string, number>
}

let trained: {context: BatchContext; model: RepairModel | null} | undefined

/**
 * The repair model of a context: the one it carries, or one trained once
 * per thread and only when a damaged document asks for it.
 *
 * @param context
 *   Batch context.
 * @returns
 *   Model, or null without training texts.
 */
function repairModel(context: BatchContext): RepairModel | null {
  if (context.repairModel) return context.repairModel
  if (trained?.context !== context) {
    trained = {context, model: context.repairTexts.length > 0 ? trainRepairModel({texts: context.repairTexts}) : null}
  }
  return trained.model
}

/**
 * Run the pipeline on a job and keep the `VFile` (commands that need more
 * than the JSON, such as `extract` and `diff`, use it).
 *
 * @param job
 *   Document.
 * @param context
 *   Batch context.
 * @param timings
 *   Milliseconds per stage, filled in.
 * @returns
 *   Processed file.
 */
export function loadFile(job: Job, context: BatchContext, timings: Record<string, number> = {}): VFile {
  const file = new VFile({path: job.file})
  file.data.id = job.id
  if (job.sidecarError) file.message(job.sidecarError, {ruleId: 'sidecar', source: 'doichieu'})
  if (job.bytes) {
    file.value = job.bytes
    processFile({file, meta: job.meta, repair: () => repairModel(context), reference: context.reference, timings})
  } else {
    const message = file.message(job.error ?? 'Cannot read file', {ruleId: 'unreadable', source: 'doichieu'})
    message.fatal = true
  }
  return file
}

/**
 * Process one document.
 *
 * @param job
 *   Document.
 * @param context
 *   Batch context.
 * @returns
 *   Result.
 */
export function processJob(job: Job, context: BatchContext): JobResult {
  const stages: Record<string, number> = {}
  const file = loadFile(job, context, stages)
  const repair = file.data.repair
  return {
    id: job.id,
    file: job.file,
    failed: failed(file),
    document: documentJson(file, job.file),
    repair: repair && !failed(file) ? {text: String(file.value), changes: repair.changes} : null,
    alignment: file.data.alignment ?? null,
    stages
  }
}

/**
 * Render the record of a result.
 *
 * @param result
 *   Result.
 * @param context
 *   Batch context (its framework's groups colour the page).
 * @returns
 *   Record.
 */
export function recordResult(result: JobResult, context: BatchContext): JobRecord {
  const {id, file, failed, alignment, stages} = result
  return {
    summary: summarize(result, context.reference),
    rest: JSON.stringify({id, file, failed, alignment, stages} satisfies JobRest),
    outputs: renderOutputs(result, {groups: groupIds(context.reference)}),
    stages
  }
}

/** What a result holds besides its outputs. */
export type JobRest = Omit<JobResult, 'document' | 'repair'>

/**
 * A result from what its record keeps: the rest, and its outputs as read
 * back (the reverse of {@link renderOutputs}).
 *
 * @param rest
 *   The rest of the result.
 * @param outputs
 *   `documents/<id>.json`, and for a repaired document `repairs/<id>.txt`
 *   and `repairs/<id>.json`.
 * @returns
 *   Result.
 */
export function restoreResult(rest: JobRest, outputs: {document: string; repairText: string | null; repairJson: string | null}): JobResult {
  const {repairText, repairJson} = outputs
  // The repairs file lists the changes an editor should check first; a result lists them in text order.
  const changes = repairJson === null ? null : (JSON.parse(repairJson) as {changes: RepairChange[]}).changes.sort((a, b) => a.offset - b.offset)
  return {
    ...rest,
    document: JSON.parse(outputs.document) as DocumentJson,
    repair: repairText === null || changes === null ? null : {text: repairText, changes}
  }
}

/**
 * The ids of a framework's task groups, which the report pages show.
 *
 * @param reference
 *   Framework, or null.
 * @returns
 *   Ids, or null without a framework.
 */
export function groupIds(reference: Reference | null): string[] | null {
  return reference ? reference.groups.map((group) => group.id) : null
}

/**
 * Whether a result gets per-document outputs.
 *
 * @param result
 *   Result.
 * @returns
 *   Whether it has a tree and metadata.
 */
function isComplete(result: Pick<JobResult, 'failed' | 'document'>): boolean {
  return !result.failed && result.document.meta !== null && result.document.root !== null
}

/**
 * The summary of a result.
 *
 * @param result
 *   Result.
 * @param reference
 *   Framework it was aligned with, or null.
 * @returns
 *   Summary.
 */
export function summarize(result: JobResult, reference: Reference | null): JobSummary {
  const {document} = result
  const root = document.root
  const input = matrixInput(result)
  const part = reference && input ? matrixPart({reference, document: input}) : null
  return {
    id: result.id,
    file: result.file,
    failed: result.failed,
    ok: isComplete(result),
    repaired: result.repair !== null,
    messages: document.messages.filter((message) => message.severity !== 'info'),
    meta: document.meta,
    rows: csvRows(document),
    references: document.references,
    code: root ? documentCode(root) : null,
    part
  }
}

/**
 * What the gap matrix reads of a result.
 *
 * @param result
 *   Result.
 * @returns
 *   The document as the matrix reads it, or null without a tree or an
 *   alignment.
 */
export function matrixInput(result: Pick<JobResult, 'file' | 'id' | 'document' | 'alignment'>): MatrixDocument | null {
  const {document, alignment} = result
  if (!document.root || !alignment) return null
  return {file: result.file, id: result.id, meta: document.meta, tree: document.root, alignment, extract: {targets: document.targets, assignments: document.assignments}}
}

/**
 * A document's rows of the corpus CSVs.
 *
 * @param record
 *   Its id, metadata and records (a document JSON is one).
 * @returns
 *   Rows.
 */
export function csvRows(record: ExtractedDocument): CsvRows {
  const rows = {bom: false, header: false}
  return {targets: Buffer.from(targetsCsv([record], rows)), assignments: Buffer.from(assignmentsCsv([record], rows))}
}

/**
 * Where each per-document output of a document goes, relative to the
 * output folder, and which rendered output it holds.
 *
 * @param head
 *   The document's id and whether it was repaired.
 * @returns
 *   Paths and output names.
 */
export function outputPaths(head: Pick<JobHead, 'id' | 'repaired'>): Array<[string, keyof JobOutputs]> {
  const paths: Array<[string, keyof JobOutputs]> = [['documents/' + head.id + '.json', 'document']]
  if (head.repaired) paths.push(['repairs/' + head.id + '.txt', 'repairText'], ['repairs/' + head.id + '.json', 'repairJson'])
  return paths
}

/**
 * The head of a summary.
 *
 * @param summary
 *   Summary.
 * @returns
 *   Head.
 */
export function headOf(summary: JobHead): JobHead {
  return {id: summary.id, file: summary.file, failed: summary.failed, ok: summary.ok, repaired: summary.repaired, messages: summary.messages}
}

/**
 * Render the per-document output files of a result (after editors'
 * decisions, if any were applied to it).
 *
 * @param result
 *   Result.
 * @param options
 *   The framework's group ids, or null without a framework (no page).
 * @returns
 *   Outputs.
 */
export function renderOutputs(
  result: Pick<JobResult, 'id' | 'file' | 'document' | 'repair' | 'alignment'>,
  options: {groups: readonly string[] | null}
): JobOutputs {
  const {document, repair} = result
  return {
    document: toJsonText(document),
    repairText: repair ? repair.text : null,
    repairJson: repair ? repairsJson({id: result.id, changes: repair.changes}) : null,
    page:
      options.groups && document.root
        ? reportPage({id: document.id, file: document.file, title: document.meta?.title ?? null, province: document.meta?.province ?? null, tree: document.root, alignment: result.alignment}, {groups: options.groups})
        : null
  }
}

/**
 * The error messages of a result.
 *
 * @param result
 *   Result.
 * @returns
 *   Messages with severity `error`.
 */
export function errorsOf(result: {messages: MessageJson[]}): MessageJson[] {
  return result.messages.filter((message) => message.severity === 'error')
}
