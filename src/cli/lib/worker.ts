/**
 * Worker thread: does the tasks its parent posts, one at a time, with the
 * batch context it was started with (and the repair model, when it comes
 * later), storing what it makes.
 */
import {parentPort, workerData} from 'node:worker_threads'
import type {WorkerData, WorkerMessage} from './batch.js'
import {runTask} from './task.js'

const {places} = workerData as WorkerData
let {context} = workerData as WorkerData

parentPort?.on('message', (message: WorkerMessage) => {
  if ('repairModel' in message) context = {...context, repairModel: message.repairModel}
  else parentPort?.postMessage(runTask(message.task, context, places))
})
