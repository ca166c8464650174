/**
 * Run jobs on worker threads (`--jobs N`), or in this thread for one job at
 * a time. Results come back in job order whatever the scheduling.
 */
import {Worker} from 'node:worker_threads'
import {type BatchContext, type Job, type JobResult, processJob} from './job.js'

/** Options for {@link runJobs}. */
export interface BatchOptions {
  /** Jobs, in the order results are wanted. */
  jobs: Job[]
  /** Threads to use. */
  concurrency: number
  /** What every document shares. */
  context: BatchContext
  /** Called as each result arrives (in completion order). */
  onResult?: (result: JobResult) => void
}

/**
 * Run jobs.
 *
 * @param options
 *   Jobs, threads, progress callback.
 * @returns
 *   Results in job order.
 */
export async function runJobs(options: BatchOptions): Promise<JobResult[]> {
  const {jobs, onResult} = options
  const results: Array<JobResult | undefined> = Array.from({length: jobs.length})
  const threads = Math.max(1, Math.min(options.concurrency, jobs.length))
  if (threads === 1) {
    for (const [index, job] of jobs.entries()) {
      const result = processJob(job, options.context)
      results[index] = result
      onResult?.(result)
      // Let progress output and signals through between documents.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return results as JobResult[]
  }
  let next = 0
  await Promise.all(
    Array.from({length: threads}, async () => {
      let worker = spawn(options.context)
      try {
        while (next < jobs.length) {
          const index = next++
          const job = jobs[index]
          if (!job) continue
          let result: JobResult
          try {
            result = await post(worker, job)
          } catch (error) {
            // A worker that dies (out of memory, say) fails its document only.
            result = crashed(job, error, options.context)
            await worker.terminate()
            worker = spawn(options.context)
          }
          results[index] = result
          onResult?.(result)
        }
      } finally {
        await worker.terminate()
      }
    })
  )
  return results as JobResult[]
}

/**
 * Start a worker with a memory ceiling, so one huge document cannot take the
 * machine down.
 *
 * @param context
 *   Batch context, handed to the worker once.
 * @returns
 *   Worker.
 */
function spawn(context: BatchContext): Worker {
  const resourceLimits = {maxOldGenerationSizeMb: 1536}
  const workerData = context
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('worker.js', import.meta.url), {resourceLimits, workerData})
  // Run from the TypeScript sources (tests): the worker registers tsx first.
  const url = JSON.stringify(new URL('worker.ts', import.meta.url).href)
  return new Worker('import("tsx/esm/api").then((api) => { api.register(); return import(' + url + ') })', {eval: true, resourceLimits, workerData})
}

/**
 * Send a job to a worker and wait for its result.
 *
 * @param worker
 *   Worker.
 * @param job
 *   Job.
 * @returns
 *   Result.
 */
function post(worker: Worker, job: Job): Promise<JobResult> {
  return new Promise<JobResult>((resolve, reject) => {
    const cleanup = (): void => {
      worker.off('message', done)
      worker.off('error', fail)
      worker.off('exit', exit)
    }
    const done = (value: JobResult): void => {
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
    worker.postMessage(job)
  })
}

/**
 * Result for a document whose worker died.
 *
 * @param job
 *   Job.
 * @param error
 *   Why.
 * @param context
 *   Batch context.
 * @returns
 *   Failed result.
 */
function crashed(job: Job, error: unknown, context: BatchContext): JobResult {
  return processJob({...job, bytes: null, error: 'Cannot process file: ' + (error instanceof Error ? error.message : String(error))}, context)
}
