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
export async function writeAtomic(path: string, content: string | Uint8Array | AsyncIterable<string>): Promise<void> {
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
