/**
 * Content-addressed cache of per-document results: the key hashes the file's
 * bytes, its id and sidecar, the corpus-wide inputs it depends on and the
 * code itself, so an unchanged document is never processed twice and any
 * change to one of them misses.
 */
import {createHash} from 'node:crypto'
import {readdir, readFile} from 'node:fs/promises'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {writeAtomic} from '../../report/index.js'
import type {Job, JobResult} from './job.js'

let codeHash: Promise<string> | undefined

/**
 * Hash of the running code (every file of `src/` or `dist/`), computed once.
 *
 * @returns
 *   Hex digest.
 */
export function hashCode(): Promise<string> {
  codeHash ??= (async () => {
    const base = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
    const hash = createHash('sha256')
    const walk = async (folder: string): Promise<void> => {
      const entries = (await readdir(folder, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1))
      for (const entry of entries) {
        const path = join(folder, entry.name)
        if (entry.isDirectory()) await walk(path)
        else if (/\.(?:[jt]s|json)$/.test(entry.name)) hash.update(relative(base, path)).update(await readFile(path))
      }
    }
    await walk(base)
    return hash.digest('hex')
  })()
  return codeHash
}

/**
 * Cache key of a job.
 *
 * @param job
 *   Job (with its bytes).
 * @param context
 *   Hash of the corpus-wide inputs the job depends on.
 * @returns
 *   Hex digest.
 */
export async function cacheKey(job: Job, context: string): Promise<string> {
  const hash = createHash('sha256')
  hash.update(await hashCode()).update('\0' + context + '\0' + job.id + '\0' + job.file + '\0' + JSON.stringify(job.meta) + '\0' + (job.sidecarError ?? '') + '\0')
  if (job.bytes) hash.update(job.bytes)
  return hash.digest('hex')
}

/**
 * Read a cached result.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @returns
 *   Result, or null on a miss (or an unreadable entry).
 */
export async function readCache(folder: string, key: string): Promise<JobResult | null> {
  try {
    return JSON.parse(await readFile(join(folder, key.slice(0, 2), key + '.json'), 'utf8')) as JobResult
  } catch {
    return null
  }
}

/**
 * Store a result.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @param result
 *   Result.
 */
export async function writeCache(folder: string, key: string, result: JobResult): Promise<void> {
  await writeAtomic(join(folder, key.slice(0, 2), key + '.json'), JSON.stringify(result))
}
