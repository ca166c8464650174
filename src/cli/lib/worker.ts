/**
 * Worker thread: does the tasks its parent posts, one at a time, with the
 * batch context it was started with, storing what it makes.
 */
import {parentPort, workerData} from 'node:worker_threads'
import type {WorkerData} from './batch.js'
import {runTask, type Task} from './task.js'

const {context, places} = workerData as WorkerData

parentPort?.on('message', (task: Task) => {
  parentPort?.postMessage(runTask(task, context, places))
})
