/**
 * The review core without a browser: decision records, the store (two
 * writers at once, a save killed half-way), applying decisions (orphans,
 * idempotence), export and import.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import {fc, test as prop} from '@fast-check/vitest'
import {describe, expect, test} from 'vitest'
import {VFile} from 'vfile'
import {buildMatrix, parseReference} from '../src/align/index.js'
import {execute} from '../src/cli/index.js'
import {processFile} from '../src/pipeline/index.js'
import {
  applyDecisions,
  correctRepair,
  DecisionError,
  decisionsPath,
  formatOrphans,
  latestBySlot,
  loadDecisions,
  openStore,
  parseDecision,
  parseDraft,
  parseExport,
  toExport,
  type Decision,
  type DecisionDraft,
  type RepairRecord,
  type ReviewDocument,
  type ReviewNode
} from '../src/review/index.js'

const source = join(import.meta.dirname, '..', 'src', 'review', 'index.ts')

/** A fresh folder. */
function folder(): string {
  return mkdtempSync(join(tmpdir(), 'doichieu-review-'))
}

/** A node. */
function node(id: string, text: string, fields: Partial<ReviewNode> = {}, children: ReviewNode[] = []): ReviewNode {
  return {id, kind: 'bullet', num: '-', heading: null, text, line: 1, children, ...fields}
}

/** A small aligned program. */
function program(): ReviewDocument {
  return {
    id: 'tinh-a',
    file: 'corpus/tinh-a.txt',
    meta: {province: null, date: '2023-03-15', title: 'CHƯƠNG TRÌNH HÀNH ĐỘNG'},
    root: node('root', '', {kind: 'root'}, [
      node('part_II', '', {kind: 'part', heading: 'NHIỆM VỤ, GIẢI PHÁP'}, [
        node('part_II__bullet_1', 'Đẩy mạnh công tác tuyên truyền trên báo chí, bảo vệ nền tảng tư tưởng của Đảng', {group: 'G2', score: 0.61}),
        node('part_II__bullet_2', 'Sắp xếp tổ chức bộ máy tinh gọn, tinh giản biên chế gắn với vị trí việc làm', {group: 'G2', score: 0.32}),
        node('part_II__bullet_3', 'Giám sát phải mở rộng, kiểm tra phải có trọng tâm, trọng điểm', {group: null, score: 0.04}),
        node('part_II__para_1', 'Các cấp ủy quán triệt Chương trình này')
      ])
    ])
  }
}

/** A repair of a two-line OCR text. */
function repairs(): RepairRecord {
  // Source: "Pang uy tinh\nchirc nang ciia Pang"
  return {
    id: 'tinh-b',
    text: 'Đảng ủy tỉnh\nchức năng của Đảng',
    changes: [
      {line: 1, column: 1, source: 'Pang', repair: 'Đảng', confidence: 0.97, alternatives: [], low: false},
      {line: 2, column: 1, source: 'chirc', repair: 'chức', confidence: 0.9, alternatives: [], low: false},
      {line: 2, column: 12, source: 'ciia', repair: 'của', confidence: 0.4, alternatives: [{value: 'cửa', confidence: 0.35}], low: true},
      {line: 2, column: 17, source: 'Pang', repair: 'Đảng', confidence: 0.95, alternatives: [], low: false}
    ]
  }
}

/** A decision. */
function decision(fields: Partial<Decision> & Pick<Decision, 'id' | 'kind' | 'target'>): Decision {
  return {document: 'tinh-a', context: null, old: null, value: null, author: 'An', at: '2025-01-01T00:00:00.000Z', comment: null, ...fields}
}

/** Run a Node child with the TypeScript sources. */
function child(code: string): {done: Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>; kill: () => void; onLine: (wanted: string) => Promise<void>} {
  const process_ = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  const waiters: Array<{wanted: string; resolve: () => void}> = []
  process_.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    for (const waiter of waiters.splice(0)) {
      if (stdout.includes(waiter.wanted)) waiter.resolve()
      else waiters.push(waiter)
    }
  })
  process_.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return {
    done: new Promise((resolve) => process_.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))),
    kill: () => process_.kill('SIGKILL'),
    onLine: (wanted) => new Promise<void>((resolve) => (stdout.includes(wanted) ? resolve() : waiters.push({wanted, resolve})))
  }
}

describe('decision records', () => {
  test('should accept a reassignment, a confirmation, a word and a metadata correction', () => {
    expect(parseDraft({document: 'tinh-a', kind: 'group', target: 'part_II__bullet_2', old: 'G2', value: 'G3', author: ' An ', comment: ''})).toEqual({
      document: 'tinh-a', kind: 'group', target: 'part_II__bullet_2', old: 'G2', value: 'G3', author: 'An', comment: null
    })
    expect(parseDraft({document: 'tinh-a', kind: 'confirm', target: 'x', old: 'G2', value: 'G2', author: 'An'}).kind).toBe('confirm')
    expect(parseDraft({document: 'tinh-b', kind: 'word', target: '2:12', old: 'của', value: 'cửa', author: 'An'}).value).toBe('cửa')
    expect(parseDraft({document: 'tinh-a', kind: 'meta', target: 'province', old: null, value: 'Thử Nghiệm', author: 'An'}).value).toBe('Thử Nghiệm')
  })

  test('should normalise words and names to NFC', () => {
    const draft = parseDraft({document: 'tinh-b', kind: 'word', target: '1:1', old: 'Dang', value: 'Đa\u0309ng', author: 'Ho\u0300a'})
    expect(draft.value).toBe('\u0110\u1EA3ng')
    expect(draft.author).toBe('H\u00F2a')
  })

  test('should refuse malformed drafts with a clear message in both languages', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /expected a decision object/],
      [{document: '../etc', kind: 'group', target: 'x', old: null, value: 'G1', author: 'An'}, /Unexpected document id/],
      [{document: 'a', kind: 'delete', target: 'x', author: 'An'}, /Unexpected kind `delete`/],
      [{document: 'a', kind: 'group', target: 'x', old: 'G1', value: 'G1', author: 'An'}, /same group/],
      [{document: 'a', kind: 'confirm', target: 'x', old: 'G1', value: 'G2', author: 'An'}, /value` equal to `old`/],
      [{document: 'a', kind: 'group', target: 'x', old: null, value: '<b>', author: 'An'}, /Unexpected group `<b>`/],
      [{document: 'a', kind: 'group', target: 'x y', old: null, value: 'G1', author: 'An'}, /Unexpected node id/],
      [{document: 'a', kind: 'word', target: '0:1', old: 'a', value: 'b', author: 'An'}, /line:column/],
      [{document: 'a', kind: 'word', target: '1:1', old: 'a', value: 'b\nc', author: 'An'}, /one line/],
      [{document: 'a', kind: 'meta', target: 'date', old: null, value: '2023-02-30', author: 'An'}, /real date/],
      [{document: 'a', kind: 'meta', target: 'signer', old: null, value: 'X', author: 'An'}, /expected one of province, date/],
      [{document: 'a', kind: 'meta', target: 'province', old: null, value: 'X', author: '   '}, /editor name/],
      [{document: 'a', kind: 'meta', target: 'province', old: null, value: 'X', author: 'An', extra: 1}, /Unexpected field `extra`/],
      [{document: 'a', kind: 'meta', target: 'province', old: null, value: 'X', author: 'An', comment: 'x'.repeat(2001)}, /at most 2000/]
    ]
    for (const [input, message] of cases) {
      let error: unknown
      try {
        parseDraft(input)
      } catch (caught) {
        error = caught
      }
      expect(error, JSON.stringify(input)).toBeInstanceOf(DecisionError)
      expect((error as DecisionError).message).toMatch(message)
      expect((error as DecisionError).vi.length).toBeGreaterThan(0)
    }
  })

  test('should take the latest decision per target, a confirmation replacing a reassignment', () => {
    const decisions = [
      decision({id: 'b', kind: 'group', target: 'n1', old: 'G1', value: 'G2', at: '2025-01-01T00:00:01.000Z'}),
      decision({id: 'a', kind: 'confirm', target: 'n1', old: 'G2', value: 'G2', at: '2025-01-01T00:00:02.000Z'}),
      decision({id: 'c', kind: 'group', target: 'n2', old: 'G1', value: 'G3'})
    ]
    const latest = latestBySlot(decisions)
    expect([...latest.values()].map((item) => item.id).sort()).toEqual(['a', 'c'])
  })
})

describe('decisions database', () => {
  test('should keep history and refuse to edit or delete it', () => {
    const path = decisionsPath(folder())
    const store = openStore({path})
    const draft: DecisionDraft = {document: 'tinh-a', kind: 'group', target: 'n1', context: 'x', old: 'G1', value: 'G2', author: 'An', comment: null}
    const first = store.record(draft, 'G1')
    expect(first.ok).toBe(true)
    const second = store.record({...draft, old: 'G2', value: 'G3'}, 'G1')
    expect(second.ok).toBe(true)
    expect(store.all().map((item) => item.value)).toEqual(['G2', 'G3'])
    store.close()
    const db = new Database(path)
    expect(() => db.prepare('UPDATE decisions SET value = ?').run('G9')).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM decisions').run()).toThrow(/append-only/)
    expect(db.pragma('journal_mode', {simple: true})).toBe('wal')
    db.close()
  })

  test('should tell the second of two editors who saw the same value instead of overwriting', () => {
    const store = openStore({path: decisionsPath(folder())})
    const draft: DecisionDraft = {document: 'tinh-a', kind: 'group', target: 'n1', context: null, old: 'G1', value: 'G2', author: 'An', comment: null}
    expect(store.record(draft, 'G1').ok).toBe(true)
    const late = store.record({...draft, value: 'G4', author: 'Bình'}, 'G1')
    expect(late).toMatchObject({ok: false, current: 'G2', latest: {author: 'An', value: 'G2'}})
    expect(store.all()).toHaveLength(1)
    store.close()
  })

  test('should order decisions on one target even when the clock repeats', () => {
    const fixed = new Date('2025-01-01T00:00:00.000Z')
    const store = openStore({path: decisionsPath(folder()), now: () => fixed})
    const draft: DecisionDraft = {document: 'tinh-a', kind: 'group', target: 'n1', context: null, old: 'G1', value: 'G2', author: 'An', comment: null}
    store.record(draft, 'G1')
    store.record({...draft, old: 'G2', value: 'G3'}, 'G1')
    const all = store.all()
    expect(all.map((item) => item.at)).toEqual(['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.001Z'])
    expect(latestBySlot(all).values().next().value?.value).toBe('G3')
    store.close()
  })

  test('should lose nothing when two processes write at once', async () => {
    const path = decisionsPath(folder())
    openStore({path}).close()
    // Each writer records 150 decisions of its own and takes 60 turns on one
    // shared item, re-reading the current value after each conflict.
    const writer = (name: string): string => `
      import {openStore} from ${JSON.stringify(source)}
      const store = openStore({path: ${JSON.stringify(path)}})
      let conflicts = 0
      for (let i = 0; i < 150; i++) {
        const result = store.record({document: 'tinh-a', kind: 'group', target: '${name}_' + i, context: null, old: null, value: 'G1', author: '${name}', comment: null}, null)
        if (!result.ok) throw new Error('unexpected conflict on an item of my own')
        if (i % 10 === 0) {
          const shared = store.forDocument('tinh-a').filter((d) => d.target === 'shared')
          for (let turn = 0; turn < 6; turn++) {
            const latest = store.forDocument('tinh-a').filter((d) => d.target === 'shared').at(-1)
            const old = latest ? latest.value : 'G1'
            const value = old === 'G1' ? 'G2' : 'G1'
            const result = store.record({document: 'tinh-a', kind: 'group', target: 'shared', context: null, old, value, author: '${name}', comment: null}, 'G1')
            if (!result.ok) conflicts++
          }
        }
      }
      store.close()
      console.log('conflicts ' + conflicts)
    `
    const a = child(writer('a'))
    const b = child(writer('b'))
    const [ra, rb] = await Promise.all([a.done, b.done])
    expect(ra.stderr + rb.stderr).toBe('')
    expect([ra.code, rb.code]).toEqual([0, 0])
    const store = openStore({path})
    const all = store.all()
    expect(all.filter((item) => item.target.startsWith('a_'))).toHaveLength(150)
    expect(all.filter((item) => item.target.startsWith('b_'))).toHaveLength(150)
    // On the shared item, every decision starts from the value the previous one left: no update was lost.
    const shared = all.filter((item) => item.target === 'shared')
    expect(shared.length).toBeGreaterThan(60)
    let current: string | null = 'G1'
    for (const item of shared) {
      expect(item.old).toBe(current)
      current = item.value
    }
    expect(new Set(shared.map((item) => item.author))).toEqual(new Set(['a', 'b']))
    store.close()
  })

  test('should open consistent after a process is killed in the middle of a save', async () => {
    const path = decisionsPath(folder())
    const store = openStore({path})
    store.record({document: 'tinh-a', kind: 'group', target: 'kept', context: null, old: null, value: 'G1', author: 'An', comment: null}, null)
    store.close()
    // The child imports 500 decisions in one transaction and stops for good after 200 of them.
    const killed = child(`
      import {openStore} from ${JSON.stringify(source)}
      const store = openStore({path: ${JSON.stringify(path)}})
      function* decisions() {
        for (let i = 0; i < 500; i++) {
          if (i === 200) {
            process.stdout.write('mid-transaction\\n')
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
          }
          yield {id: 'imported-' + i, document: 'tinh-a', kind: 'group', target: 'n' + i, context: 'x'.repeat(2000).slice(0, 900), old: null, value: 'G2', author: 'Bình', at: '2025-02-01T00:00:00.000Z', comment: null}
        }
      }
      store.importDecisions(decisions())
    `)
    await killed.onLine('mid-transaction')
    killed.kill()
    const result = await killed.done
    expect(result.signal).toBe('SIGKILL')
    const db = new Database(path)
    expect(db.pragma('integrity_check', {simple: true})).toBe('ok')
    db.close()
    const reopened = openStore({path})
    expect(reopened.all().map((item) => item.target)).toEqual(['kept'])
    expect(reopened.record({document: 'tinh-a', kind: 'group', target: 'after', context: null, old: null, value: 'G3', author: 'An', comment: null}, null).ok).toBe(true)
    reopened.close()
  })

  test('should read nothing and create nothing when no one has reviewed the corpus', async () => {
    const corpus = folder()
    expect(await loadDecisions({corpus})).toEqual([])
    expect(() => readFileSync(decisionsPath(corpus))).toThrow()
  })
})

describe('applyDecisions', () => {
  const decisions: Decision[] = [
    decision({id: 'd1', kind: 'group', target: 'part_II__bullet_2', context: 'Sắp xếp tổ chức bộ máy tinh gọn, tinh giản biên chế gắn với vị trí việc làm', old: 'G2', value: 'G3'}),
    decision({id: 'd2', kind: 'confirm', target: 'part_II__bullet_1', context: 'Đẩy mạnh công tác tuyên truyền trên báo chí, bảo vệ nền tảng tư tưởng của Đảng', old: 'G2', value: 'G2'}),
    decision({id: 'd3', kind: 'group', target: 'part_II__para_1', context: 'Các cấp ủy quán triệt Chương trình này', old: null, value: null}),
    decision({id: 'd4', kind: 'meta', target: 'province', old: null, value: 'Thử Nghiệm'}),
    decision({id: 'd5', kind: 'word', document: 'tinh-b', target: '2:12', context: 'ciia', old: 'của', value: 'cửa'})
  ]
  const documents = [program(), {id: 'tinh-b', file: 'corpus/tinh-b.ocr.txt', meta: {province: 'B', date: null}, root: node('root', '', {kind: 'root'})}]

  test('should set groups, metadata and words, keeping the machine values beside them', () => {
    const input = structuredClone(documents)
    const result = applyDecisions({documents: input, repairs: [repairs()], decisions, groups: ['G1', 'G2', 'G3', 'G4', 'G5', 'G6']})
    expect(input).toEqual(documents)
    expect(result.orphans).toEqual([])
    expect(result.applied.map((item) => item.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5'])
    const [tree] = result.documents
    const bullets = tree!.root!.children[0]!.children
    expect(bullets[1]).toMatchObject({group: 'G3', score: 0.32, review: {action: 'reassigned', machine: 'G2', aligned: true, decision: {id: 'd1', author: 'An'}}})
    expect(bullets[0]).toMatchObject({group: 'G2', review: {action: 'confirmed', machine: 'G2'}})
    expect(bullets[3]).toMatchObject({group: null, review: {action: 'not-task', machine: null, aligned: false}})
    expect(tree!.meta!.province).toBe('Thử Nghiệm')
    expect(tree!.review).toMatchObject({applied: 4, meta: {province: {machine: null, decision: {id: 'd4'}}}})
    expect(result.repairs[0]!.text).toBe('Đảng ủy tỉnh\nchức năng cửa Đảng')
    expect(result.repairs[0]!.changes[2]).toMatchObject({repair: 'cửa', confidence: 1, low: false, review: {machine: 'của', confidence: 0.4, low: true}})
  })

  test('should give the same result when applied again, and restore the machine when decisions go', () => {
    const once = applyDecisions({documents, repairs: [repairs()], decisions})
    const twice = applyDecisions({documents: once.documents, repairs: once.repairs, decisions})
    expect(twice.documents).toEqual(once.documents)
    expect(twice.repairs).toEqual(once.repairs)
    const none = applyDecisions({documents: once.documents, repairs: once.repairs, decisions: []})
    expect(none.documents).toEqual(documents)
    expect(none.repairs).toEqual([repairs()])
  })

  test('should report decisions whose document, node, text or group is gone, never drop them', () => {
    const orphans = [
      decision({id: 'o1', document: 'renamed', kind: 'group', target: 'part_II__bullet_1', value: 'G1'}),
      decision({id: 'o2', kind: 'group', target: 'part_IV__bullet_9', value: 'G1'}),
      decision({id: 'o3', kind: 'group', target: 'part_II__bullet_3', context: 'Một nội dung hoàn toàn khác về chuyển đổi số và cơ sở dữ liệu', value: 'G6'}),
      decision({id: 'o4', kind: 'group', target: 'part_II__bullet_3', document: 'tinh-a', context: 'Giám sát phải mở rộng, kiểm tra phải có trọng tâm, trọng điểm', value: 'G9', at: '2025-01-02T00:00:00.000Z'}),
      decision({id: 'o5', document: 'tinh-b', kind: 'word', target: '9:1', context: 'Pang', value: 'Đảng'}),
      decision({id: 'o6', document: 'tinh-b', kind: 'word', target: '1:1', context: 'Bang', value: 'Bảng'}),
      decision({id: 'o7', document: 'tinh-a', kind: 'word', target: '1:1', context: 'x', value: 'y'})
    ]
    const result = applyDecisions({documents, repairs: [repairs()], decisions: orphans, groups: ['G1', 'G2', 'G3', 'G4', 'G5', 'G6']})
    expect(result.applied).toEqual([])
    expect(result.orphans.map((orphan) => [orphan.decision.id, orphan.reason])).toEqual([
      ['o1', 'document'],
      ['o2', 'node'],
      ['o5', 'word'],
      ['o6', 'changed'],
      ['o7', 'word'],
      ['o4', 'group']
    ])
    expect(result.orphans[0]!.message).toMatch(/Unexpected decision on document `renamed`/)
    expect(formatOrphans(result.orphans.slice(0, 1), 'corpus/.doichieu/decisions.sqlite')).toBe(
      'corpus/.doichieu/decisions.sqlite: warning Unexpected decision on document `renamed`, expected a document of this run with that id (renamed, removed, or failed) (decision o1, group by An at 2025-01-01T00:00:00.000Z) [review-orphan]\n'
    )
    expect(result.documents).toEqual(documents)
  })

  test('should keep a decision whose item was only re-repaired or re-accented', () => {
    const changed = program()
    changed.root!.children[0]!.children[1]!.text = 'Sap xep to chuc bo may tinh gon, tinh gian bien che gan voi vi tri viec lam'
    const result = applyDecisions({documents: [changed], decisions: [decisions[0]!]})
    expect(result.orphans).toEqual([])
    expect(result.documents[0]!.root!.children[0]!.children[1]!.group).toBe('G3')
  })

  test('should correct the repaired text before segmentation with correctRepair', () => {
    const result = correctRepair({repair: repairs(), decisions})
    expect(result.applied.map((item) => item.id)).toEqual(['d5'])
    expect(result.repair.text).toBe('Đảng ủy tỉnh\nchức năng cửa Đảng')
  })

  prop.prop([fc.array(fc.record({line: fc.constantFrom(1, 2), index: fc.nat(3), word: fc.stringMatching(/^[a-zà-ỹđ]{1,6}$/)}), {maxLength: 6})])(
    'should keep the repaired text in step with its changes for any corrections',
    (edits) => {
      const base = repairs()
      const targets = base.changes.map((change) => change.line + ':' + change.column)
      const list = edits.map((edit, index) =>
        decision({id: 'p' + index, document: 'tinh-b', kind: 'word', target: targets[edit.index]!, context: null, value: edit.word, at: '2025-01-01T00:00:0' + index + '.000Z'})
      )
      const once = applyDecisions({documents: [], repairs: [base], decisions: list})
      const record = once.repairs[0]!
      // Rebuild the source from the repaired text: it must give the source back.
      const lines = record.text!.split('\n')
      const rebuilt = lines.map((line, index) => {
        const on = record.changes.filter((change) => change.line === index + 1).sort((a, b) => b.column - a.column)
        let text = line
        for (const change of on) {
          let shift = 0
          for (const other of record.changes) if (other.line === change.line && other.column < change.column) shift += other.repair.length - other.source.length
          const start = change.column - 1 + shift
          expect(text.slice(start, start + change.repair.length)).toBe(change.repair)
          text = text.slice(0, start) + change.source + text.slice(start + change.repair.length)
        }
        return text
      })
      expect(rebuilt.join('\n')).toBe('Pang ủy tỉnh\nchirc năng ciia Pang')
      expect(applyDecisions({documents: [], repairs: once.repairs, decisions: []}).repairs).toEqual([base])
    }
  )
})

describe('applyDecisions before the matrix', () => {
  const path = 'fixtures/review/corpus/thu-nghiem.ctr-28-nq-tw.txt'
  const root = join(import.meta.dirname, '..')

  /** The fixture program, processed and aligned as `doichieu run` does, in the shape `buildMatrix` takes. */
  function aligned() {
    const reference = parseReference({value: readFileSync(join(root, 'corpus/reference/28-nq-tw.md'), 'utf8'), path: 'corpus/reference/28-nq-tw.md'})
    const file = new VFile({path, value: readFileSync(join(root, path))})
    file.data.id = 'thu-nghiem'
    processFile({file, reference})
    const document = {id: 'thu-nghiem', file: path, meta: file.data.meta!, tree: file.data.tree!, alignment: file.data.alignment!, extract: file.data.extract ?? null}
    return {reference, document}
  }

  test('should move items between groups of the gap matrix, and leave the machine’s alignment alone', () => {
    const {reference, document} = aligned()
    const groupOf = (id: string) => document.alignment.nodes.find((node) => node.node === id)?.group
    expect([groupOf('part_II__group_2__bullet_1'), groupOf('part_II__group_4__bullet_1'), groupOf('part_I__bullet_1')]).toEqual(['G2', 'G4', undefined])
    const context = (id: string) => {
      const stack = [document.tree]
      while (stack.length > 0) {
        const node = stack.pop()!
        if (node.id === id) return node.text
        stack.push(...node.children)
      }
      throw new Error(id)
    }
    const decisions = [
      decision({id: 'm1', document: 'thu-nghiem', kind: 'group', target: 'part_II__group_2__bullet_1', context: context('part_II__group_2__bullet_1'), old: 'G2', value: 'G5'}),
      decision({id: 'm2', document: 'thu-nghiem', kind: 'group', target: 'part_II__group_4__bullet_1', context: context('part_II__group_4__bullet_1'), old: 'G4', value: null}),
      decision({id: 'm3', document: 'thu-nghiem', kind: 'group', target: 'part_I__bullet_1', context: context('part_I__bullet_1'), old: null, value: 'G1'}),
      decision({id: 'm4', document: 'thu-nghiem', kind: 'meta', target: 'province', old: null, value: 'Thử Nghiệm'})
    ]
    const input = structuredClone(document)
    const result = applyDecisions({documents: [document], decisions, groups: reference.groups.map((group) => group.id)})
    expect(result.orphans).toEqual([])
    expect(document).toEqual(input)
    const before = buildMatrix({reference, documents: [document]}).rows[0]!
    const after = buildMatrix({reference, documents: result.documents}).rows[0]!
    const items = (row: typeof before, group: string) => row.cells[group]!.counts.items
    expect(items(after, 'G2')).toBe(items(before, 'G2') - 1)
    expect(items(after, 'G5')).toBe(items(before, 'G5') + 1)
    expect(items(after, 'G4')).toBe(items(before, 'G4') - 1)
    expect(items(after, 'G1')).toBe(items(before, 'G1') + 1)
    expect(after.province).toBe('Thử Nghiệm')
    const added = result.documents[0]!.alignment.nodes.find((node) => node.node === 'part_I__bullet_1')
    expect(added).toMatchObject({group: 'G1', scope: 'task', review: {action: 'reassigned', aligned: false}})
    // A second call in another shape applies what it is told to, and reports nothing twice.
    const words = [...decisions, decision({id: 'm5', document: 'thu-nghiem', kind: 'word', target: '1:1', old: 'x', value: 'y'})]
    expect(applyDecisions({documents: [document], decisions: words, kinds: ['group', 'confirm', 'meta']}).orphans).toEqual([])
    // Applying nothing to the result gives the machine's alignment back.
    expect(applyDecisions({documents: result.documents, decisions: []}).documents[0]).toEqual(document)
  })
})

describe('export and import', () => {
  test('should round-trip decisions through JSON and import twice without duplicates', async () => {
    const dir = folder()
    const first = join(dir, 'first')
    const second = join(dir, 'second')
    const store = openStore({path: decisionsPath(first)})
    store.record({document: 'tinh-a', kind: 'group', target: 'n1', context: 'Đẩy mạnh <script>', old: 'G1', value: 'G2', author: 'An', comment: 'vì “tuyên truyền”'}, 'G1')
    store.record({document: 'tinh-a', kind: 'meta', target: 'date', context: null, old: null, value: '2023-03-15', author: 'Bình', comment: null}, null)
    store.close()
    const io = {stdout: {write: (chunk: string) => out.push(chunk)}, stderr: {write: (chunk: string) => err.push(chunk)}, cwd: dir}
    const out: string[] = []
    const err: string[] = []
    expect(await execute(['decisions', 'export', '--corpus', 'first', '--out', 'decisions.json'], io)).toBe(0)
    const exported = readFileSync(join(dir, 'decisions.json'), 'utf8')
    expect(JSON.parse(exported)).toMatchObject({format: 'doichieu-decisions', version: 1})
    expect(await execute(['decisions', 'import', 'decisions.json', '--corpus', 'second'], io)).toBe(0)
    expect(await execute(['decisions', 'import', 'decisions.json', '--corpus', 'second'], io)).toBe(0)
    expect(out.join('')).toContain('imported 2 decisions, 0 already present')
    expect(out.join('')).toContain('imported 0 decisions, 2 already present')
    expect(existsSync(decisionsPath(second))).toBe(true)
    out.length = 0
    expect(await execute(['decisions', 'export', '--corpus', 'second'], io)).toBe(0)
    expect(out.join('')).toBe(exported)
    expect(err.join('')).toBe('')
  })

  test('should refuse a malformed file or a changed decision and import nothing', async () => {
    const dir = folder()
    const good = toExport([decision({id: 'x1', kind: 'group', target: 'n1', old: 'G1', value: 'G2'})])
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good))
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({...good, decisions: [good.decisions[0], {...good.decisions[0], id: 'x2', at: 'yesterday'}]}))
    writeFileSync(join(dir, 'changed.json'), JSON.stringify({...good, decisions: [{...good.decisions[0], id: 'x3'}, {...good.decisions[0], value: 'G5'}]}))
    const err: string[] = []
    const io = {stdout: {write: () => true}, stderr: {write: (chunk: string) => err.push(chunk)}, cwd: dir}
    expect(await execute(['decisions', 'import', 'bad.json', '--corpus', '.'], io)).toBe(1)
    expect(err.join('')).toContain('bad.json: error decisions[1]: Unexpected time `yesterday`')
    expect(await execute(['decisions', 'import', 'good.json', '--corpus', '.'], io)).toBe(0)
    expect(await execute(['decisions', 'import', 'changed.json', '--corpus', '.'], io)).toBe(1)
    expect(err.join('')).toContain('Unexpected decision `x1` with other content')
    expect((await loadDecisions({corpus: dir})).map((item) => item.id)).toEqual(['x1'])
    expect(await execute(['decisions', 'frobnicate'], io)).toBe(2)
    expect(() => parseExport('[]')).toThrow(/expected an object/)
    expect(() => parseDecision({...good.decisions[0], id: 'a b'})).toThrow(/Unexpected id/)
  })
})
