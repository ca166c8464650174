import {mkdirSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fc, test as property} from '@fast-check/vitest'
import {expect, test} from 'vitest'
import {toJson, toJsonParts, toJsonText, writeAtomic, writeAtomicSync, writeLinkedSync} from '../src/report/index.js'

// Fields a JSON object can hold, some that JSON.stringify leaves out or turns into null.
const field = fc.oneof(
  fc.jsonValue(),
  fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)), {maxLength: 5}),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({})
)

property.prop([fc.dictionary(fc.string(), field, {maxKeys: 6})])('should write in pieces exactly what toJson writes whole', (value) => {
  expect([...toJsonParts(value)].flat().join('')).toBe(toJson(value))
})

// Values nested, with what JSON leaves out or writes as null, one in six large enough to be taken apart (some 16,000 characters of JSON and more).
const large = fc.letrec((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', maxDepth: 4},
    fc.string({maxLength: 3000, size: 'max'}),
    fc.jsonValue({maxDepth: 2}),
    fc.constantFrom(undefined, null, Number.NaN, -0, () => 1),
    fc.array(tie('value'), {maxLength: 12, size: 'max'}),
    fc.dictionary(fc.string({maxLength: 6}), tie('value'), {maxKeys: 8, size: 'max'}),
    fc.date({noInvalidDate: true})
  )
})).value

// Not shrunk on failure: shrinking values this large takes minutes (the seed shown reproduces one).
property.prop([large], {numRuns: 200, endOnFailure: true})('should write any value in pieces exactly as toJson writes it whole', (value) => {
  // What JSON cannot write at all is no output of doichieu's.
  fc.pre(JSON.stringify(value) !== undefined)
  const pieces = toJsonText(value)
  expect(typeof pieces === 'string' ? pieces : pieces.join('')).toBe(toJson(value))
  // `toJsonParts` writes plain objects.
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) expect([...toJsonParts(value)].flat().join('')).toBe(toJson(value))
})

test('should take a large value apart, into pieces that are each small', () => {
  const rows = Array.from({length: 300}, (_, index) => ({id: 'hàng ' + index, cells: {a: 'ô'.repeat(index), b: [index, {c: null, d: 'đ'.repeat(100)}]}}))
  const value = {id: 'x', nested: {rows}, empty: [], gone: undefined}
  const pieces = toJsonText(value)
  expect(pieces.length).toBeGreaterThan(10)
  expect(Math.max(...[...pieces].map((piece) => piece.length))).toBeLessThan(20_000)
  expect([...pieces].join('')).toBe(toJson(value))
})

// Any UTF-16, lone surrogates included, long and short (kept buffers are reused across lengths).
const text = fc.oneof(fc.string({unit: 'binary'}), fc.string({unit: fc.constantFrom('a', 'ệ', '\ud83d', '\udca9', '😀'), maxLength: 40_000}))

property.prop([fc.array(text, {minLength: 1, maxLength: 6})])('should write each text as its UTF-8 bytes, several at once', async (texts) => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    await Promise.all(texts.map((value, index) => writeAtomic(join(folder, index + '.txt'), value)))
    for (const [index, value] of texts.entries()) expect((await readFile(join(folder, index + '.txt'))).equals(Buffer.from(value, 'utf8'))).toBe(true)
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

test('should write long texts of wide characters whole', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    const texts = ['a', 'ệ'.repeat(100_000), '😀'.repeat(50_000) + '\ud83d', 'b']
    for (const [index, value] of texts.entries()) await writeAtomic(join(folder, index + '.txt'), value)
    for (const [index, value] of texts.entries()) expect((await readFile(join(folder, index + '.txt'))).equals(Buffer.from(value, 'utf8'))).toBe(true)
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

property.prop([fc.array(text, {minLength: 1, maxLength: 6})])('should write each text as its UTF-8 bytes, one after another, making the folder', async (texts) => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    for (const [index, value] of texts.entries()) writeAtomicSync(join(folder, 'sub', index + '.txt'), value)
    for (const [index, value] of texts.entries()) expect((await readFile(join(folder, 'sub', index + '.txt'))).equals(Buffer.from(value, 'utf8'))).toBe(true)
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

// Pieces are encoded one after another (a surrogate pair split between two is two lone halves).
const bytesOf = (pieces: readonly string[]): Buffer => Buffer.concat(pieces.map((piece) => Buffer.from(piece, 'utf8')))

property.prop([fc.array(text, {maxLength: 6})])('should write a text in pieces as the UTF-8 bytes of each, in order', async (pieces) => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    writeAtomicSync(join(folder, 'a.txt'), pieces)
    await writeAtomic(join(folder, 'b.txt'), pieces)
    writeLinkedSync(join(folder, 'c.txt'), join(folder, 'd.txt'), pieces)
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) expect((await readFile(join(folder, name))).equals(bytesOf(pieces))).toBe(true)
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

test('should write pieces too long for a kept buffer', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    // More than a kept buffer holds at three bytes a character: pieces that
    // fit in one together, then one that fits in none.
    const pieces = ['ệ'.repeat(3_000_000), '😀', '', 'ệ'.repeat(6_000_000)]
    writeAtomicSync(join(folder, 'a.txt'), pieces)
    expect((await readFile(join(folder, 'a.txt'))).equals(bytesOf(pieces))).toBe(true)
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

test('should fail a synchronous write with the error of the write, leaving nothing behind', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    // A file where the folder goes: the temporary file cannot be made.
    writeFileSync(join(folder, 'sub'), '')
    expect(() => writeAtomicSync(join(folder, 'sub', 'a.txt'), 'text')).toThrow(expect.objectContaining({code: 'ENOTDIR', syscall: 'open'}))
    // A folder with a file in it where the target goes: the temporary file is made, the rename fails.
    mkdirSync(join(folder, 'full'))
    writeFileSync(join(folder, 'full', 'x'), '')
    expect(() => writeAtomicSync(join(folder, 'full'), 'text')).toThrow(expect.objectContaining({syscall: 'rename'}))
    await expect(writeAtomic(join(folder, 'full'), 'text')).rejects.toMatchObject({syscall: 'rename'})
    writeAtomicSync(join(folder, 'b.txt'), new Uint8Array([1, 2]))
    expect(readdirSync(folder).sort()).toEqual(['b.txt', 'full', 'sub'])
    expect([...(await readFile(join(folder, 'b.txt')))]).toEqual([1, 2])
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

property.prop([text])('should write a file under two names as one file, and tell its stamp', async (value) => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    const [first, second] = [join(folder, 'out', 'a.json'), join(folder, 'cache', 'ab', 'b.json')]
    const stamp = writeLinkedSync(first, second, value)
    for (const path of [first, second]) expect((await readFile(path)).equals(Buffer.from(value, 'utf8'))).toBe(true)
    const stats = statSync(second)
    expect(statSync(first).ino).toBe(stats.ino)
    expect(stamp).toEqual({size: stats.size, mtimeMs: stats.mtimeMs})
    expect(readdirSync(folder, {recursive: true}).filter((name) => String(name).endsWith('.tmp'))).toEqual([])
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

test('should fail a write under two names with the error of the second, leaving neither behind', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    mkdirSync(join(folder, 'out'))
    // A file where the second name's folder goes.
    writeFileSync(join(folder, 'cache'), '')
    expect(() => writeLinkedSync(join(folder, 'out', 'a.json'), join(folder, 'cache', 'b.json'), 'text')).toThrow(expect.objectContaining({code: 'ENOTDIR', syscall: 'link'}))
    expect(readdirSync(join(folder, 'out'))).toEqual([])
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})

// Pieces as a large output is written: text and UTF-8 bytes, some empty.
const piece = fc.oneof(text, text.map((value) => new Uint8Array(Buffer.from(value, 'utf8'))), fc.constant(''), fc.constant(new Uint8Array(0)))

property.prop([fc.array(piece, {maxLength: 8})])('should write pieces as they come, text and bytes, as their bytes one after another', async (pieces) => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-write-'))
  try {
    async function* parts(): AsyncGenerator<string | Uint8Array> {
      yield* pieces
    }
    await writeAtomic(join(folder, 'a.txt'), parts())
    const expected = Buffer.concat(pieces.map((each) => (typeof each === 'string' ? Buffer.from(each, 'utf8') : each)))
    expect((await readFile(join(folder, 'a.txt'))).equals(expected)).toBe(true)
    expect(readdirSync(folder)).toEqual(['a.txt'])
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})
