/**
 * Run tasks on worker threads (`--jobs N`). Each thread stores what it
 * makes; only small results come back.
 */
import type {Worker} from 'node:worker_threads'
import type {RepairModel} from '../../repair/index.js'
import {type BatchContext, headOf, processJob, summarize} from './job.js'
import type {Places, Task, TaskResult} from './task.js'
import {shareArrays, startWorker} from './threads.js'

/** Options for {@link runTasks}. */
export interface BatchOptions {
  /** Tasks to start with. */
  tasks: Task[]
  /**
   * Tasks that need the repair model, and the model, being made: they wait
   * for it (the workers start on the first tasks meanwhile), and it is sent
   * to every worker before its first task of these.
   */
  later?: {tasks: Task[]; repairModel: Promise<RepairModel | null>} | undefined
  /** Threads to use. */
  concurrency: number
  /** What every document shares. */
  context: BatchContext
  /** Where to store results. */
  places: Places
  /** Called with each result as it arrives (in completion order) and the index of its task (`later` ones follow the first); awaited. */
  onResult: (result: TaskResult, index: number) => void | Promise<void>
}

/** What a worker is sent: a task, or the repair model for the tasks to come. */
export type WorkerMessage = {task: Task} | {repairModel: RepairModel}

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
  const {onResult} = options
  const tasks = [...options.tasks, ...(options.later?.tasks ?? [])]
  // Worker threads even for one at a time: a worker's young generation is
  // sized for documents (see `spawn`), and its heap goes when the batch is
  // done, before the corpus-wide outputs are made. In this thread, 1,000
  // documents took 46–54 s rather than 43–46 s, for a peak of 900–1,040 MB
  // rather than 695–790 MB.
  const threads = Math.min(Math.max(1, options.concurrency), tasks.length)
  // Workers share the model's tables, which are only read; the training texts (tens of megabytes) are
  // copied to a worker only when it has to train the model itself (never when the model comes later).
  const model = options.context.repairModel
  const data: WorkerData = {
    context: model ? {...options.context, repairTexts: [], repairModel: shareArrays(model)} : options.later ? {...options.context, repairTexts: []} : options.context,
    places: options.places
  }
  // Tasks from this index on wait for the model.
  const first = options.tasks.length
  let shared: RepairModel | undefined
  let waiting = options.later !== undefined
  const ready = options.later?.repairModel.then((value) => {
    waiting = false
    if (!value) return
    shared = shareArrays(value)
    // A worker started again after a crash has it from the start.
    data.context = {...data.context, repairModel: shared}
  })
  if (threads === 0) return ready
  let next = 0
  // The index of the next task, once the model is ready for a later one.
  const take = async (): Promise<number | null> => {
    if (next >= first && waiting) await ready
    return next < tasks.length ? next++ : null
  }
  await Promise.all(
    Array.from({length: threads}, async () => {
      let worker = spawn(data)
      let informed = data.context.repairModel !== undefined
      const send = (index: number): Promise<TaskResult> => {
        if (index >= first && shared && !informed) worker.postMessage({repairModel: shared} satisfies WorkerMessage)
        informed ||= index >= first
        return post(worker, tasks[index]!)
      }
      try {
        let index = await take()
        let posted = index === null ? null : send(index)
        while (posted && index !== null) {
          let result: TaskResult
          try {
            result = await posted
          } catch (error) {
            // A worker that dies (out of memory, say) fails its document only.
            result = crashed(tasks[index]!, error, options)
            await worker.terminate()
            worker = spawn(data)
            informed = data.context.repairModel !== undefined
          }
          // The worker starts on its next document while this one's record is handled (unless it waits for the model).
          const following = next < tasks.length && (next < first || !waiting) ? next++ : null
          posted = following === null ? null : send(following)
          await onResult(result, index)
          index = following ?? (await take())
          if (following === null && index !== null) posted = send(index)
        }
      } finally {
        await worker.terminate()
      }
    })
  )
  await ready
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
  return startWorker('worker', workerData, {maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 128})
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
    worker.postMessage({task} satisfies WorkerMessage)
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
