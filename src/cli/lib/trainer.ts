/**
 * Trainer thread: trains the repair model on the texts it is started with,
 * hands it back with its tables in shared memory, and ends.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {trainRepairModel} from '../../repair/index.js'
import {shareArrays} from './threads.js'

parentPort?.postMessage(shareArrays(trainRepairModel({texts: workerData as string[]})))
