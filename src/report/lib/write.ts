/**
 * Writes that matter are atomic: a temporary file beside the target, then a
 * rename, so a killed run leaves the old file or the new one, never half.
 */
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join, basename} from 'node:path'

let counter = 0

/**
 * Buffers that texts are encoded into before they are written, kept for the
 * next writes. `writeFile` given a string encodes it into a new buffer each
 * time, and fresh memory costs more than the encoding: a 680,000-character
 * document JSON took 1.6 ms that way, 0.45 ms into a kept buffer. A batch
 * writes a gigabyte of text.
 */
const spare: Buffer[] = []
/** Most bytes kept in them (several of a document's files are written at once). */
const maxSpare = 32 * 1024 * 1024
/** Largest buffer kept (a longer text gets one of its own). */
const maxPooled = 16 * 1024 * 1024
let spareBytes = 0

/**
 * Write a file atomically, creating its folder.
 *
 * @param path
 *   Target path.
 * @param content
 *   Content, or its pieces (a large file is written without being held whole).
 */
export async function writeAtomic(path: string, content: string | Uint8Array | AsyncIterable<string | Uint8Array>): Promise<void> {
  await mkdir(dirname(path), {recursive: true})
  const temporary = join(dirname(path), '.' + basename(path) + '.' + process.pid + '.' + counter++ + '.tmp')
  try {
    await (typeof content === 'string' ? writeText(temporary, content) : writeFile(temporary, content))
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/**
 * Wait for writes made at once, then fail with the first failure, if any:
 * a thread that stopped at the first (a worker dies of it) could cut the
 * others off between writing and renaming, leaving their temporary files.
 *
 * @param writes
 *   Writes.
 */
export async function settleWrites(writes: ReadonlyArray<Promise<unknown>>): Promise<void> {
  for (const outcome of await Promise.allSettled(writes)) if (outcome.status === 'rejected') throw outcome.reason
}

/**
 * Write a text as UTF-8 through a kept buffer.
 *
 * @param path
 *   Path.
 * @param text
 *   Text.
 */
async function writeText(path: string, text: string): Promise<void> {
  // A UTF-16 code unit takes at most three bytes of UTF-8 (a surrogate pair, four for two).
  const size = text.length * 3
  if (size > maxPooled) return writeFile(path, text)
  let best = -1
  for (let index = 0; index < spare.length; index++) if (spare[index]!.length >= size && (best < 0 || spare[index]!.length < spare[best]!.length)) best = index
  // Sizes are rounded up to a power of two, so that one buffer serves texts of many lengths.
  const buffer = best >= 0 ? spare.splice(best, 1)[0]! : Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(Math.max(size, 65536))))
  if (best >= 0) spareBytes -= buffer.length
  try {
    await writeFile(path, buffer.subarray(0, buffer.write(text, 0, buffer.length, 'utf8')))
  } finally {
    if (spareBytes + buffer.length <= maxSpare) {
      spare.push(buffer)
      spareBytes += buffer.length
    }
  }
}

/**
 * JSON as doichieu writes it: two-space indent and a final newline, so
 * outputs diff well and are byte-identical across runs.
 *
 * @param value
 *   Value.
 * @returns
 *   Text.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}

/**
 * {@link toJson} of an object, in pieces: each element of its array fields
 * on its own, so that a large file (the gap matrix of a thousand documents)
 * is never held as one string. The pieces join to exactly what `toJson`
 * gives.
 *
 * @param value
 *   Plain object (its own `toJSON`, if any, is not called).
 * @returns
 *   Pieces of text.
 */
export function* toJsonParts(value: object): Generator<string> {
  // `JSON.stringify` leaves out fields it cannot write.
  const fields = Object.entries(value).filter(([, field]) => field !== undefined && typeof field !== 'function' && typeof field !== 'symbol')
  if (fields.length === 0) {
    yield '{}\n'
    return
  }
  yield '{\n'
  for (const [index, [key, field]] of fields.entries()) {
    const head = (index > 0 ? ',\n' : '') + '  ' + JSON.stringify(key) + ': '
    if (Array.isArray(field) && field.length > 0) {
      yield head + '[\n'
      // In an array, what cannot be written is `null`.
      for (const [at, element] of field.entries()) yield (at > 0 ? ',\n' : '') + '    ' + indent(JSON.stringify(element, null, 2) ?? 'null', '    ')
      yield '\n  ]'
    } else {
      yield head + indent(JSON.stringify(field, null, 2), '  ')
    }
  }
  yield '\n}\n'
}

/**
 * Indent the lines of pretty JSON after its first (JSON strings hold no raw
 * line breaks, so every break is the layout's).
 *
 * @param text
 *   Pretty JSON.
 * @param pad
 *   Spaces to add.
 * @returns
 *   Indented text.
 */
function indent(text: string, pad: string): string {
  return text.replaceAll('\n', '\n' + pad)
}
