/**
 * One document of `doichieu run`, done on a worker thread: process it,
 * store its cache entry, write its per-document outputs, and hand back only
 * its head, so that large results never cross threads nor pile up in the
 * main one.
 */
import {join} from 'node:path'
import {writeAtomicSync} from '../../report/index.js'
import {writeCache} from './cache.js'
import {type BatchContext, headOf, type Job, type JobHead, type JobRecord, outputPaths, recordJob} from './job.js'

/** A document to do. */
export interface Task {
  /** The document. */
  job: Job
  /** Its cache key. */
  key: string
  /** Whether to write its per-document outputs (not when editors' decisions apply to it: the main thread does). */
  outputs: boolean
}

/** Where a run keeps things. */
export interface Places {
  /** Cache folder. */
  cache: string
  /** Output folder. */
  out: string
}

/** What a task hands back. */
export interface TaskResult {
  /** The document's head. */
  head: JobHead
  /** Milliseconds per stage. */
  stages: Record<string, number>
  /** Outputs written, relative to the output folder. */
  written: string[]
  /** Whether its cache entry was stored (not when its thread died on it). */
  stored: boolean
}

/**
 * Do a task.
 *
 * @param task
 *   Task.
 * @param context
 *   Batch context.
 * @param places
 *   Folders.
 * @returns
 *   Result.
 */
export function runTask(task: Task, context: BatchContext, places: Places): TaskResult {
  return storeRecord(task, recordJob(task.job, context), places)
}

/**
 * Store a record: its cache entry and its outputs.
 *
 * @param task
 *   Task.
 * @param record
 *   Record.
 * @param places
 *   Folders.
 * @returns
 *   Result.
 */
function storeRecord(task: Task, record: JobRecord, places: Places): TaskResult {
  const {summary, outputs} = record
  const files =
    task.outputs && summary.ok
      ? outputPaths(summary).flatMap(([path, name]) => {
          const content = outputs[name]
          return content === null ? [] : [{path, content}]
        })
      : []
  writeCache(places.cache, task.key, record)
  for (const file of files) writeAtomicSync(join(places.out, file.path), file.content)
  return {head: headOf(summary), stages: record.stages, written: files.map((file) => file.path), stored: true}
}
