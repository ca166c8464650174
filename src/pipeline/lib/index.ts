/**
 * The per-document pipeline: pure stages chained on one `VFile`. A stage that
 * throws turns into a fatal message on the file; the caller's batch goes on.
 */
import type {VFile} from 'vfile'
import {decodeFile, readBlocks} from '../../ingest/index.js'
import {segment} from '../../segment/index.js'
import type {Meta} from '../../types.js'

/** Options for {@link processFile}. */
export interface ProcessOptions {
  /** File whose `value` holds the bytes (or text) of a document. */
  file: VFile
  /** Metadata that a sidecar supplies or corrects. */
  meta?: Partial<Meta> | null
}

/**
 * Run a document through ingest and segment.
 *
 * @param options
 *   File and sidecar metadata.
 * @returns
 *   The same file, with its data set, or with a fatal message.
 */
export function processFile(options: ProcessOptions): VFile {
  const {file} = options
  try {
    if (!decodeFile(file)) return file
    readBlocks(file)
    segment(file)
    if (options.meta && file.data.meta) file.data.meta = {...file.data.meta, ...options.meta}
  } catch (error) {
    const message = file.message('Cannot process file: ' + (error instanceof Error ? error.message : String(error)), {
      ruleId: 'crash',
      source: 'doichieu',
      cause: error instanceof Error ? error : null
    })
    message.fatal = true
  }
  return file
}

/**
 * Whether a file carries a fatal message.
 *
 * @param file
 *   File.
 * @returns
 *   Whether it failed.
 */
export function failed(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}
