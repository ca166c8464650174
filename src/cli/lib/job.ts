/**
 * One document's work in a batch, the same in the main thread and in a
 * worker: bytes in, JSON-ready results out. A document's result depends only
 * on its bytes, its sidecar and the batch context (framework, repair texts),
 * never on the other documents being processed, so results do not depend on
 * `--jobs`.
 */
import {VFile} from 'vfile'
import type {DocumentAlignment, Reference} from '../../align/index.js'
import {failed, processFile} from '../../pipeline/index.js'
import {type RepairChange, type RepairModel, trainRepairModel} from '../../repair/index.js'
import {documentJson, type DocumentJson, type MessageJson} from '../../report/index.js'
import type {Meta} from '../../types.js'

/** A document to process. */
export interface Job {
  /** Document id. */
  id: string
  /** Path relative to the working folder, as shown to users. */
  file: string
  /** File contents, or null when it could not be read. */
  bytes: Uint8Array | null
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

let trained: {context: BatchContext; model: RepairModel | null} | undefined

/**
 * The repair model of a context, trained once per thread and only when a
 * damaged document asks for it.
 *
 * @param context
 *   Batch context.
 * @returns
 *   Model, or null without training texts.
 */
function repairModel(context: BatchContext): RepairModel | null {
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
 * The error messages of a result.
 *
 * @param result
 *   Result.
 * @returns
 *   Messages with severity `error`.
 */
export function errorsOf(result: JobResult): MessageJson[] {
  return result.document.messages.filter((message) => message.severity === 'error')
}
