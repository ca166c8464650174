/**
 * Writes that matter are atomic: a temporary file beside the target, then a
 * rename, so a killed run leaves the old file or the new one, never half.
 */
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join, basename} from 'node:path'

let counter = 0

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
    await writeFile(temporary, content)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
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
