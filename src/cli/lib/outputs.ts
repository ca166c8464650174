/**
 * Output files of a run, written atomically and only when they change: a
 * manifest beside the cache remembers, for each file, a token of what made
 * it (the document's cache key, say), so a warm run neither rebuilds nor
 * rewrites what is already there.
 */
import {createHash} from 'node:crypto'
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {type Text, writeAtomic} from '../../report/index.js'

/** Writer of a run's outputs. */
export interface Outputs {
  /**
   * Write a file under the output folder unless the manifest says it was
   * made from the same token and it still exists.
   *
   * @param path
   *   Path relative to the output folder.
   * @param content
   *   Content, or a function that makes it (called only when needed).
   * @param token
   *   What the content is made from; defaults to a hash of the content.
   * @returns
   *   Whether the file was written.
   */
  write(path: string, content: Text | (() => Text | Promise<Text>), token?: string): Promise<boolean>
  /**
   * Write a large file piece by piece, unless the manifest says it was made
   * from the same token and it still exists.
   *
   * @param path
   *   Path relative to the output folder.
   * @param parts
   *   A function that gives the pieces, text or UTF-8 bytes (called only when needed).
   * @param token
   *   What the content is made from.
   * @returns
   *   Whether the file was written.
   */
  stream(path: string, parts: () => AsyncIterable<Text | Uint8Array>, token: string): Promise<boolean>
  /**
   * Record a file written elsewhere (by a worker) as made from a token.
   *
   * @param path
   *   Path relative to the output folder.
   * @param token
   *   What the content is made from.
   */
  mark(path: string, token: string): void
  /** Paths written or kept in this run. */
  paths: Set<string>
  /** Save the manifest. */
  close(): Promise<void>
}

/**
 * Open the outputs of a run.
 *
 * @param out
 *   Output folder.
 * @returns
 *   Writer.
 */
export async function openOutputs(out: string): Promise<Outputs> {
  const manifestPath = join(out, '.cache', 'outputs.json')
  let manifest: Record<string, string> = {}
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>
  } catch {
    manifest = {}
  }
  const next: Record<string, string> = {}
  const paths = new Set<string>()
  // Whether a file made from `token` is there already: then it is kept.
  const kept = async (path: string, token: string | undefined): Promise<boolean> => {
    paths.add(path)
    if (token === undefined || manifest[path] !== token || !(await exists(join(out, path)))) return false
    next[path] = token
    return true
  }
  return {
    paths,
    async write(path, content, token) {
      if (await kept(path, token)) return false
      const value = typeof content === 'function' ? await content() : content
      const key = token ?? digest(value)
      const full = join(out, path)
      // A token was looked at by `kept` already; a hash of the content only now.
      if (token !== undefined || manifest[path] !== key || !(await exists(full))) await writeAtomic(full, value)
      next[path] = key
      return true
    },
    mark(path, token) {
      paths.add(path)
      next[path] = token
    },
    async stream(path, parts, token) {
      if (await kept(path, token)) return false
      await writeAtomic(join(out, path), parts())
      next[path] = token
      return true
    },
    async close() {
      const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)))
      await writeAtomic(manifestPath, JSON.stringify(sorted))
    }
  }
}

/**
 * Whether a file exists.
 *
 * @param path
 *   Path.
 * @returns
 *   Whether it does.
 */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/**
 * SHA-256 of a text (hex), the same whole or in pieces.
 *
 * @param text
 *   Text.
 * @returns
 *   Digest.
 */
function digest(text: Text): string {
  const hash = createHash('sha256')
  for (const piece of typeof text === 'string' ? [text] : text) hash.update(piece)
  return hash.digest('hex')
}
