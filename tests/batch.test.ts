import {chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {execute} from '../src/cli/index.js'
import {runTasks} from '../src/cli/lib/batch.js'
import {buildContext} from '../src/cli/lib/context.js'
import type {TaskResult} from '../src/cli/lib/task.js'
import {trainRepairModel} from '../src/repair/index.js'
import {decisionsPath, nodeContext, openStore} from '../src/review/index.js'
import type {DocNode} from '../src/types.js'
import {root, seeds} from './helpers/corpus.js'

/** A corpus folder in a temporary place with the five seeds. */
function corpus(): {dir: string; corpus: string} {
  const dir = mkdtempSync(join(tmpdir(), 'doichieu-batch-'))
  const folder = join(dir, 'corpus')
  mkdirSync(folder)
  for (const name of Object.values(seeds)) copyFileSync(join(root, name), join(folder, name.replace('corpus/', '')))
  return {dir, corpus: folder}
}

/** Run the CLI, collecting output. */
async function run(cwd: string, args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await execute(['run', ...args], {stdout: {write: (chunk: string) => out.push(chunk)}, stderr: {write: (chunk: string) => err.push(chunk)}, cwd})
  return {code, stdout: out.join(''), stderr: err.join('')}
}

/** Every output file under a folder (cache excluded) with its bytes. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (path: string, prefix: string): void => {
    for (const entry of readdirSync(path, {withFileTypes: true})) {
      if (entry.name === '.cache') continue
      if (entry.isDirectory()) walk(join(path, entry.name), prefix + entry.name + '/')
      else files[prefix + entry.name] = readFileSync(join(path, entry.name), 'utf8')
    }
  }
  walk(folder, '')
  return files
}

describe('batch', () => {
  // Both on worker threads: one, and two sharing the documents.
  test('should give byte-identical outputs with --jobs 1 and --jobs 2', async () => {
    const {dir} = corpus()
    expect((await run(dir, ['--out', 'one', '--jobs', '1', '--quiet'])).code).toBe(0)
    expect((await run(dir, ['--out', 'two', '--jobs', '2', '--quiet'])).code).toBe(0)
    const one = snapshot(join(dir, 'one'))
    expect(Object.keys(one).length).toBeGreaterThan(5)
    expect(snapshot(join(dir, 'two'))).toEqual(one)
  })

  test('should redo nothing on an unchanged corpus and one document when one file changes', async () => {
    const {dir, corpus: folder} = corpus()
    const first = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number; cached: number}
    expect(first).toMatchObject({processed: 5, cached: 0})
    const before = snapshot(join(dir, 'out'))
    const second = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number; cached: number}
    expect(second).toMatchObject({processed: 0, cached: 5})
    expect(snapshot(join(dir, 'out'))).toEqual(before)
    writeFileSync(join(folder, 'bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt'), readFileSync(join(folder, 'bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt'), 'utf8') + '\nThêm một đoạn.\n')
    const third = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number; cached: number}
    // The edited document, and the OCR-damaged one whose repair learns from it.
    expect(third).toMatchObject({processed: 2, cached: 3})
    writeFileSync(join(folder, 'lam-dong.ctr-28-nq-tw.ocr.txt'), readFileSync(join(folder, 'lam-dong.ctr-28-nq-tw.ocr.txt'), 'utf8') + '\nThem mot doan.\n')
    const fourth = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number; cached: number}
    expect(fourth).toMatchObject({processed: 1, cached: 4})
    writeFileSync(join(folder, 'bac-kan.nq-4-tu.chat-luong-to-chuc-dang.meta.json'), '{"province": "Bắc Kạn"}')
    const fifth = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number; cached: number}
    expect(fifth).toMatchObject({processed: 1, cached: 4})
  })

  test('should train the repair model once and keep it for the next run on the same texts', async () => {
    const {dir, corpus: folder} = corpus()
    const models = join(dir, 'out', '.cache', 'models')
    const first = JSON.parse((await run(dir, ['--jobs', '2', '--json'])).stdout) as {stages: Record<string, number>}
    expect(first.stages.train).toBeGreaterThan(0)
    const [name, ...more] = readdirSync(models)
    expect(more).toEqual([])
    const kept = statSync(join(models, name!)).ino
    // Only the damaged document changed: its repair learns from the same texts, with the kept model.
    const ocr = join(folder, 'lam-dong.ctr-28-nq-tw.ocr.txt')
    const original = readFileSync(ocr, 'utf8')
    writeFileSync(ocr, original + '\nThem mot doan.\n')
    expect(JSON.parse((await run(dir, ['--json'])).stdout)).toMatchObject({processed: 1, cached: 4})
    expect(readdirSync(models)).toEqual([name])
    expect(statSync(join(models, name!)).ino).toBe(kept)
    // A model file that cannot be read is trained again, to the outputs a run without the cache gives.
    writeFileSync(join(models, name!), 'not a model')
    writeFileSync(ocr, original + '\nThem mot doan nua.\n')
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    expect(statSync(join(models, name!)).size).toBeGreaterThan(1_000_000)
    // Other texts, another model, in place of the old one.
    const clean = join(folder, 'bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt')
    writeFileSync(clean, readFileSync(clean, 'utf8') + '\nThêm một đoạn.\n')
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    expect(readdirSync(models)).toHaveLength(1)
    expect(readdirSync(models)).not.toEqual([name])
    expect((await run(dir, ['--quiet', '--no-cache', '--out', 'fresh'])).code).toBe(0)
    expect(snapshot(join(dir, 'out'))).toEqual(snapshot(join(dir, 'fresh')))
    // A model that cannot be kept costs nothing but its training next time.
    rmSync(models, {recursive: true})
    writeFileSync(models, '')
    writeFileSync(clean, readFileSync(clean, 'utf8') + '\nThêm một đoạn nữa.\n')
    expect(JSON.parse((await run(dir, ['--json'])).stdout)).toMatchObject({processed: 2, cached: 3})
  })

  test('should use the cache entries of a run killed before it wrote its index, and make missing outputs again', async () => {
    const {dir} = corpus()
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    const before = snapshot(join(dir, 'out'))
    rmSync(join(dir, 'out', '.cache', 'index.json'))
    rmSync(join(dir, 'out', 'documents', 'ha-tinh.ctr-28-nq-tw.json'))
    rmSync(join(dir, 'out', 'repairs'), {recursive: true})
    const again = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number; cached: number}
    expect(again).toMatchObject({processed: 0, cached: 5})
    expect(snapshot(join(dir, 'out'))).toEqual(before)
  })

  test('should carry decisions into the outputs of the documents they name, fresh or cached, and drop them when they go', async () => {
    const {dir, corpus: folder} = corpus()
    cpSync(join(root, 'corpus', 'reference'), join(folder, 'reference'), {recursive: true})
    const ids = {program: 'binh-thuan.ctr-28-nq-tw', ocr: 'lam-dong.ctr-28-nq-tw.ocr', other: 'ha-tinh.ctr-28-nq-tw', plain: 'bac-kan.nq-4-tu.chat-luong-to-chuc-dang'}
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    const machine = snapshot(join(dir, 'out'))

    // A group, a metadata field and an OCR word, as the review server records them.
    const program = JSON.parse(machine['documents/' + ids.program + '.json']!) as {root: DocNode}
    const nodes: Array<DocNode & {group?: string | null}> = []
    const walk = (node: DocNode): void => {
      nodes.push(node)
      for (const child of node.children) walk(child)
    }
    walk(program.root)
    const node = nodes.find((each) => typeof each.group === 'string')!
    const change = (JSON.parse(machine['repairs/' + ids.ocr + '.json']!) as {changes: Array<{line: number; column: number; source: string; repair: string}>}).changes[0]!
    const plain = JSON.parse(machine['documents/' + ids.plain + '.json']!) as {meta: {province: string | null}}
    const store = openStore({path: decisionsPath(folder)})
    const author = 'Lê Hoa'
    const drafts = [
      {document: ids.program, kind: 'group' as const, target: node.id, context: nodeContext(node), old: node.group!, value: node.group === 'G2' ? 'G3' : 'G2', author, comment: null},
      {document: ids.ocr, kind: 'word' as const, target: change.line + ':' + change.column, context: change.source, old: change.repair, value: 'Thử', author, comment: null},
      {document: ids.plain, kind: 'meta' as const, target: 'province', context: null, old: plain.meta.province, value: 'Quảng Trị', author, comment: null}
    ]
    for (const draft of drafts) expect(store.record(draft, draft.old).ok).toBe(true)
    store.close()

    const cached = JSON.parse((await run(dir, ['--json'])).stdout) as {processed: number}
    expect(cached.processed).toBe(0)
    const decided = snapshot(join(dir, 'out'))
    expect(JSON.parse(decided['orphans.json']!)).toEqual([])
    for (const id of [ids.program, ids.ocr, ids.plain]) expect(decided['documents/' + id + '.json']).not.toBe(machine['documents/' + id + '.json'])
    expect(decided['documents/' + ids.other + '.json']).toBe(machine['documents/' + ids.other + '.json'])
    expect(decided['repairs/' + ids.ocr + '.txt']).toContain('Thử')
    expect(decided['targets.csv']).toContain('Quảng Trị')
    expect(decided['gap-matrix.json']).not.toBe(machine['gap-matrix.json'])
    expect(decided['report.html']).not.toBe(machine['report.html'])

    // Processing anew with the same decisions gives the same bytes as the cached run.
    expect((await run(dir, ['--quiet', '--no-cache'])).code).toBe(0)
    expect(snapshot(join(dir, 'out'))).toEqual(decided)

    // Without decisions, the machine's outputs come back.
    rmSync(join(folder, '.doichieu'), {recursive: true, force: true})
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    expect(snapshot(join(dir, 'out'))).toEqual(machine)
  })

  test('should find again, warm, the documents it judged only while processing them', async () => {
    const {dir, corpus: folder} = corpus()
    cpSync(join(root, 'corpus', 'reference'), join(folder, 'reference'), {recursive: true})
    // First in corpus order, and alone more clean text than the repair model learns from (which is the framework's): no other document is judged before the batch.
    const clean = readFileSync(join(root, seeds['004']), 'utf8')
    writeFileSync(join(folder, '0-long.txt'), clean.repeat(Math.ceil(4_300_000 / clean.length)))
    const first = JSON.parse((await run(dir, ['--jobs', '2', '--json'])).stdout) as {processed: number}
    expect(first.processed).toBe(6)
    const verdicts = (): boolean[] => Object.values((JSON.parse(readFileSync(join(dir, 'out', '.cache', 'damage.json'), 'utf8')) as {verdicts: Record<string, boolean>}).verdicts).sort()
    expect(verdicts()).toEqual([false, false, false, false, false, true])
    expect(readdirSync(join(dir, 'out', 'repairs'))).toEqual(['lam-dong.ctr-28-nq-tw.ocr.json', 'lam-dong.ctr-28-nq-tw.ocr.txt'])
    // Without the verdicts (as the first run): each entry is found under the key of what it is, which tells it again.
    rmSync(join(dir, 'out', '.cache', 'damage.json'))
    expect(JSON.parse((await run(dir, ['--json'])).stdout)).toMatchObject({processed: 0})
    expect(verdicts()).toEqual([false, false, false, false, false, true])
    expect(JSON.parse((await run(dir, ['--json'])).stdout)).toMatchObject({processed: 0})
    expect((await run(dir, ['--quiet', '--no-cache', '--out', 'fresh'])).code).toBe(0)
    expect(snapshot(join(dir, 'out'))).toEqual(snapshot(join(dir, 'fresh')))
  })

  test.each([1, 2])('should fail only the document whose worker dies, and go on (%i threads)', async (concurrency) => {
    const dir = mkdtempSync(join(tmpdir(), 'doichieu-crash-'))
    const cache = join(dir, 'cache')
    mkdirSync(cache)
    // A file where the first task's cache folder goes: storing its entry throws in the worker, which dies.
    writeFileSync(join(cache, 'aa'), '')
    const tasks = (['aa', 'bb'] as const).map((prefix, index) => {
      const name = Object.values(seeds)[index]!
      const bytes = new Uint8Array(readFileSync(join(root, name)))
      return {job: {id: prefix, file: name, bytes, digest: prefix, error: null, meta: null, sidecarError: null}, key: prefix.repeat(32), outputs: true}
    })
    const results: TaskResult[] = []
    await runTasks({tasks, concurrency, context: {repairTexts: [], reference: null}, places: {cache, out: join(dir, 'out')}, onResult: (result, index) => void (results[index] = result)})
    expect(results[0]?.head.failed).toBe(true)
    expect(results[0]?.head.messages[0]?.reason).toMatch(/^Cannot process file: /)
    expect(results[1]?.head.failed).toBe(false)
    expect(results[1]?.written).toEqual(['documents/bb.json'])
    expect(results.map((result) => result.stored)).toEqual([false, true])
  })

  test.each([1, 2])('should store a document not judged before under the key of what it turns out to be (%i threads)', async (concurrency) => {
    const dir = mkdtempSync(join(tmpdir(), 'doichieu-keys-'))
    const task = (name: string, key: string, damagedKey?: string) => {
      const bytes = new Uint8Array(readFileSync(join(root, name)))
      return {job: {id: key, file: name, bytes, digest: key, error: null, meta: null, sidecarError: null}, key: key.repeat(32), damagedKey, outputs: true}
    }
    const tasks = [task(seeds['000'], 'aa', 'bb'.repeat(32)), task(seeds['002'], 'cc', 'dd'.repeat(32)), task(seeds['003'], 'ee')]
    const repairModel = trainRepairModel({texts: [readFileSync(join(root, seeds['000']), 'utf8')]})
    const results: TaskResult[] = []
    const cache = join(dir, 'cache')
    await runTasks({tasks, concurrency, context: {repairTexts: [], reference: null, repairModel}, places: {cache, out: join(dir, 'out')}, onResult: (result, index) => void (results[index] = result)})
    expect(results.map((result) => result.key)).toEqual(['aa'.repeat(32), 'dd'.repeat(32), 'ee'.repeat(32)])
    expect(results.map((result) => result.head.repaired)).toEqual([false, true, false])
    for (const key of ['aa', 'dd', 'ee']) expect(readdirSync(join(cache, key))).toContain(key.repeat(32) + '.summary.bin')
    for (const key of ['bb', 'cc']) expect(existsSync(join(cache, key))).toBe(false)
  })

  test('should try again, next run, the documents whose worker died', async () => {
    const {dir} = corpus()
    // Every cache folder a file: storing any entry throws, and each worker dies on its document.
    const cache = join(dir, 'out', '.cache')
    mkdirSync(cache, {recursive: true})
    for (let byte = 0; byte < 256; byte++) writeFileSync(join(cache, byte.toString(16).padStart(2, '0')), '')
    const first = await run(dir, ['--jobs', '2', '--json'])
    expect(first.code).toBe(1)
    const summary = JSON.parse(first.stdout) as {processed: number; cached: number; errors: unknown[]}
    expect(summary).toMatchObject({processed: 5, cached: 0})
    expect(summary.errors).toHaveLength(5)
    // Not taken for cached; `--verbose` shows what the dead worker left, without processing the document here.
    const second = await run(dir, ['--jobs', '2', '--verbose'])
    expect(second.code).toBe(1)
    expect(second.stderr.match(/Cannot process file: /g)).toHaveLength(5)
  })

  test('should make the corpus-wide outputs again once documents whose worker died are processed', async () => {
    const {dir} = corpus()
    const cache = join(dir, 'out', '.cache')
    mkdirSync(cache, {recursive: true})
    const blocks = Array.from({length: 256}, (_, byte) => join(cache, byte.toString(16).padStart(2, '0')))
    for (const block of blocks) writeFileSync(block, '')
    expect((await run(dir, ['--jobs', '2', '--quiet'])).code).toBe(1)
    for (const block of blocks) rmSync(block)
    // Same files, same keys: the documents left out last time are in the outputs now.
    expect((await run(dir, ['--jobs', '2', '--quiet'])).code).toBe(0)
    expect((await run(dir, ['--quiet', '--no-cache', '--out', 'fresh'])).code).toBe(0)
    expect(snapshot(join(dir, 'out'))).toEqual(snapshot(join(dir, 'fresh')))
  })

  test('should exit 2 on a bad --jobs value', async () => {
    const {dir} = corpus()
    expect((await run(dir, ['--jobs', 'zero'])).code).toBe(2)
  })
})

describe('context', () => {
  const job = (id: string, value: string) => ({id, file: id + '.txt', bytes: new TextEncoder().encode(value), digest: id, error: null, meta: null, sidecarError: null})
  const clean = readFileSync(join(root, seeds['004']), 'utf8')
  const damaged = readFileSync(join(root, seeds['002']), 'utf8')
  // Over 4 MB together: the second does not fit beside the first.
  const jobs = [job('a', clean.repeat(Math.ceil(2_200_000 / clean.length))), job('b', damaged), job('c', clean.repeat(Math.ceil(2_100_000 / clean.length))), job('d', clean), job('e', damaged)]

  test('should judge documents only until the texts the repair model learns from are gathered', () => {
    const built = buildContext({jobs, reference: null})
    expect(built.context.repairTexts).toEqual([new TextDecoder().decode(jobs[0]!.bytes)])
    expect([...built.damaged]).toEqual(['b'])
    // `d` would fit, but the texts are the clean documents in corpus order up to the first that does not.
    expect([...built.unknown]).toEqual(['d', 'e'])
    expect([...built.verdicts]).toEqual([['a', false], ['b', true], ['c', false]])
  })

  test('should take what earlier runs found of the documents past them', () => {
    const built = buildContext({jobs, reference: null, verdicts: new Map([['e', true], ['d', false]])})
    expect([...built.damaged]).toEqual(['b', 'e'])
    expect([...built.unknown]).toEqual([])
    expect(built.verdicts.get('d')).toBe(false)
  })
})

describe('bad input', () => {
  /** Run over a corpus of the five seeds plus one bad file; return what happened to it. */
  async function withBad(name: string, make: (path: string) => void) {
    const {dir, corpus: folder} = corpus()
    make(join(folder, name))
    const result = await run(dir, ['--jobs', '1'])
    const errors = JSON.parse(readFileSync(join(dir, 'out', 'errors.json'), 'utf8')) as Array<{file: string; messages: Array<{reason: string; line: number | null}>}>
    const documents = readdirSync(join(dir, 'out', 'documents'))
    return {result, errors, documents}
  }

  test.each([
    ['empty.txt', (path: string) => writeFileSync(path, ''), 'Unexpected empty file'],
    ['scan.pdf', (path: string) => writeFileSync(path, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'Unexpected binary file (PDF document)'],
    ['photo.png', (path: string) => writeFileSync(path, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), 'Unexpected binary file (PNG image)'],
    ['broken.txt', (path: string) => writeFileSync(path, new Uint8Array([0x41, 0x42, 0xff, 0xfe, 0x41])), 'Unexpected invalid UTF-8 at byte 2'],
    ['huge.txt', (path: string) => writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 'a')), 'Unexpected file of 50.0 MB, expected at most 16 MB']
  ])('should report %s and finish the batch', async (name, make, reason) => {
    const {result, errors, documents} = await withBad(name, make)
    expect(result.code).toBe(1)
    expect(errors).toEqual([{file: 'corpus/' + name, messages: [expect.objectContaining({reason: expect.stringContaining(reason)})]}])
    expect(result.stderr).toContain('corpus/' + name + ':1:1: error ' + reason)
    expect(documents).toHaveLength(5)
  })

  test('should read UTF-16 with and without a BOM', async () => {
    const text = 'I. MỤC TIÊU\n\n- Tỉnh ủy Hà Tĩnh ban hành chương trình.\n'
    const le = Buffer.from(text, 'utf16le')
    const {result, documents} = await withBad('utf16.txt', (path) => writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), le])))
    expect(result.code).toBe(0)
    expect(documents).toContain('utf16.json')
    const bare = await withBad('utf16-bare.txt', (path) => writeFileSync(path, le))
    expect(bare.result.code).toBe(0)
    expect(bare.result.stderr).toContain('corpus/utf16-bare.txt:1:1: warning Unexpected UTF-16 without a byte-order mark')
  })

  test('should name a legacy Vietnamese encoding', async () => {
    // "Đảng bộ tỉnh" in VNI-Windows, read as Windows-1252 bytes.
    const vni = Buffer.from('Ñaûng boä tænh laõnh ñaïo, chæ ñaïo vieäc thöïc hieän nghò quyeát cuûa Ñaûng.\n'.repeat(5), 'latin1')
    const {errors} = await withBad('vni.txt', (path) => writeFileSync(path, vni))
    expect(errors[0]?.messages[0]?.reason).toMatch(/VNI/)
  })

  test('should survive 10,000 nested list levels and a 1 MB line', async () => {
    for (const nested of ['- '.repeat(10_000) + 'mức cuối\n', '>'.repeat(10_000) + ' trích\n', Array.from({length: 10_000}, (_, line) => '- '.repeat((line % 40) + 1) + 'mức ' + line).join('\n')]) {
      const deep = await withBad('deep.md', (path) => writeFileSync(path, nested))
      expect(deep.documents).toHaveLength(6)
      expect(deep.result.stderr).toMatch(/corpus\/deep\.md:1:1: warning Unexpected Markdown nesting \d+ levels deep/)
    }
    const long = await withBad('long.txt', (path) => writeFileSync(path, 'Đảng bộ tỉnh '.repeat(80_000)))
    expect(long.documents).toHaveLength(6)
  })

  test('should report an unreadable file and a symlink loop without hanging', async () => {
    const {dir, corpus: folder} = corpus()
    mkdirSync(join(folder, 'loop'))
    symlinkSync('..', join(folder, 'loop', 'again'))
    writeFileSync(join(folder, 'secret.txt'), 'Tỉnh ủy')
    chmodSync(join(folder, 'secret.txt'), 0o000)
    writeFileSync(join(folder, 'Bình Thuận bản mới.md'), readFileSync(join(root, seeds['001'])))
    const result = await run(dir, ['--jobs', '2'])
    const documents = readdirSync(join(dir, 'out', 'documents'))
    expect(documents).toContain('binh-thuan-ban-moi.json')
    // root reads files whatever their mode; anyone else gets a clear error.
    if (process.getuid?.() !== 0) expect(result.stderr).toContain('corpus/secret.txt:1:1: error Cannot read file')
    rmSync(dir, {recursive: true, force: true})
  })
})

describe('cache entries', () => {
  /** Every file under a folder, by inode. */
  function inodes(folder: string): Map<number, string> {
    const found = new Map<number, string>()
    for (const name of readdirSync(folder, {recursive: true, encoding: 'utf8'})) {
      const stats = statSync(join(folder, name))
      if (stats.isFile()) found.set(stats.ino, name)
    }
    return found
  }

  test('should keep a document output and its cache entry as one file, and process again a document whose output was changed in place', async () => {
    const {dir, corpus: folder} = corpus()
    const id = 'bac-kan.nq-4-tu.chat-luong-to-chuc-dang'
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    const out = join(dir, 'out')
    const cached = inodes(join(out, '.cache'))
    for (const name of ['documents/' + id + '.json', 'repairs/lam-dong.ctr-28-nq-tw.ocr.json', 'repairs/lam-dong.ctr-28-nq-tw.ocr.txt']) {
      const stats = statSync(join(out, name))
      expect(stats.nlink, name).toBe(2)
      expect(cached.get(stats.ino), name).toMatch(/\.(?:document\.json|repair\.json|repair\.txt)$/)
    }

    // Edited in place, the output changes its cache entry too (one file).
    const edited = '{"meta": {"province": null}}\n'
    writeFileSync(join(out, 'documents', id + '.json'), edited)
    const store = openStore({path: decisionsPath(folder)})
    const draft = {document: id, kind: 'meta' as const, target: 'province', context: null, old: null, value: 'Quảng Trị', author: 'Lê Hoa', comment: null}
    expect(store.record(draft, draft.old).ok).toBe(true)
    store.close()
    // The decision needs the whole result: the changed entry is not it.
    expect(JSON.parse((await run(dir, ['--json'])).stdout)).toMatchObject({processed: 0, cached: 5})
    const decided = snapshot(out)
    expect(JSON.parse(decided['documents/' + id + '.json']!)).toMatchObject({id, meta: {province: 'Quảng Trị'}, root: {kind: 'root'}})
    expect(JSON.parse(decided['orphans.json']!)).toEqual([])
    // The entry was made again, whole, for the next run.
    const changed = [...inodes(join(out, '.cache')).values()].filter((name) => readFileSync(join(out, '.cache', name), 'utf8') === edited)
    expect(changed).toEqual([])
    expect((await run(dir, ['--quiet', '--no-cache'])).code).toBe(0)
    expect(snapshot(out)).toEqual(decided)
    rmSync(dir, {recursive: true, force: true})
  })

  test('should process again a document whose entry is malformed', async () => {
    const {dir, corpus: folder} = corpus()
    const id = 'ha-tinh.ctr-28-nq-tw'
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    const cache = join(dir, 'out', '.cache')
    for (const name of inodes(cache).values()) if (name.endsWith('.rest.json')) writeFileSync(join(cache, name), '{"result": null}')
    const store = openStore({path: decisionsPath(folder)})
    const draft = {document: id, kind: 'meta' as const, target: 'province', context: null, old: 'Hà Tĩnh', value: 'Quảng Trị', author: 'Lê Hoa', comment: null}
    expect(store.record(draft, draft.old).ok).toBe(true)
    store.close()
    expect((await run(dir, ['--quiet'])).code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'out', 'documents', id + '.json'), 'utf8'))).toMatchObject({id, meta: {province: 'Quảng Trị'}})
    rmSync(dir, {recursive: true, force: true})
  })

  // /dev/shm is another file system than the temporary folder on most Linux machines.
  const shm = '/dev/shm'
  const elsewhere = existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev
  test.runIf(elsewhere)('should copy outputs into a cache on another file system', async () => {
    const {dir} = corpus()
    expect((await run(dir, ['--out', 'here', '--quiet'])).code).toBe(0)
    const cache = mkdtempSync(join(shm, 'doichieu-cache-'))
    mkdirSync(join(dir, 'there'))
    symlinkSync(cache, join(dir, 'there', '.cache'))
    expect((await run(dir, ['--out', 'there', '--quiet'])).code).toBe(0)
    const there = snapshot(join(dir, 'there'))
    expect(there).toEqual(snapshot(join(dir, 'here')))
    expect(statSync(join(dir, 'there', 'documents', 'ha-tinh.ctr-28-nq-tw.json')).nlink).toBe(1)
    // The copies are whole entries: missing outputs come back from them.
    rmSync(join(dir, 'there', 'documents'), {recursive: true})
    expect(JSON.parse((await run(dir, ['--out', 'there', '--json'])).stdout)).toMatchObject({processed: 0, cached: 5})
    expect(snapshot(join(dir, 'there'))).toEqual(there)
    rmSync(cache, {recursive: true, force: true})
    rmSync(dir, {recursive: true, force: true})
  })
})

describe('atomic outputs', () => {
  test('should leave the previous outputs readable when a run is killed midway', async () => {
    const {dir, corpus: folder} = corpus()
    expect((await run(dir, ['--jobs', '1', '--quiet'])).code).toBe(0)
    const before = snapshot(join(dir, 'out'))
    // The killed runs have something new to write: this document, the matrix, the tables.
    writeFileSync(join(folder, 'ha-tinh.ctr-28-nq-tw.md'), readFileSync(join(folder, 'ha-tinh.ctr-28-nq-tw.md'), 'utf8').replace('Hằng năm', 'Hằng quý'))
    const {spawn} = await import('node:child_process')
    for (const delay of [300, 900, 1500]) {
      // `--no-cache` makes the run redo and rewrite everything it gets to before the kill.
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/bin.ts'), 'run', '--jobs', '1', '--quiet', '--no-cache'], {cwd: dir, stdio: 'ignore'})
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await new Promise((resolve) => setTimeout(resolve, delay))
      child.kill('SIGKILL')
      await exited
      const after = snapshot(join(dir, 'out'))
      // Every output is whole, the old version or the new one, never half of one;
      // a temporary file a kill leaves behind is a dot file beside it.
      const names = Object.keys(after).filter((name) => !name.split('/').at(-1)!.startsWith('.'))
      expect(names.sort()).toEqual(Object.keys(before).sort())
      for (const name of names) {
        if (name.endsWith('.json')) expect(() => JSON.parse(after[name]!), name).not.toThrow()
        else expect(after[name]!.endsWith('\n') || after[name]!.endsWith('</html>') || after[name] === before[name], name).toBe(true)
      }
    }
    // The next run that completes clears what the killed ones left.
    expect((await run(dir, ['--jobs', '1', '--quiet'])).code).toBe(0)
    expect(readdirSync(join(dir, 'out'), {recursive: true, encoding: 'utf8'}).filter((name) => name.endsWith('.tmp'))).toEqual([])
    rmSync(dir, {recursive: true, force: true})
  }, 240_000)

  test('should remove the temporary files of processes that are gone, and keep those of a process still running', async () => {
    const {dir} = corpus()
    expect((await run(dir, ['--jobs', '1', '--quiet'])).code).toBe(0)
    const {spawnSync} = await import('node:child_process')
    const gone = spawnSync(process.execPath, ['-e', '']).pid!
    const out = join(dir, 'out')
    const entries = readdirSync(join(out, '.cache')).find((name) => /^[\da-f]{2}$/.test(name))!
    const left = [join(out, '.gap-matrix.json.' + gone + '.0.3.tmp'), join(out, '.cache', '.index.json.' + gone + '.0.7.tmp'), join(out, '.cache', entries, '.x.json.' + gone + '.1.12.tmp')]
    const going = [join(out, '.report.html.' + process.pid + '.0.5.tmp'), join(out, '.cache', entries, '.y.json.' + process.pid + '.2.9.tmp')]
    // Not a temporary file, though a dot file ending in `.tmp`.
    const other = join(out, '.notes.tmp')
    for (const path of [...left, ...going, other]) writeFileSync(path, 'half')
    expect((await run(dir, ['--jobs', '1', '--quiet'])).code).toBe(0)
    const exists = (path: string): boolean => readdirSync(join(path, '..')).includes(path.split('/').at(-1)!)
    expect(left.filter(exists)).toEqual([])
    expect([...going, other].filter(exists)).toEqual([...going, other])
    rmSync(dir, {recursive: true, force: true})
  })
})
