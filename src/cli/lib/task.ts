/**
 * One document of `doichieu run`, done on a worker thread: process it,
 * store its cache entry, write its per-document outputs, and hand back only
 * its head, so that large results never cross threads nor pile up in the
 * main one.
 */
import {join} from 'node:path'
import {writeCache} from './cache.js'
import {type BatchContext, headOf, type Job, type JobHead, type JobRecord, outputPaths, processJob, recordResult} from './job.js'

/** A document to do. */
export interface Task {
  /** The document. */
  job: Job
  /** Its cache key (as a clean document, when `damagedKey` is given). */
  key: string
  /**
   * Its cache key if it turns out to be OCR-damaged, for a document the
   * run did not judge before processing it (damaged documents depend on
   * the texts the repair model learns from).
   */
  damagedKey?: string | undefined
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
  /** The key its cache entry is under. */
  key: string
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
  const result = processJob(task.job, context)
  // The verdict is the one the main thread would have reached: the same bytes, the same measure.
  const key = task.damagedKey !== undefined && result.document.damage?.damaged === true ? task.damagedKey : task.key
  return storeRecord({...task, key}, recordResult(result, context), places)
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
  return {head: headOf(summary), key: task.key, stages: record.stages, written: written.map(([path]) => path), stored: true}
}
