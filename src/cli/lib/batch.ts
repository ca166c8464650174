/**
 * Run tasks on worker threads (`--jobs N`). Each thread stores what it
 * makes; only small results come back.
 */
import {Worker} from 'node:worker_threads'
import {type BatchContext, headOf, processJob, summarize} from './job.js'
import type {Places, Task, TaskResult} from './task.js'

/** Options for {@link runTasks}. */
export interface BatchOptions {
  /** Tasks. */
  tasks: Task[]
  /** Threads to use. */
  concurrency: number
  /** What every document shares. */
  context: BatchContext
  /** Where to store results. */
  places: Places
  /** Called with each result as it arrives (in completion order) and the index of its task; awaited. */
  onResult: (result: TaskResult, index: number) => void | Promise<void>
}

/** What a worker is started with. */
export interface WorkerData {
  /** Batch context. */
  context: BatchContext
  /** Where to store results. */
  places: Places
}

/**
 * Run tasks.
 *
 * @param options
 *   Tasks, threads, what to do with each result.
 */
export async function runTasks(options: BatchOptions): Promise<void> {
  const {tasks, onResult} = options
  // Worker threads even for one at a time: a worker's young generation is
  // sized for documents (see `spawn`), and its heap goes when the batch is
  // done, before the corpus-wide outputs are made. In this thread, 1,000
  // documents took 46–54 s rather than 43–46 s, for a peak of 900–1,040 MB
  // rather than 695–790 MB.
  const threads = Math.min(Math.max(1, options.concurrency), tasks.length)
  if (threads === 0) return
  // Workers share the model's tables, which are only read; the training texts (tens of megabytes) are
  // copied to a worker only when it has to train the model itself.
  const model = options.context.repairModel
  const context = model ? {...options.context, repairTexts: [], repairModel: shareArrays(model)} : options.context
  let next = 0
  await Promise.all(
    Array.from({length: threads}, async () => {
      const data: WorkerData = {context, places: options.places}
      let worker = spawn(data)
      try {
        let index = next++
        let posted = index < tasks.length ? post(worker, tasks[index]!) : null
        while (posted) {
          let result: TaskResult
          try {
            result = await posted
          } catch (error) {
            // A worker that dies (out of memory, say) fails its document only.
            result = crashed(tasks[index]!, error, options)
            await worker.terminate()
            worker = spawn(data)
          }
          // The worker starts on its next document while this one's record is handled.
          const following = next++
          posted = following < tasks.length ? post(worker, tasks[following]!) : null
          await onResult(result, index)
          index = following
        }
      } finally {
        await worker.terminate()
      }
    })
  )
}

/**
 * Start a worker with a memory ceiling, so one huge document cannot take the
 * machine down. A ceiling alone also shrinks the young generation V8 sizes
 * from it, and the worker then spends much of its time collecting garbage:
 * much of a document's data lives until it is done, and each scavenge
 * copies it. Over 1,000 synthetic documents on two workers, scavenges took
 * 8.8 s in all with 64 MB, 5.8 s with 128 MB (192 MB: the same), 3.6 s with
 * 256 MB; the peak memory of the run was 770, 860 and 1,130 MB.
 *
 * @param workerData
 *   Batch context and places, handed to the worker once.
 * @returns
 *   Worker.
 */
function spawn(workerData: WorkerData): Worker {
  const resourceLimits = {maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 128}
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('worker.js', import.meta.url), {resourceLimits, workerData})
  // Run from the TypeScript sources (tests): the worker registers tsx first.
  const url = JSON.stringify(new URL('worker.ts', import.meta.url).href)
  return new Worker('import("tsx/esm/api").then((api) => { api.register(); return import(' + url + ') })', {eval: true, resourceLimits, workerData})
}

/**
 * Send a task to a worker; its result is awaited later, and a failure before
 * then is kept for that moment rather than reported as unhandled.
 *
 * @param worker
 *   Worker.
 * @param task
 *   Task.
 * @returns
 *   Result.
 */
function post(worker: Worker, task: Task): Promise<TaskResult> {
  const result = new Promise<TaskResult>((resolve, reject) => {
    const cleanup = (): void => {
      worker.off('message', done)
      worker.off('error', fail)
      worker.off('exit', exit)
    }
    const done = (value: TaskResult): void => {
      cleanup()
      resolve(value)
    }
    const fail = (error: Error): void => {
      cleanup()
      reject(error)
    }
    const exit = (code: number): void => {
      cleanup()
      reject(new Error('worker exited with code ' + code))
    }
    worker.on('message', done)
    worker.on('error', fail)
    worker.on('exit', exit)
    worker.postMessage(task)
  })
  result.catch(() => {})
  return result
}

/**
 * Result for a document whose worker died: a failed document, with no
 * outputs and no cache entry.
 *
 * @param task
 *   Task.
 * @param error
 *   Why.
 * @param options
 *   Batch options.
 * @returns
 *   Result.
 */
function crashed(task: Task, error: unknown, options: BatchOptions): TaskResult {
  const job = {...task.job, bytes: null, error: 'Cannot process file: ' + (error instanceof Error ? error.message : String(error))}
  const result = processJob(job, options.context)
  // A failed document has no outputs and no cache entry: the next run tries it again.
  return {head: headOf(summarize(result, options.context.reference)), key: task.key, stages: result.stages, written: [], stored: false}
}

/**
 * A value with its typed arrays moved to shared memory, so that the workers
 * it is handed to read one copy of them instead of each cloning its own (the
 * repair model's tables: tens of megabytes a thread). Plain objects, arrays
 * and maps are gone through, in place. Only for data no thread writes to.
 *
 * @param value
 *   Value.
 * @returns
 *   The same value.
 */
export function shareArrays<T>(value: T): T {
  return share(value) as T
}

/**
 * Move the typed arrays of a value to shared memory.
 *
 * @param value
 *   Value.
 * @returns
 *   Value, or its shared copy for a typed array.
 */
function share(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value.buffer instanceof SharedArrayBuffer) return value
    const buffer = new SharedArrayBuffer(value.byteLength)
    new Uint8Array(buffer).set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
    return new (value.constructor as new (buffer: SharedArrayBuffer) => ArrayBufferView)(buffer)
  }
  if (value instanceof Map) {
    for (const [key, entry] of value) value.set(key, share(entry))
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = share(value[index])
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) record[key] = share(record[key])
  }
  return value
}
