/**
 * Worker thread: processes the jobs its parent posts, one at a time, with the
 * batch context it was started with.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {type BatchContext, type Job, processJob} from './job.js'

const context = workerData as BatchContext

parentPort?.on('message', (job: Job) => {
  parentPort?.postMessage(processJob(job, context))
})
