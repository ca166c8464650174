/**
 * One document of `doichieu run`, done on a worker thread: process it,
 * store its cache entry, write its per-document outputs, and hand back only
 * its head, so that large results never cross threads nor pile up in the
 * main one.
 */
import {join} from 'node:path'
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
 * Store a record: its cache entry and its outputs (the entry's files, under
 * a second name).
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
  const written = task.outputs && summary.ok ? outputPaths(summary).filter(([, name]) => outputs[name] !== null) : []
  writeCache(places.cache, task.key, record, new Map(written.map(([path, name]) => [name, join(places.out, path)])))
  return {head: headOf(summary), stages: record.stages, written: written.map(([path]) => path), stored: true}
}
