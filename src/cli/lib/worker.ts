/**
 * Worker thread: processes the jobs its parent posts, one at a time.
 */
import {parentPort} from 'node:worker_threads'
import {type Job, processJob} from './job.js'

parentPort?.on('message', (job: Job) => {
  parentPort?.postMessage(processJob(job))
})
