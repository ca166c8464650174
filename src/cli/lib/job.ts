/**
 * One document's work in a batch, the same in the main thread and in a
 * worker: bytes in, JSON-ready results out. Nothing here depends on the other
 * documents, so results do not depend on `--jobs`.
 */
import {VFile} from 'vfile'
import {failed, processFile} from '../../pipeline/index.js'
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
  /** Milliseconds spent. */
  time: number
}

/**
 * Process one document.
 *
 * @param job
 *   Document.
 * @returns
 *   Result.
 */
export function processJob(job: Job): JobResult {
  const start = performance.now()
  const file = new VFile({path: job.file})
  file.data.id = job.id
  if (job.sidecarError) {
    file.message(job.sidecarError, {ruleId: 'sidecar', source: 'doichieu'})
  }
  if (job.bytes) {
    file.value = job.bytes
    processFile({file, meta: job.meta})
  } else {
    const message = file.message(job.error ?? 'Cannot read file', {ruleId: 'unreadable', source: 'doichieu'})
    message.fatal = true
  }
  return {id: job.id, file: job.file, failed: failed(file), document: documentJson(file, job.file), time: performance.now() - start}
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
