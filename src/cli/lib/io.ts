/**
 * File-system side of the CLI: discovering documents, reading them with
 * their sidecar metadata, naming them.
 */
import {createHash} from 'node:crypto'
import {readFile, stat} from 'node:fs/promises'
import {basename, relative, resolve} from 'node:path'
import fg from 'fast-glob'
import type {Meta} from '../../types.js'
import type {Job} from './job.js'

/** Folders and files under a corpus that are not documents. */
const ignore = ['**/reference/**', '**/*.meta.json', '**/node_modules/**', '**/.*']

/**
 * Document paths under the given folders or globs, sorted, absolute.
 *
 * @param patterns
 *   Folders or glob patterns.
 * @param cwd
 *   Working folder.
 * @returns
 *   Paths.
 */
export async function discover(patterns: string[], cwd: string): Promise<string[]> {
  const globs: string[] = []
  for (const pattern of patterns) {
    const dynamic = fg.isDynamicPattern(pattern)
    globs.push(dynamic ? pattern : fg.convertPathToPattern(pattern.replace(/\/+$/, '')) + '/**/*')
  }
  const paths = await fg(globs, {cwd, ignore, absolute: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, dot: false})
  // A single file named directly is a document too.
  for (const pattern of patterns) {
    if (!fg.isDynamicPattern(pattern) && /\.[a-z0-9]+$/i.test(pattern) && !paths.includes(resolve(cwd, pattern))) {
      const found = await fg(fg.convertPathToPattern(pattern), {cwd, absolute: true, onlyFiles: true, suppressErrors: true})
      paths.push(...found)
    }
  }
  return [...new Set(paths)].sort()
}

/** Largest document read: policy documents are far smaller, and a bigger file is a mistake. */
export const maxBytes = 16 * 1024 * 1024

/**
 * Read a document into a job: its bytes and its sidecar metadata
 * (`NAME.meta.json` beside it, NAME with or without the extension). Problems
 * are recorded on the job, never thrown.
 *
 * @param path
 *   Absolute path.
 * @param cwd
 *   Working folder, for the path shown in messages.
 * @returns
 *   Job.
 */
export async function readJob(path: string, cwd: string): Promise<Job> {
  const job: Job = {id: documentId(path), file: relative(cwd, path) || path, bytes: null, digest: null, error: null, meta: null, sidecarError: null}
  try {
    const info = await stat(path)
    if (info.size > maxBytes) {
      job.error = 'Unexpected file of ' + (info.size / 1048576).toFixed(1) + ' MB, expected at most ' + maxBytes / 1048576 + ' MB'
      return job
    }
    job.bytes = new Uint8Array(await readFile(path))
    job.digest = createHash('sha256').update(job.bytes).digest('hex')
  } catch (error) {
    job.error = 'Cannot read file: ' + (error instanceof Error ? error.message : String(error))
    return job
  }
  for (const sidecar of [path + '.meta.json', path.replace(/\.[^./]+$/, '') + '.meta.json']) {
    let text: string
    try {
      text = await readFile(sidecar, 'utf8')
    } catch {
      continue
    }
    try {
      const value: unknown = JSON.parse(text)
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object')
      job.meta = value as Partial<Meta>
    } catch (error) {
      job.sidecarError = 'Unexpected invalid sidecar `' + basename(sidecar) + '`, expected a JSON object of metadata: ' + (error instanceof Error ? error.message : String(error))
    }
    break
  }
  return job
}

/**
 * Document id from its file name: the name without its last extension,
 * lower case, diacritics and other characters folded to `a-z0-9.-`.
 *
 * @param path
 *   Path.
 * @returns
 *   Id.
 */
export function documentId(path: string): string {
  const name = basename(path).replace(/\.[^.]+$/, '') || basename(path)
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'document'
  )
}

/**
 * Map over items with at most `limit` calls running at once, results in
 * item order: reading a thousand files one after the other waits on each.
 *
 * @param items
 *   Items.
 * @param limit
 *   Most calls at once.
 * @param map
 *   Async function.
 * @returns
 *   Results.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++
      results[at] = await map(items[at]!)
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, lane))
  return results
}

/**
 * Map over items with up to `limit` calls running ahead, handing out the
 * results in item order as they are wanted: the report's thousand pages
 * are read ahead of its write (read one after another, each waited on the
 * disk), and never held all at once.
 *
 * @param items
 *   Items.
 * @param limit
 *   Most calls running at once.
 * @param map
 *   Async function.
 * @returns
 *   Results, in item order.
 */
export async function* mapAhead<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): AsyncGenerator<R> {
  const running: Array<Promise<R>> = []
  let next = 0
  const start = (): void => {
    const call = map(items[next++]!)
    // Awaited in its turn below; a failure before then is not unhandled.
    call.catch(() => {})
    running.push(call)
  }
  while (next < items.length && running.length < limit) start()
  while (running.length > 0) {
    const result = await running.shift()!
    if (next < items.length) start()
    yield result
  }
}
