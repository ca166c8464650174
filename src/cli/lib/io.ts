/**
 * File-system side of the CLI: discovering documents, reading them into
 * `VFile`s with their sidecar metadata, naming them.
 */
import {readFile} from 'node:fs/promises'
import {basename, relative, resolve} from 'node:path'
import fg from 'fast-glob'
import {VFile} from 'vfile'
import type {Meta} from '../../types.js'

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

/**
 * Read a document: its bytes into a `VFile`, and its sidecar metadata
 * (`NAME.meta.json` beside it, NAME with or without the extension).
 *
 * @param path
 *   Absolute path.
 * @param cwd
 *   Working folder, for the path shown in messages.
 * @returns
 *   File and sidecar metadata; an unreadable file comes back with a fatal message.
 */
export async function readDocument(path: string, cwd: string): Promise<{file: VFile; meta: Partial<Meta> | null}> {
  const file = new VFile({path: relative(cwd, path) || path, cwd})
  file.data.id = documentId(path)
  try {
    file.value = await readFile(path)
  } catch (error) {
    const message = file.message('Cannot read file: ' + (error instanceof Error ? error.message : String(error)), {ruleId: 'unreadable', source: 'doichieu'})
    message.fatal = true
    return {file, meta: null}
  }
  let meta: Partial<Meta> | null = null
  for (const sidecar of [path + '.meta.json', path.replace(/\.[^./]+$/, '') + '.meta.json']) {
    let text: string
    try {
      text = await readFile(sidecar, 'utf8')
    } catch {
      continue
    }
    try {
      meta = JSON.parse(text) as Partial<Meta>
    } catch (error) {
      file.message('Unexpected invalid JSON in sidecar `' + basename(sidecar) + '`, expected metadata: ' + (error instanceof Error ? error.message : String(error)), {
        ruleId: 'sidecar',
        source: 'doichieu'
      })
    }
    break
  }
  return {file, meta}
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
