/**
 * Threads: starting a worker (from the build, or from the TypeScript
 * sources under tests), training the repair model on one, and handing
 * read-only tables to workers without copying them.
 */
import {type ResourceLimits, Worker} from 'node:worker_threads'
import type {RepairModel} from '../../repair/index.js'

/**
 * Start a worker on one of this folder's entry files.
 *
 * @param name
 *   Entry file, without extension.
 * @param workerData
 *   What it is started with.
 * @param resourceLimits
 *   Its memory limits.
 * @returns
 *   Worker.
 */
export function startWorker(name: 'worker' | 'trainer', workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL(name + '.js', import.meta.url), {resourceLimits, workerData})
  // Run from the TypeScript sources (tests): the worker registers tsx first.
  const url = JSON.stringify(new URL(name + '.ts', import.meta.url).href)
  return new Worker('import("tsx/esm/api").then((api) => { api.register(); return import(' + url + ') })', {eval: true, resourceLimits, workerData})
}

/**
 * Train the repair model on a thread of its own, which ends with it: the
 * thread that asks goes on meanwhile (feeding the workers their documents),
 * and the memory training takes goes with the thread.
 *
 * @param texts
 *   Clean texts to learn from.
 * @returns
 *   Model, its tables in shared memory.
 */
export function trainOnThread(texts: string[]): Promise<RepairModel> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('trainer', texts)
    let model: RepairModel | undefined
    worker.once('message', (value: RepairModel) => {
      model = value
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (model) resolve(model)
      else reject(new Error('Cannot train the repair model: its thread exited with code ' + code))
    })
  })
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
