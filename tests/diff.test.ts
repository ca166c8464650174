import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {type Change, compareWords, diff, type DiffResult, type RecordsInput} from '../src/diff/index.js'
import {extract} from '../src/extract/index.js'
import {diffJson} from '../src/report/index.js'
import type {DocNode} from '../src/types.js'
import {processSeed, processValue, root, seeds} from './helpers/corpus.js'
import {toPlain} from './helpers/plain.js'

const fixtures = join(root, 'fixtures', 'diff')

/**
 * Diff two processed files, with their extracted records, as the CLI does.
 *
 * @param left
 *   Old file's path and contents.
 * @param right
 *   New file's path and contents.
 * @returns
 *   Diff.
 */
function diffValues(left: [string, string | Uint8Array], right: [string, string | Uint8Array]): DiffResult {
  const side = ([path, value]: [string, string | Uint8Array]) => {
    const file = processValue(path, value)
    const root = tree(file.data.tree)
    const meta = file.data.meta ?? null
    return {tree: root, meta, file: path, records: extract({tree: root, meta, file})}
  }
  return diff({old: side(left), new: side(right)})
}

/**
 * A tree that must be there.
 *
 * @param value
 *   Tree or undefined.
 * @returns
 *   Tree.
 */
function tree(value: DocNode | undefined): DocNode {
  if (!value) throw new Error('Expected a tree')
  return value
}

/**
 * Id of the node a change's side stands for, when that side is a node.
 *
 * @param place
 *   One side of a change.
 * @returns
 *   Node id, or undefined.
 */
function placeId(place: Change['old']): string | undefined {
  return place && 'id' in place ? place.id : undefined
}

/**
 * Node holding a change's side, when that side is a record.
 *
 * @param place
 *   One side of a change.
 * @returns
 *   Node id, or null.
 */
function placeNode(place: Change['old']): string | null {
  return place && 'node' in place ? place.node : null
}

// Each case's expected.json is the diff of its two documents with the records
// `extract` reads, reviewed by hand. Coverage is left out here: it depends on
// alignment's tuning, and `diff-report.test.ts` checks it through the CLI.
describe('diff fixtures', () => {
  const cases = readdirSync(fixtures).sort()

  test('should cover every case the issue names', () => {
    expect(cases).toEqual(['assignment-deadline', 'assignment-removed', 'group-added-removed', 'moved-item', 'renumbered-groups', 'reworded-item', 'target-changed'])
  })

  for (const name of cases) {
    test('should match `' + name + '/expected.json`', () => {
      const read = (file: string): [string, Uint8Array] => [file, readFileSync(join(fixtures, name, file))]
      const result = diffValues(read('old.md'), read('new.md'))
      const expected: unknown = JSON.parse(readFileSync(join(fixtures, name, 'expected.json'), 'utf8'))
      expect(JSON.parse(JSON.stringify(diffJson(result)))).toEqual(expected)
    })
  }
})

describe('diff structure', () => {
  const read = (name: string, file: string): [string, Uint8Array] => [file, readFileSync(join(fixtures, name, file))]

  test('should report a renumbered group as renumbered, not as removed and added', () => {
    const result = diffValues(read('renumbered-groups', 'old.md'), read('renumbered-groups', 'new.md'))
    expect(result.changes.map((change) => change.kind)).toEqual(['renumbered', 'renumbered'])
    expect(result.changes.map((change) => [placeId(change.old), placeId(change.new)])).toEqual([
      ['part_III__group_3', 'part_III__group_2'],
      ['part_III__group_2', 'part_III__group_3']
    ])
  })

  test('should report a moved item with its old and new parent', () => {
    const result = diffValues(read('moved-item', 'old.md'), read('moved-item', 'new.md'))
    const [change] = result.changes
    expect(result.changes).toHaveLength(1)
    if (change?.kind !== 'moved') throw new Error('Expected a move')
    expect(change.reordered).toBe(false)
    expect(change.old.parent?.id).toBe('part_III__group_3')
    expect(change.new.parent?.id).toBe('part_III__group_4')
  })

  test('should fold a removed group and its children into one change', () => {
    const result = diffValues(read('assignment-removed', 'old.md'), read('assignment-removed', 'new.md'))
    expect(result.changes.map((change) => change.kind)).toEqual(['removed', 'assignment-removed'])
    expect(result.changes[0]).toMatchObject({kind: 'removed', old: {id: 'part_IV__group_3', num: '3.'}, nodes: 2})
  })

  test('should report reordered bullets under one parent as moved within it', () => {
    const value = '## I. NHIỆM VỤ\n\n- Thứ nhất là tăng cường lãnh đạo.\n\n- Thứ hai là đổi mới phương thức.\n\n- Thứ ba là kiểm tra giám sát.\n'
    const swapped = '## I. NHIỆM VỤ\n\n- Thứ ba là kiểm tra giám sát.\n\n- Thứ nhất là tăng cường lãnh đạo.\n\n- Thứ hai là đổi mới phương thức.\n'
    const result = diffValues(['old.md', value], ['new.md', swapped])
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({kind: 'moved', reordered: true, old: {id: 'part_I__bullet_3'}, new: {id: 'part_I__bullet_1'}})
  })

  test('should not report a child renumbered only because its parent was', () => {
    const value = '## I. NHIỆM VỤ\n\n### 1. Công tác tuyên truyền\n\n#### 1.1. Đổi mới nội dung tuyên truyền\n\n### 2. Công tác tổ chức cán bộ\n\n#### 2.1. Sắp xếp tổ chức bộ máy\n'
    const swapped = '## I. NHIỆM VỤ\n\n### 1. Công tác tổ chức cán bộ\n\n#### 1.1. Sắp xếp tổ chức bộ máy\n\n### 2. Công tác tuyên truyền\n\n#### 2.1. Đổi mới nội dung tuyên truyền\n'
    const result = diffValues(['old.md', value], ['new.md', swapped])
    expect(result.changes.map((change) => [change.kind, placeId(change.old)])).toEqual([
      ['renumbered', 'part_I__group_2'],
      ['renumbered', 'part_I__group_1']
    ])
  })

  test('should keep document ids and lines of both sides', () => {
    const result = diffValues(read('reworded-item', 'old.md'), read('reworded-item', 'new.md'))
    expect(result.changes[0]).toMatchObject({kind: 'edited', old: {id: 'part_III__group_2__bullet_1', line: 29}, new: {id: 'part_III__group_2__bullet_1', line: 29}})
  })

  test('should list matched node pairs in old order', () => {
    const result = diffValues(read('moved-item', 'old.md'), read('moved-item', 'new.md'))
    expect(result.matches).toHaveLength(result.old.nodes)
    expect(result.matches.find((pair) => pair.old === 'part_III__group_3__bullet_2')).toEqual({old: 'part_III__group_3__bullet_2', new: 'part_III__group_4__bullet_2', similarity: 1})
  })
})

describe('diff on the corpus', () => {
  for (const name of Object.values(seeds)) {
    test('should report no change between `' + name + '` and itself', () => {
      const a = processSeed(name)
      const b = processSeed(name)
      const result = diff({old: {tree: tree(a.data.tree)}, new: {tree: tree(b.data.tree)}})
      expect(result.changes).toEqual([])
      expect(result.summary.identical).toBe(true)
      expect(result.summary.matched).toBe(result.old.nodes)
    })
  }

  for (const name of [seeds['000'], seeds['001']]) {
    test('should report no change of content between `' + name + '` and its plain-text rendering', () => {
      const markdown = readFileSync(join(root, name), 'utf8')
      const plain = toPlain(markdown)
      // The rendering really is different text: no marks, lines of at most 80.
      expect(plain).not.toContain('**')
      expect(Math.max(...plain.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80)
      const result = diffValues([name, markdown], [name.replace(/\.md$/, '.txt'), plain])
      expect(result.changes.filter((change) => change.kind === 'edited' || change.kind === 'added' || change.kind === 'removed')).toEqual([])
      expect(result.summary.identical).toBe(true)
    })
  }

  test('should match the six task groups of Hà Tĩnh to the six sub-items of Bình Thuận', () => {
    const a = processSeed(seeds['000'])
    const b = processSeed(seeds['001'])
    const result = diff({old: {tree: tree(a.data.tree)}, new: {tree: tree(b.data.tree)}})
    const partners = new Map(result.matches.map((pair) => [pair.old, pair.new]))
    expect([1, 2, 3, 4, 5, 6].map((n) => partners.get('part_III__group_' + n))).toEqual([1, 2, 3, 4, 5, 6].map((n) => 'part_III__group_1__item_1-' + n))
    // Agency blocks are found under their other numbering.
    expect(partners.get('part_IV__group_1')).toBe('part_III__group_2__item_2-3')
    expect(partners.get('part_IV__group_2')).toBe('part_III__group_2__item_2-4')
  })

  test('should be deterministic', () => {
    const a = processSeed(seeds['000'])
    const b = processSeed(seeds['001'])
    const once = JSON.stringify(diffJson(diff({old: {tree: tree(a.data.tree)}, new: {tree: tree(b.data.tree)}})))
    const twice = JSON.stringify(diffJson(diff({old: {tree: tree(a.data.tree)}, new: {tree: tree(b.data.tree)}})))
    expect(twice).toBe(once)
  })
})

describe('compareWords', () => {
  test('should keep Vietnamese syllables whole', () => {
    expect(compareWords('đạt 90% vào năm 2025.', 'đạt 100% vào năm 2026.')).toEqual([
      {op: 'equal', value: 'đạt '},
      {op: 'delete', value: '90'},
      {op: 'insert', value: '100'},
      {op: 'equal', value: '% vào năm '},
      {op: 'delete', value: '2025'},
      {op: 'insert', value: '2026'},
      {op: 'equal', value: '.'}
    ])
    // `ườ` and `ương` differ in one letter; the change is still the whole syllable.
    expect(compareWords('công tác tuyên truyền', 'công tác tuyên truyện')).toEqual([
      {op: 'equal', value: 'công tác tuyên '},
      {op: 'delete', value: 'truyền'},
      {op: 'insert', value: 'truyện'}
    ])
  })

  test('should treat tone placement and Unicode form as the same word', () => {
    expect(compareWords('Tỉnh uỷ hoà bình', 'Tỉnh ủy hòa bình')).toEqual([{op: 'equal', value: 'Tỉnh ủy hòa bình'}])
    expect(compareWords('Tỉnh ủy'.normalize('NFD'), 'Tỉnh ủy')).toEqual([{op: 'equal', value: 'Tỉnh ủy'}])
  })

  test('should read a run of replaced words as one replacement', () => {
    expect(compareWords('NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU', 'Nhiệm vụ và giải pháp trọng tâm')).toEqual([
      {op: 'equal', value: 'Nhiệm vụ'},
      {op: 'delete', value: ','},
      {op: 'equal', value: ' '},
      {op: 'insert', value: 'và '},
      {op: 'equal', value: 'giải pháp '},
      {op: 'delete', value: 'CHỦ YẾU'},
      {op: 'insert', value: 'trọng tâm'}
    ])
  })

  test('should give back each side when joined', () => {
    const parts = compareWords('Tăng cường kiểm tra, giám sát tổ chức đảng.', 'Tăng cường công tác kiểm tra, giám sát đảng viên.')
    const side = (op: 'delete' | 'insert'): string =>
      parts
        .filter((part) => part.op === 'equal' || part.op === op)
        .map((part) => part.value)
        .join('')
        .replace(/\s+/g, ' ')
    expect(side('delete')).toBe('Tăng cường kiểm tra, giám sát tổ chức đảng.')
    expect(side('insert')).toBe('Tăng cường công tác kiểm tra, giám sát đảng viên.')
  })
})

describe('diff records', () => {
  const read = (file: string): [string, Uint8Array] => [file, readFileSync(join(fixtures, 'target-changed', file))]
  const a = processValue(...read('old.md'))
  const b = processValue(...read('new.md'))
  const frame = (year: number | null) => ({kind: year ? 'year' : 'recurring', year, from: null, to: null, text: year ? 'đến năm ' + year : 'hằng năm'})
  const target = (node: string, line: number, text: string, values: number[], year: number | null, subject: string) => ({
    node,
    line,
    sentence: text + ' ' + subject,
    text,
    subject,
    values,
    unit: '%',
    comparator: 'exact',
    timeFrame: frame(year)
  })
  const assignment = (node: string, agency: string, deadline: string | null) => ({
    node,
    line: 51,
    agency,
    agencyText: agency,
    role: 'lead',
    task: 'Tham mưu sửa đổi quy định',
    deadline: {text: deadline}
  })
  const left: RecordsInput = {
    targets: [target('part_II__bullet_1', 15, '100%', [100], 2025, 'cấp ủy ban hành quy chế làm việc'), target('part_II__bullet_2', 17, '90%', [90], null, 'tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ')],
    assignments: [assignment('part_IV__group_2__bullet_1', 'Ban Tổ chức Tỉnh ủy', 'thực hiện từ năm 2023'), assignment('part_IV__group_3__bullet_1', 'Ủy ban Kiểm tra Tỉnh ủy', 'nhiệm vụ thường xuyên')],
    references: [
      {node: 'title_3', line: 5, text: 'Nghị quyết số 28-NQ/TW', code: '28-NQ/TW'},
      {node: 'part_III__group_3__bullet_2', line: 37, text: 'Quy định số 96-QĐ/TW', code: '96-QĐ/TW'}
    ]
  }
  const right: RecordsInput = {
    targets: [target('part_II__bullet_1', 15, '100%', [100], 2026, 'cấp ủy ban hành quy chế làm việc'), target('part_II__bullet_2', 17, '100%', [100], null, 'tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ')],
    assignments: [assignment('part_IV__group_2__bullet_1', 'Ban Tổ chức Tỉnh ủy', 'hoàn thành trong năm 2024'), assignment('part_III__group_1__bullet_1', 'Văn phòng Tỉnh ủy', null)],
    references: [
      {node: 'title_3', line: 5, text: 'Nghị quyết số 28-NQ/TW', code: '28-NQ/TW'},
      {node: 'part_III__group_4__bullet_1', line: 41, text: 'Kết luận số 21-KL/TW', code: '21-KL/TW'}
    ]
  }
  const result = diff({old: {tree: tree(a.data.tree), records: left}, new: {tree: tree(b.data.tree), records: right}})
  const records = result.changes.filter((change) => change.kind !== 'edited')

  test('should report a target whose year or value changed', () => {
    expect(records.filter((change) => change.kind === 'target-changed')).toEqual([
      {kind: 'target-changed', fields: ['year'], old: {node: 'part_II__bullet_1', line: 15, value: '100%', year: 2025, text: '100% cấp ủy ban hành quy chế làm việc'}, new: {node: 'part_II__bullet_1', line: 15, value: '100%', year: 2026, text: '100% cấp ủy ban hành quy chế làm việc'}},
      {kind: 'target-changed', fields: ['value'], old: {node: 'part_II__bullet_2', line: 17, value: '90%', year: null, text: '90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ'}, new: {node: 'part_II__bullet_2', line: 17, value: '100%', year: null, text: '100% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ'}}
    ])
  })

  test('should report an assignment whose deadline changed, one added and one removed', () => {
    // In the new document's order; the removed one where its node still stands.
    expect(records.filter((change) => change.kind.startsWith('assignment')).map((change) => [change.kind, placeNode(change.old), placeNode(change.new)])).toEqual([
      ['assignment-added', null, 'part_III__group_1__bullet_1'],
      ['assignment-changed', 'part_IV__group_2__bullet_1', 'part_IV__group_2__bullet_1'],
      ['assignment-removed', 'part_IV__group_3__bullet_1', null]
    ])
    const changed = records.find((change) => change.kind === 'assignment-changed')
    expect(changed).toMatchObject({fields: ['deadline'], old: {deadline: 'thực hiện từ năm 2023'}, new: {deadline: 'hoàn thành trong năm 2024'}})
  })

  test('should report citations dropped and added by code', () => {
    expect(records.filter((change) => change.kind.startsWith('citation'))).toEqual([
      {kind: 'citation-removed', old: {code: '96-QĐ/TW', node: 'part_III__group_3__bullet_2', line: 37, count: 1, value: 'Quy định số 96-QĐ/TW'}, new: null},
      {kind: 'citation-added', old: null, new: {code: '21-KL/TW', node: 'part_III__group_4__bullet_1', line: 41, count: 1, value: 'Kết luận số 21-KL/TW'}}
    ])
  })

  test('should say records were compared only when both sides give them', () => {
    expect(result.summary.records).toBe(true)
    expect(diff({old: {tree: tree(a.data.tree), records: left}, new: {tree: tree(b.data.tree)}}).summary.records).toBe(false)
  })
})

describe('diff coverage', () => {
  const a = processValue('old.md', readFileSync(join(fixtures, 'group-added-removed', 'old.md')))
  const b = processValue('new.md', readFileSync(join(fixtures, 'group-added-removed', 'new.md')))
  const reference = {
    groups: [
      {id: 'G4', title: 'Kiểm tra, giám sát', subpoints: [{id: 'G4.1', name: 'Giám sát mở rộng, kiểm tra có trọng tâm'}]},
      {id: 'G5', title: 'Nêu gương', subpoints: [{id: 'G5.1', name: 'Quy định nêu gương'}, {id: 'G5.2', name: 'Tự phê bình và phê bình'}]}
    ]
  }
  const cell = (status: 'covered' | 'partial' | 'missing', covered: string[], missing: string[], evidence: Array<{node: string; line: number}>) => ({status, subpoints: {covered, missing}, evidence})
  const left = {
    cells: {G4: cell('covered', ['G4.1'], [], [{node: 'part_III__group_4__bullet_1', line: 41}]), G5: cell('missing', [], ['G5.1', 'G5.2'], [])},
    nodes: [{node: 'part_III__group_4__bullet_1', line: 41, group: 'G4', subpoints: ['G4.1']}]
  }
  const right = {
    cells: {G4: cell('missing', [], ['G4.1'], []), G5: cell('partial', ['G5.1'], ['G5.2'], [{node: 'part_III__group_4__bullet_1', line: 41}])},
    nodes: [{node: 'part_III__group_4__bullet_1', line: 41, group: 'G5', subpoints: ['G5.1']}]
  }
  const result = diff({old: {tree: tree(a.data.tree), coverage: left}, new: {tree: tree(b.data.tree), coverage: right}, reference})

  test('should report groups and sub-points gained and lost against the reference', () => {
    expect(result.summary.coverage).toBe(true)
    expect(result.changes.filter((change) => change.kind.startsWith('coverage'))).toEqual([
      {kind: 'coverage-lost', unit: 'G4', label: 'Kiểm tra, giám sát', old: {status: 'covered', nodes: ['part_III__group_4__bullet_1'], line: 41, reasons: []}, new: {status: 'missing', nodes: [], line: null, reasons: []}},
      {kind: 'coverage-lost', unit: 'G4.1', label: 'Giám sát mở rộng, kiểm tra có trọng tâm', old: {status: 'covered', nodes: ['part_III__group_4__bullet_1'], line: 41, reasons: []}, new: {status: 'missing', nodes: [], line: null, reasons: []}},
      {kind: 'coverage-gained', unit: 'G5', label: 'Nêu gương', old: {status: 'missing', nodes: [], line: null, reasons: []}, new: {status: 'partial', nodes: ['part_III__group_4__bullet_1'], line: 41, reasons: []}},
      {kind: 'coverage-gained', unit: 'G5.1', label: 'Quy định nêu gương', old: {status: 'missing', nodes: [], line: null, reasons: []}, new: {status: 'covered', nodes: ['part_III__group_4__bullet_1'], line: 41, reasons: []}}
    ])
  })

  test('should not compare coverage without the reference', () => {
    const without = diff({old: {tree: tree(a.data.tree), coverage: left}, new: {tree: tree(b.data.tree), coverage: right}})
    expect(without.summary.coverage).toBe(false)
    expect(without.changes.some((change) => change.kind.startsWith('coverage'))).toBe(false)
  })
})
