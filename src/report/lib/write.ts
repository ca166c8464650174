/**
 * Writes that matter are atomic: a temporary file beside the target, then a
 * rename, so a killed run leaves the old file or the new one, never half.
 */
import {closeSync, fstatSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {type FileHandle, mkdir, open, readdir, rename, rm} from 'node:fs/promises'
import {dirname, join, basename} from 'node:path'
import {threadId} from 'node:worker_threads'

let counter = 0

/**
 * Buffers that texts are encoded into before they are written, kept for the
 * next writes: encoding into a new buffer each time costs more in fresh
 * memory than the encoding itself (a 680,000-character document JSON took
 * 1.6 ms that way, 0.45 ms into a kept buffer). A batch writes a gigabyte
 * of text.
 */
const spare: Buffer[] = []
/** Most bytes kept in them (the main thread writes several files at once). */
const maxSpare = 32 * 1024 * 1024
/** Largest buffer kept (a longer text gets one of its own). */
const maxPooled = 16 * 1024 * 1024
/** Characters short pieces are joined up to before they are encoded. */
const joinLength = 4096
let spareBytes = 0

/**
 * A text to write: whole, or in pieces written one after another. A large
 * text joined or concatenated from smaller ones is copied whole into fresh
 * memory before it can be encoded (V8 flattens it); pieces are encoded as
 * they are, each on its own (so a piece ends between characters).
 */
export type Text = string | readonly string[]

/**
 * Write a file atomically, creating its folder.
 *
 * @param path
 *   Target path.
 * @param content
 *   Content, or its pieces (a large file is written without being held whole).
 */
export async function writeAtomic(path: string, content: Text | Uint8Array | AsyncIterable<Text | Uint8Array>): Promise<void> {
  await mkdir(dirname(path), {recursive: true})
  const temporary = temporaryPath(path)
  try {
    const handle = await open(temporary, 'w')
    try {
      for await (const piece of typeof content === 'string' || content instanceof Uint8Array || isPieces(content) ? [content] : content) await writePiece(handle, piece, temporary)
    } catch (error) {
      // The write's failure is the one to tell, not the close's.
      await handle.close().catch(() => {})
      throw error
    }
    await handle.close()
    await rename(temporary, path)
  } catch (error) {
    // Nor the clean-up's (it fails too where the file could not be made).
    await rm(temporary, {force: true}).catch(() => {})
    throw error
  }
}

/**
 * Write a piece of a file, text through a kept buffer.
 *
 * @param handle
 *   Open file.
 * @param piece
 *   Text or bytes.
 * @param path
 *   Its path (for errors).
 */
async function writePiece(handle: FileHandle, piece: Text | Uint8Array, path: string): Promise<void> {
  if (piece instanceof Uint8Array) return writeBytes(handle, piece, path)
  for (const encoded of encode(piece)) {
    try {
      await writeBytes(handle, encoded.bytes.subarray(0, encoded.used), path)
    } finally {
      release(encoded.bytes)
    }
  }
}

/**
 * Write bytes to a file, all of them.
 *
 * @param handle
 *   Open file.
 * @param bytes
 *   Bytes.
 * @param path
 *   Its path (for errors).
 */
async function writeBytes(handle: FileHandle, bytes: Uint8Array, path: string): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const {bytesWritten} = await handle.write(bytes, at, bytes.length - at)
    if (bytesWritten === 0) throw new Error('Cannot write `' + path + '`: no byte was written')
    at += bytesWritten
  }
}

/** A file as written: a later write into it changes its size or modification time. */
export interface Stamp {
  /** Bytes. */
  size: number
  /** Modification time, in milliseconds. */
  mtimeMs: number
}

/**
 * Write a file atomically and synchronously, creating its folder if it is
 * missing. For a worker's per-document files: each write through the thread
 * pool and back cost a worker more waiting (a cold batch of 1,000 documents
 * writes 4,500 files) than the write itself, and a worker has nothing else to
 * do meanwhile.
 *
 * @param path
 *   Target path.
 * @param content
 *   Content.
 * @returns
 *   Stamp of the file written.
 */
export function writeAtomicSync(path: string, content: Text | Uint8Array): Stamp {
  const temporary = temporaryPath(path)
  try {
    const stamp = inFolder(path, () => writeSync(temporary, content))
    renameSync(temporary, path)
    return stamp
  } catch (error) {
    // The write's failure is the one to tell, not the clean-up's (it fails
    // too where the file could not be made).
    removeQuietly(temporary)
    throw error
  }
}

/** Why a file cannot get a second name where it is: another device, or a file system without hard links. */
const unlinkable = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS'])

/**
 * Write a file atomically under two names, as one file with two links: a
 * document's output and the cache entry that keeps it are written once, not
 * twice (a cold batch of 1,000 documents wrote 540 MB less). Where the file
 * system cannot link them, the second name gets a copy. The second name is
 * made first: a run killed in between leaves the output as it was.
 *
 * @param path
 *   Target path.
 * @param second
 *   The other name of the file.
 * @param content
 *   Content.
 * @returns
 *   Stamp of the file under `second`.
 */
export function writeLinkedSync(path: string, second: string, content: Text | Uint8Array): Stamp {
  const temporary = temporaryPath(path)
  const linked = temporaryPath(second)
  try {
    let stamp = inFolder(path, () => writeSync(temporary, content))
    try {
      inFolder(second, () => linkSync(temporary, linked))
      renameSync(linked, second)
    } catch (error) {
      if (!unlinkable.has((error as NodeJS.ErrnoException).code ?? '')) throw error
      removeQuietly(linked)
      stamp = writeAtomicSync(second, content)
    }
    renameSync(temporary, path)
    return stamp
  } catch (error) {
    removeQuietly(temporary)
    removeQuietly(linked)
    throw error
  }
}

/**
 * Make a file whose folder may be missing: the folder is made when the
 * first try finds it missing.
 *
 * @param path
 *   Path of the file.
 * @param make
 *   Make it.
 * @returns
 *   What `make` returns.
 */
function inFolder<T>(path: string, make: () => T): T {
  try {
    return make()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    mkdirSync(dirname(path), {recursive: true})
    return make()
  }
}

/**
 * Remove a file if it is there, failing silently (clean-up after a failure).
 *
 * @param path
 *   Path.
 */
function removeQuietly(path: string): void {
  try {
    rmSync(path, {force: true})
  } catch {}
}

/**
 * Write a file (not atomically), text through a kept buffer.
 *
 * @param path
 *   Path.
 * @param content
 *   Content.
 * @returns
 *   Stamp of the file written.
 */
function writeSync(path: string, content: Text | Uint8Array): Stamp {
  const descriptor = openSync(path, 'w')
  let stamp: Stamp
  try {
    if (content instanceof Uint8Array) {
      writeFileSync(descriptor, content)
    } else {
      for (const encoded of encode(content)) {
        try {
          writeFileSync(descriptor, encoded.bytes.subarray(0, encoded.used))
        } finally {
          release(encoded.bytes)
        }
      }
    }
    const {size, mtimeMs} = fstatSync(descriptor)
    stamp = {size, mtimeMs}
  } catch (error) {
    // The write's failure is the one to tell, not the close's.
    try {
      closeSync(descriptor)
    } catch {}
    throw error
  }
  // Closed once only: a failed close frees the descriptor all the same, and
  // another thread may have it by the time a second close would run.
  closeSync(descriptor)
  return stamp
}

/**
 * Wait for writes made at once, then fail with the first failure, if any:
 * one failing must not leave the others running unawaited, their own
 * failures unhandled.
 *
 * @param writes
 *   Writes.
 */
export async function settleWrites(writes: ReadonlyArray<Promise<unknown>>): Promise<void> {
  for (const outcome of await Promise.allSettled(writes)) if (outcome.status === 'rejected') throw outcome.reason
}

/**
 * A temporary path beside a target, unique to this thread and write: a dot
 * file named after its target, process, thread and write.
 *
 * @param path
 *   Target path.
 * @returns
 *   Temporary path.
 */
function temporaryPath(path: string): string {
  return join(dirname(path), '.' + basename(path) + '.' + process.pid + '.' + threadId + '.' + counter++ + '.tmp')
}

/** A name {@link temporaryPath} makes; the group is the process. */
const temporaryName = /^\..+\.(\d+)\.\d+\.\d+\.tmp$/

/**
 * Remove from a folder the temporary files of processes that are gone (a
 * killed run leaves one for each write it was making). Those of a process
 * still running are its writes in progress, and stay.
 *
 * @param folder
 *   Folder (not its subfolders); a missing one has nothing to remove.
 * @returns
 *   Names removed.
 */
export async function sweepTemporaries(folder: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return []
  }
  const removed = names.filter((name) => {
    const match = temporaryName.exec(name)
    return match !== null && !isRunning(Number(match[1]))
  })
  for (const name of removed) await rm(join(folder, name), {force: true})
  return removed
}

/**
 * Whether a process is running.
 *
 * @param pid
 *   Process id.
 * @returns
 *   Whether it is (one that is not ours to signal is running all the same).
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Encode a text as UTF-8 into kept buffers, as many pieces to a buffer as
 * it holds (a piece too long for one gets a buffer of its own, of its exact
 * size).
 *
 * @param text
 *   Text, or its pieces.
 * @returns
 *   Each buffer, to hand back to {@link release} once written, and the
 *   bytes used.
 */
function* encode(text: Text): Generator<{bytes: Buffer; used: number}> {
  const pieces = typeof text === 'string' ? [text] : text
  let from = 0
  while (from < pieces.length) {
    const first = pieces[from]!
    // A UTF-16 code unit takes at most three bytes of UTF-8 (a surrogate pair, four for two).
    if (first.length * 3 > maxPooled) {
      const bytes = Buffer.from(first, 'utf8')
      yield {bytes, used: bytes.length}
      from++
      continue
    }
    let to = from + 1
    let length = first.length
    while (to < pieces.length && (length + pieces[to]!.length) * 3 <= maxPooled) length += pieces[to++]!.length
    const size = length * 3
    let best = -1
    for (let index = 0; index < spare.length; index++) if (spare[index]!.length >= size && (best < 0 || spare[index]!.length < spare[best]!.length)) best = index
    // Sizes are rounded up to a power of two, so that one buffer serves texts of many lengths.
    const bytes = best >= 0 ? spare.splice(best, 1)[0]! : Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(Math.max(size, 65536))))
    if (best >= 0) spareBytes -= bytes.length
    let used = 0
    for (let index = from; index < to; ) {
      // Short pieces are joined before they are encoded: each encoding is a
      // call into native code, which costs more than the copy a join makes
      // of a few kilobytes (the repairs file of a stripped program is some
      // 5,000 pieces of 200 characters). Never across a surrogate pair split
      // between two pieces: each half is encoded on its own, as a lone one.
      let end = index + 1
      let joined = pieces[index]!.length
      // The last piece that is not empty: an empty one splits no pair.
      let last = pieces[index]!
      while (end < to && joined + pieces[end]!.length <= joinLength && !splitsPair(last, pieces[end]!)) {
        if (pieces[end]!.length > 0) last = pieces[end]!
        joined += pieces[end++]!.length
      }
      used += bytes.write(end === index + 1 ? pieces[index]! : pieces.slice(index, end).join(''), used, bytes.length - used, 'utf8')
      index = end
    }
    yield {bytes, used}
    from = to
  }
}

/**
 * Whether two pieces split a surrogate pair between them.
 *
 * @param left
 *   Piece.
 * @param right
 *   The piece after it.
 * @returns
 *   Whether `left` ends with a high surrogate and `right` starts with a low one.
 */
function splitsPair(left: string, right: string): boolean {
  const high = left.charCodeAt(left.length - 1)
  const low = right.charCodeAt(0)
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff
}

/**
 * Whether a text is in pieces.
 *
 * @param value
 *   Text, bytes or pieces.
 * @returns
 *   Whether it is an array of pieces.
 */
function isPieces(value: unknown): value is readonly string[] {
  return Array.isArray(value)
}

/**
 * Keep a buffer for later writes, unless enough are kept.
 *
 * @param bytes
 *   Buffer from {@link encode}.
 */
function release(bytes: Buffer): void {
  if (bytes.length <= maxPooled && spareBytes + bytes.length <= maxSpare) {
    spare.push(bytes)
    spareBytes += bytes.length
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
 * {@link toJson} as a {@link Text}: the JSON in pieces and its final
 * newline. V8 builds the JSON of a large value as a string of many parts,
 * which it copies whole into fresh memory before it can be encoded (a
 * document's JSON is a few hundred kilobytes, and the copy took as long as
 * making the JSON); pieces are each small enough not to be.
 *
 * @param value
 *   Value.
 * @returns
 *   Pieces of text.
 */
export function toJsonText(value: unknown): Text {
  const pieces: string[] = []
  pushJson(pieces, value, 0, largeValues(value, 0))
  pieces.push('\n')
  return pieces
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
 *   Pieces of text, an element of an array field to a piece (in pieces
 *   itself, as {@link toJsonText} makes them).
 */
export function* toJsonParts(value: object): Generator<Text> {
  // `JSON.stringify` leaves out fields it cannot write.
  const fields = Object.entries(value).filter(([, field]) => isWritable(field))
  if (fields.length === 0) {
    yield '{}\n'
    return
  }
  yield '{\n'
  for (const [index, [key, field]] of fields.entries()) {
    const head = (index > 0 ? ',\n' : '') + '  ' + JSON.stringify(key) + ': '
    if (Array.isArray(field) && field.length > 0) {
      yield head + '[\n'
      for (const [at, element] of field.entries()) {
        const pieces = [at > 0 ? ',\n    ' : '    ']
        pushJson(pieces, element, 2, largeValues(element, 2))
        yield pieces
      }
      yield '\n  ]'
    } else {
      const pieces = [head]
      pushJson(pieces, field, 1, largeValues(field, 1))
      yield pieces
    }
  }
  yield '\n}\n'
}

/** Estimated characters of JSON past which a value is written as its parts' JSON. */
const pieceLength = 16384
/** Levels down to which values are taken apart (deeper ones are written whole). */
const pieceDepth = 32

/**
 * Push the pretty JSON of a value, `depth` levels down in pretty JSON, as
 * pieces: a large array or plain object as its brackets, separators and
 * fields or elements, each in turn in pieces; anything else whole, as
 * `JSON.stringify` writes it.
 *
 * @param pieces
 *   Pieces so far, added to.
 * @param value
 *   Value (in an array, what JSON cannot write is `null`).
 * @param depth
 *   Levels down.
 * @param large
 *   The arrays and plain objects of the value to take apart
 *   ({@link largeValues}).
 */
function pushJson(pieces: string[], value: unknown, depth: number, large: ReadonlySet<unknown>): void {
  if (!large.has(value)) {
    pieces.push(nestedJson(value, depth))
    return
  }
  const inner = '\n' + '  '.repeat(depth + 1)
  let first = true
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) {
      pieces.push((first ? '[' : ',') + inner)
      first = false
      pushJson(pieces, element, depth + 1, large)
    }
    pieces.push('\n' + '  '.repeat(depth) + ']')
    return
  }
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const field = record[key]
    if (!isWritable(field)) continue
    pieces.push((first ? '{' : ',') + inner + JSON.stringify(key) + ': ')
    first = false
    pushJson(pieces, field, depth + 1, large)
  }
  pieces.push(first ? '{}' : '\n' + '  '.repeat(depth) + '}')
}

/**
 * Whether `JSON.stringify` writes a field (it leaves out the others).
 *
 * @param value
 *   Value of the field.
 * @returns
 *   Whether it is written.
 */
function isWritable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}

/**
 * Whether a value is an array or a plain object that `JSON.stringify`
 * writes field by field (no `toJSON` of its own), and so can be taken apart.
 *
 * @param value
 *   Value.
 * @returns
 *   Whether it is.
 */
function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || typeof (value as {toJSON?: unknown}).toJSON === 'function') return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return Array.isArray(value) || prototype === Object.prototype || prototype === null
}

/**
 * The arrays and plain objects of a value whose JSON is large (some
 * {@link pieceLength} characters or more, estimated in one walk), down to
 * {@link pieceDepth} levels: those {@link pushJson} takes apart.
 *
 * @param value
 *   Value.
 * @param depth
 *   Its level.
 * @returns
 *   Large values.
 */
function largeValues(value: unknown, depth: number): Set<unknown> {
  const large = new Set<unknown>()
  weigh(value, depth, large)
  return large
}

/**
 * Estimate the length of a value's JSON, and add it to `large` if it is an
 * array or plain object past {@link pieceLength}.
 *
 * @param value
 *   Value.
 * @param depth
 *   Its level (from {@link pieceDepth} down, values are neither taken
 *   apart nor walked).
 * @param large
 *   Large values so far, added to.
 * @returns
 *   Estimate.
 */
function weigh(value: unknown, depth: number, large: Set<unknown>): number {
  if (typeof value === 'string') return value.length + 4
  if (depth >= pieceDepth || !isPlain(value)) return 8
  let total = 2
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) total += 2 + weigh(element, depth + 1, large)
  } else {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) total += key.length + 6 + weigh(record[key], depth + 1, large)
  }
  if (total > pieceLength) large.add(value)
  return total
}

/**
 * Pretty JSON of a value as it reads `depth` levels down in pretty JSON:
 * written there, inside arrays, and cut out (a slice shares the text's
 * characters, where indenting the value's own JSON made a copy of it).
 *
 * @param value
 *   Value (in an array, what JSON cannot write is `null`).
 * @param depth
 *   Levels.
 * @returns
 *   JSON, its lines after the first indented by two spaces a level.
 */
function nestedJson(value: unknown, depth: number): string {
  let wrapped = value
  for (let level = 0; level < depth; level++) wrapped = [wrapped]
  const text = JSON.stringify(wrapped, null, 2)
  // Level n (from 1) opens with `[`, a line break and 2n spaces, and closes with a line break, 2(n - 1) spaces and `]`.
  let start = 0
  let end = text.length
  for (let level = 1; level <= depth; level++) {
    start += 2 + 2 * level
    end -= 2 + 2 * (level - 1)
  }
  // At the top the text is all there is (and undefined for what JSON cannot write at all).
  return depth === 0 ? text : text.slice(start, end)
}
