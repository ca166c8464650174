/**
 * Content-addressed cache of per-document results: the key hashes the file's
 * bytes, its id and sidecar, the corpus-wide inputs it depends on and the
 * code itself, so an unchanged document is never processed twice and any
 * change to one of them misses. An entry is the document's outputs (its
 * JSON, its report page, and for a repaired document the repaired text and
 * the changes), the rest of its result, and, written last so that its
 * presence means the entry is whole, the summary a warm run reads.
 */
import {createHash} from 'node:crypto'
import {open, readdir, readFile, rm} from 'node:fs/promises'
import {basename, dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {deserialize, serialize} from 'node:v8'
import type {RepairModel} from '../../repair/index.js'
import {type Stamp, writeAtomic, writeAtomicSync, writeLinkedSync} from '../../report/index.js'
import {type Job, type JobHead, type JobOutputs, type JobRecord, type JobRest, type JobResult, type JobSummary, restoreResult} from './job.js'

let codeHash: Promise<string> | undefined

/**
 * Hash of the running code (every file of `src/` or `dist/`), computed once.
 *
 * @returns
 *   Hex digest.
 */
function hashCode(): Promise<string> {
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
  return hash.update(job.digest ?? '').digest('hex')
}

/**
 * The files of an entry. The summary is in V8's serialisation: a run reads a
 * thousand of them, and that reads three times as fast as JSON (its strings
 * need no decoding).
 */
type Extension = '.rest.json' | '.summary.bin' | (typeof outputExtensions)[keyof JobOutputs]

/** The file of an entry that keeps each output of its document. */
const outputExtensions = {document: '.document.json', repairText: '.repair.txt', repairJson: '.repair.json', page: '.page.html'} as const

/** The outputs a full result is restored from (a page is only ever copied into the report, never read back). */
const resultOutputs = ['document', 'repairText', 'repairJson'] as const

/**
 * What an entry keeps besides its outputs: the rest of the result, and the
 * stamp of each output file it wrote. An output file of the entry is also
 * the document's output under `--out` (one file, two names), so a change
 * made to that file in place would change the entry: its stamp tells.
 */
interface Rest {
  /** The rest of the result. */
  result: JobRest
  /** Stamps of the output files a result is restored from, by output. */
  stamps: Partial<Record<(typeof resultOutputs)[number], Stamp>>
}

/**
 * Every folder of a cache: itself, its models' and its entries'.
 *
 * @param folder
 *   Cache folder.
 * @returns
 *   Folders (none when the cache is missing).
 */
export async function cacheFolders(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, {withFileTypes: true})
    return [folder, ...entries.filter((entry) => entry.isDirectory()).map((entry) => join(folder, entry.name))]
  } catch {
    return []
  }
}

/**
 * Path of a cache file.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @param extension
 *   Which file of the entry.
 * @returns
 *   Path.
 */
function entryPath(folder: string, key: string, extension: Extension): string {
  return join(folder, key.slice(0, 2), key + extension)
}

/**
 * Read a file of an entry.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @param extension
 *   Which file.
 * @returns
 *   Bytes, or null when it is missing or unreadable.
 */
async function readEntry(folder: string, key: string, extension: Extension): Promise<Buffer | null> {
  try {
    return await readFile(entryPath(folder, key, extension))
  } catch {
    return null
  }
}

/**
 * Read a file of an entry and decode it.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @param extension
 *   Which file.
 * @param decode
 *   Decode its bytes.
 * @returns
 *   Value, or null when it is missing or unreadable.
 */
async function readDecoded<T>(folder: string, key: string, extension: Extension, decode: (bytes: Buffer) => T): Promise<T | null> {
  const bytes = await readEntry(folder, key, extension)
  try {
    return bytes === null ? null : decode(bytes)
  } catch {
    return null
  }
}

/**
 * Read the summary of a cached result.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @returns
 *   Summary, or null on a miss (or an unreadable entry).
 */
export async function readSummary(folder: string, key: string): Promise<JobSummary | null> {
  return readDecoded(folder, key, '.summary.bin', (bytes) => deserialize(bytes) as JobSummary)
}

/**
 * Read a cached full result.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @returns
 *   Result, or null on a miss (or an entry whose output files were changed).
 */
export async function readResult(folder: string, key: string): Promise<JobResult | null> {
  const rest = await readDecoded(folder, key, '.rest.json', (bytes) => JSON.parse(bytes.toString('utf8')) as Partial<Rest> | null)
  if (!rest?.result || !rest.stamps) return null
  const {stamps} = rest
  const read = async (name: (typeof resultOutputs)[number]): Promise<string | null> => {
    const stamp = stamps[name]
    return stamp ? readStamped(entryPath(folder, key, outputExtensions[name]), stamp) : null
  }
  const [document, repairText, repairJson] = await Promise.all([read('document'), read('repairText'), read('repairJson')])
  const repaired = stamps.repairText !== undefined
  if (document === null || (repaired && (repairText === null || repairJson === null))) return null
  try {
    return restoreResult(rest.result, {document, repairText, repairJson})
  } catch {
    return null
  }
}

/**
 * Read a file of an entry as it was written. A change made in place within
 * the file system's timestamp granularity that keeps the size would pass;
 * the change time cannot tell either, as linking and renaming set it too.
 *
 * @param path
 *   Path.
 * @param stamp
 *   Its stamp when written.
 * @returns
 *   Text, or null when it is missing, unreadable, or was changed since.
 */
async function readStamped(path: string, stamp: Stamp): Promise<string | null> {
  try {
    const handle = await open(path)
    try {
      const {size, mtimeMs} = await handle.stat()
      return size === stamp.size && mtimeMs === stamp.mtimeMs ? await handle.readFile('utf8') : null
    } finally {
      await handle.close()
    }
  } catch {
    return null
  }
}

/**
 * Read a cached report page, as bytes: the report is made of a thousand of
 * them, copied as they are.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @returns
 *   HTML (UTF-8), or null on a miss.
 */
export function readPage(folder: string, key: string): Promise<Buffer | null> {
  return readEntry(folder, key, '.page.html')
}

/**
 * Store a record. Outputs to be written under `--out` too are written once,
 * with the entry's file as their second name.
 *
 * @param folder
 *   Cache folder.
 * @param key
 *   Key.
 * @param record
 *   Record.
 * @param out
 *   Where to write each output under `--out` as well (none by default).
 */
export function writeCache(folder: string, key: string, record: JobRecord, out: ReadonlyMap<keyof JobOutputs, string> = new Map()): void {
  const stamps: Rest['stamps'] = {}
  for (const name of resultOutputs) {
    const content = record.outputs[name]
    if (content === null) continue
    const path = entryPath(folder, key, outputExtensions[name])
    const target = out.get(name)
    stamps[name] = target === undefined ? writeAtomicSync(path, content) : writeLinkedSync(target, path, content)
  }
  if (record.outputs.page !== null) writeAtomicSync(entryPath(folder, key, '.page.html'), record.outputs.page)
  writeAtomicSync(entryPath(folder, key, '.rest.json'), ['{"result":', record.rest, ',"stamps":' + JSON.stringify(stamps) + '}'])
  writeAtomicSync(entryPath(folder, key, '.summary.bin'), serialize(record.summary))
}

/**
 * Read what earlier runs of this code found: whether each content (by
 * digest) is OCR-damaged.
 *
 * @param folder
 *   Cache folder.
 * @returns
 *   Verdicts (empty when there are none, they are unreadable, or the code changed).
 */
export async function readVerdicts(folder: string): Promise<Map<string, boolean>> {
  try {
    const value = JSON.parse(await readFile(join(folder, 'damage.json'), 'utf8')) as {code?: unknown; verdicts?: unknown}
    if (value.code === (await hashCode()) && value.verdicts && typeof value.verdicts === 'object') {
      return new Map(Object.entries(value.verdicts).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'))
    }
  } catch {}
  return new Map()
}

/**
 * Store the verdicts of this run's documents, when they differ from those read.
 *
 * @param folder
 *   Cache folder.
 * @param verdicts
 *   Verdicts by digest.
 * @param known
 *   Verdicts read at the start.
 */
export async function writeVerdicts(folder: string, verdicts: ReadonlyMap<string, boolean>, known: ReadonlyMap<string, boolean>): Promise<void> {
  if (verdicts.size === known.size && [...verdicts].every(([digest, verdict]) => known.get(digest) === verdict)) return
  const sorted = Object.fromEntries([...verdicts].sort(([a], [b]) => (a < b ? -1 : 1)))
  await writeAtomic(join(folder, 'damage.json'), JSON.stringify({code: await hashCode(), verdicts: sorted}))
}

/**
 * Read the index of the last run: the head of each document by cache key,
 * enough for a run whose corpus-wide outputs are up to date.
 *
 * @param folder
 *   Cache folder.
 * @returns
 *   Heads by key (empty when there is no readable index).
 */
export async function readIndex(folder: string): Promise<Map<string, JobHead>> {
  try {
    const value: unknown = JSON.parse(await readFile(join(folder, 'index.json'), 'utf8'))
    if (Array.isArray(value)) return new Map(value as Array<[string, JobHead]>)
  } catch {}
  return new Map()
}

/**
 * Store the index of this run (after its entries are stored).
 *
 * @param folder
 *   Cache folder.
 * @param entries
 *   Keys and heads, in corpus order.
 */
export async function writeIndex(folder: string, entries: Array<[string, JobHead]>): Promise<void> {
  await writeAtomic(join(folder, 'index.json'), JSON.stringify(entries))
}

/**
 * Where the repair model trained on some texts is kept.
 *
 * @param folder
 *   Cache folder.
 * @param texts
 *   Hash of the training texts.
 * @returns
 *   Path.
 */
async function modelPath(folder: string, texts: string): Promise<string> {
  return join(folder, 'models', createHash('sha256').update((await hashCode()) + '\0' + texts).digest('hex') + '.bin')
}

/**
 * Read the repair model a run trained on the same texts with this code.
 *
 * @param folder
 *   Cache folder.
 * @param texts
 *   Hash of the training texts.
 * @returns
 *   Model, or null when there is none or it cannot be read.
 */
export async function readModel(folder: string, texts: string): Promise<RepairModel | null> {
  try {
    const model = deserialize(await readFile(await modelPath(folder, texts))) as RepairModel | null
    return model && Array.isArray(model.vocabulary) ? model : null
  } catch {
    return null
  }
}

/**
 * Keep a repair model (V8's serialisation: its typed arrays and maps as they
 * are), in place of any other: a model trained on other texts is of no more
 * use, and each weighs megabytes.
 *
 * @param folder
 *   Cache folder.
 * @param texts
 *   Hash of the training texts.
 * @param model
 *   Model.
 */
export async function writeModel(folder: string, texts: string, model: RepairModel): Promise<void> {
  const path = await modelPath(folder, texts)
  await writeAtomic(path, serialize(model))
  for (const name of await readdir(dirname(path))) if (name !== basename(path)) await rm(join(dirname(path), name), {force: true})
}
