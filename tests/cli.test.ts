import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {execute} from '../src/cli/index.js'
import {contextsFor} from '../src/cli/lib/context.js'
import {root} from './helpers/corpus.js'

/** Streams that collect what is written. */
function capture(cwd = root) {
  const out: string[] = []
  const err: string[] = []
  return {
    streams: {stdout: {write: (chunk: string) => out.push(chunk)}, stderr: {write: (chunk: string) => err.push(chunk)}, cwd},
    stdout: () => out.join(''),
    stderr: () => err.join('')
  }
}

describe('doichieu', () => {
  test('should print help and exit 2 without a command', async () => {
    const io = capture()
    expect(await execute([], io.streams)).toBe(2)
    expect(io.stderr()).toContain('doichieu run')
  })
  test('should exit 2 on an unknown command or option', async () => {
    expect(await execute(['frobnicate'], capture().streams)).toBe(2)
    const io = capture()
    expect(await execute(['parse', '--nope', 'x'], io.streams)).toBe(2)
    expect(io.stderr()).toContain('Usage: doichieu parse')
  })
})

describe('doichieu parse', () => {
  test('should print an outline', async () => {
    const io = capture()
    expect(await execute(['parse', 'corpus/ha-tinh.ctr-28-nq-tw.md'], io.streams)).toBe(0)
    expect(io.stdout()).toContain('III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU  [part tasks] #part_III :53')
    expect(io.stdout()).toContain('  5. Phát huy vai trò, trách nhiệm nêu gương của cán bộ, đảng viên  [group] #part_III__group_5 :135')
  })
  test('should print JSON with meta and root', async () => {
    const io = capture()
    expect(await execute(['parse', 'corpus/lam-dong.ctr-28-nq-tw.ocr.txt', '--json'], io.streams)).toBe(0)
    const json = JSON.parse(io.stdout()) as {meta: {date: string}; root: {kind: string; id: string; children: unknown[]}}
    expect(json.meta.date).toBe('2023-03-10')
    expect(json.root).toMatchObject({kind: 'root', id: 'root'})
    expect(io.stderr()).toContain('lam-dong.ctr-28-nq-tw.ocr.txt:557:1: warning Unexpected `1.` before a capitalised part title')
  })
  test('should fail with a message naming the file for a missing or binary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doichieu-'))
    writeFileSync(join(dir, 'scan.pdf'), '%PDF-1.4\n')
    const io = capture(dir)
    expect(await execute(['parse', 'scan.pdf'], io.streams)).toBe(1)
    expect(io.stderr()).toContain('scan.pdf:1:1: error Unexpected binary file (PDF document), expected text')
    const missing = capture(dir)
    expect(await execute(['parse', 'nowhere.md'], missing.streams)).toBe(1)
    expect(missing.stderr()).toContain('nowhere.md:1:1: error Cannot read file')
  })
})

describe('doichieu run', () => {
  test('should write one JSON per document and go on past a broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doichieu-'))
    const corpus = join(dir, 'corpus')
    const out = join(dir, 'out')
    await import('node:fs').then((fs) => {
      fs.mkdirSync(corpus)
      fs.copyFileSync(join(root, 'corpus/binh-thuan.ctr-28-nq-tw.md'), join(corpus, 'binh thuận.md'))
      fs.writeFileSync(join(corpus, 'empty.txt'), '')
      fs.writeFileSync(join(corpus, 'binh thuận.meta.json'), '{"date": "2023-03-01"}')
    })
    const io = capture(dir)
    expect(await execute(['run', '--corpus', 'corpus', '--out', 'out'], io.streams)).toBe(1)
    expect(readdirSync(join(out, 'documents'))).toEqual(['binh-thuan.json'])
    const document = JSON.parse(readFileSync(join(out, 'documents', 'binh-thuan.json'), 'utf8')) as {meta: {date: string; province: string}}
    expect(document.meta).toMatchObject({date: '2023-03-01', province: 'Bình Thuận'})
    const errors = JSON.parse(readFileSync(join(out, 'errors.json'), 'utf8')) as Array<{file: string; messages: Array<{reason: string}>}>
    expect(errors).toEqual([{file: 'corpus/empty.txt', messages: [expect.objectContaining({reason: 'Unexpected empty file, expected text'})]}])
    expect(io.stderr()).toContain('✗ corpus/empty.txt')
    expect(io.stderr()).toContain('corpus/empty.txt:1:1: error Unexpected empty file, expected text [empty-file]')
  })
})

describe('contexts of single-document commands', () => {
  test('should leave each document out of its own repair texts, and share a context where they agree', async () => {
    const clean = 'corpus/ha-tinh.ctr-28-nq-tw.md'
    const damaged = 'corpus/lam-dong.ctr-28-nq-tw.ocr.txt'
    const [own, other, again] = await contextsFor({cwd: root, exclude: [clean, damaged, damaged]})
    const text = readFileSync(join(root, clean), 'utf8').normalize('NFC')
    expect(own?.repairTexts).not.toContain(text)
    expect(other?.repairTexts).toContain(text)
    // A damaged document is no repair text: leaving it out changes nothing, and its model is trained once.
    expect(again).toBe(other)
  })
})
