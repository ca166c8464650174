/**
 * Where the review workspace reads the pipeline's outputs: an interface the
 * request handler takes (tests pass objects in memory), and its reading of
 * an output folder (`out/`). Files are parsed again only when they change,
 * so a fresh `doichieu run` shows up on the next page load.
 */
import {readdir, readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import type {GapMatrix, RepairChange, RepairRecord, ReviewDocument} from './types.js'

/** What the workspace reads. */
export interface ReviewSource {
  /**
   * The gap matrix and when it was written, or null when there is none.
   *
   * @returns
   *   Matrix and time (ISO).
   */
  matrix(): Promise<{matrix: GapMatrix; time: string} | null>
  /**
   * Ids of the processed documents, sorted.
   *
   * @returns
   *   Ids.
   */
  documentIds(): Promise<string[]>
  /**
   * One processed document.
   *
   * @param id
   *   Document id.
   * @returns
   *   Document, or null when there is none.
   */
  document(id: string): Promise<ReviewDocument | null>
  /**
   * Ids of the documents that have OCR repairs, sorted.
   *
   * @returns
   *   Ids.
   */
  repairIds(): Promise<string[]>
  /**
   * The repairs of one document.
   *
   * @param id
   *   Document id.
   * @returns
   *   Repairs, or null when there are none.
   */
  repairs(id: string): Promise<RepairRecord | null>
}

/** Ids that name files safely: what `documentId` makes. */
const safeId = /^[a-z0-9][a-z0-9.-]{0,199}$/

/**
 * Read the outputs of `doichieu run` from a folder.
 *
 * @param out
 *   Output folder (`out/`).
 * @returns
 *   Source.
 */
export function outSource(out: string): ReviewSource {
  const cache = new Map<string, {key: string; value: unknown}>()

  /**
   * Read a file, parsed, again only when its size or time changed.
   *
   * @param path
   *   Path.
   * @param parse
   *   Parser.
   * @returns
   *   Value and modification time, or null when the file is missing.
   */
  async function cached<T>(path: string, parse: (text: string) => T): Promise<{value: T; time: Date} | null> {
    let info
    try {
      info = await stat(path)
    } catch {
      return null
    }
    const key = info.size + ':' + info.mtimeMs
    const hit = cache.get(path)
    if (hit && hit.key === key) return {value: hit.value as T, time: info.mtime}
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return null
    }
    const value = parse(text)
    cache.set(path, {key, value})
    return {value, time: info.mtime}
  }

  /**
   * Ids of the files with an extension in a folder.
   *
   * @param folder
   *   Folder.
   * @param extension
   *   Extension with its dot.
   * @returns
   *   Sorted ids.
   */
  async function ids(folder: string, extension: string): Promise<string[]> {
    let names: string[]
    try {
      names = await readdir(folder)
    } catch {
      return []
    }
    return names
      .filter((name) => name.endsWith(extension) && !name.startsWith('.'))
      .map((name) => name.slice(0, -extension.length))
      .filter((id) => safeId.test(id))
      .sort()
  }

  return {
    async matrix() {
      const result = await cached(join(out, 'gap-matrix.json'), (text) => JSON.parse(text) as GapMatrix)
      return result ? {matrix: result.value, time: result.time.toISOString()} : null
    },
    documentIds: () => ids(join(out, 'documents'), '.json'),
    async document(id) {
      if (!safeId.test(id)) return null
      const result = await cached(join(out, 'documents', id + '.json'), (text) => JSON.parse(text) as ReviewDocument)
      return result ? result.value : null
    },
    repairIds: () => ids(join(out, 'repairs'), '.json'),
    async repairs(id) {
      if (!safeId.test(id)) return null
      const changes = await cached(join(out, 'repairs', id + '.json'), readChanges)
      if (!changes) return null
      const text = await cached(join(out, 'repairs', id + '.txt'), (value) => value)
      return {id, changes: changes.value, text: text ? text.value : null}
    }
  }
}

/**
 * The changes of a repairs file: an array of changes, or an object holding
 * one under `changes`. Sorted by place, since the file lists the
 * low-confidence ones first.
 *
 * @param text
 *   File contents.
 * @returns
 *   Changes.
 */
export function readChanges(text: string): RepairChange[] {
  const value: unknown = JSON.parse(text)
  const list: unknown = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? (value as {changes?: unknown}).changes : null
  if (!Array.isArray(list)) throw new Error('Unexpected repairs file, expected an array of changes or `{changes: […]}`')
  return (list as RepairChange[]).slice().sort((a, b) => a.line - b.line || a.column - b.column)
}
