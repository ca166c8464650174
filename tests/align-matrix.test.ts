/**
 * The gap matrix's rules on hand-made alignments, the targets table, and the
 * text formats (JSON, CSV, Markdown, terminal).
 */
import {expect, test} from 'vitest'
import {buildMatrix, parseReference, type DocumentAlignment, type ExtractLike, type NodeAlignment} from '../src/align/index.js'
import {hasDeadline} from '../src/align/lib/matrix.js'
import {gapMatrixColumns, gapMatrixCsv, gapMatrixJson, gapMatrixMarkdown, gapMatrixTable} from '../src/report/index.js'
import type {DocNode, Meta, NodeKind} from '../src/types.js'

const framework = parseReference({
  value: [
    '# Khung thử nghiệm',
    '- code: 1-NQ/TW',
    '## G1. Nhóm một',
    '### G1.1. Một một',
    '- phrases: a',
    '### G1.2. Một hai',
    '- phrases: b',
    '## G2. Nhóm hai',
    '### G2.1. Hai một',
    '- phrases: c',
    '## G3. Nhóm ba',
    '### G3.1. Ba một',
    '- phrases: d',
    '## G4. Nhóm bốn',
    '### G4.1. Bốn một',
    '- phrases: e',
    '### G4.2. Bốn hai',
    '- phrases: f',
    ''
  ].join('\n')
})

function node(id: string, kind: NodeKind, text: string, line: number, children: DocNode[] = []): DocNode {
  const point = {line, column: 1, offset: 0}
  return {kind, id, num: null, numValue: null, heading: null, text, role: null, line, column: 1, position: {start: point, end: point}, children}
}

function aligned(id: string, line: number, scope: NodeAlignment['scope'], group: string | null, subpoints: string[], score = 0.5): NodeAlignment {
  return {node: id, line, scope, group, score, runnerUp: {group: null, score: 0.1}, evidence: {terms: ['từ khóa'], phrases: [], section: null}, subpoints}
}

const meta = (province: string): Meta => ({kind: 'chương trình hành động', issuer: null, province, date: null, signer: null, title: 'Chương trình ' + province, implements: ['1-NQ/TW']})

/** A program: G1 fully done with a dated assignment; G2 only an agency's task; G3 done but no deadline; G4 one sub-point short. */
const tree = node('root', 'root', '', 1, [
  node('t1', 'bullet', 'Nhiệm vụ một về a và b.', 10),
  node('t3', 'bullet', 'Nhiệm vụ ba về d.', 11),
  node('t4', 'bullet', 'Nhiệm vụ bốn về e.', 12),
  node('a1', 'bullet', 'Cơ quan A làm a (năm 2024).', 20),
  node('a2', 'bullet', 'Cơ quan B làm c.', 21),
  node('a3', 'bullet', 'Cơ quan C làm d.', 22),
  node('o1', 'bullet', 'Đến năm 2025, 100% cơ quan hoàn thành xây dựng vị trí việc làm.', 5)
])
const alignment: DocumentAlignment = {
  reference: framework.id,
  implements: true,
  reason: 'cites 1-NQ/TW',
  cites: true,
  sectionGroups: ['G1', 'G3', 'G4'],
  sections: [],
  nodes: [
    aligned('o1', 5, 'target', 'G3', ['G3.1']),
    aligned('t1', 10, 'task', 'G1', ['G1.1', 'G1.2'], 0.7),
    aligned('t3', 11, 'task', 'G3', ['G3.1']),
    aligned('t4', 12, 'task', 'G4', ['G4.1']),
    aligned('a1', 20, 'assignment', 'G1', ['G1.1'], 0.4),
    aligned('a2', 21, 'assignment', 'G2', ['G2.1']),
    aligned('a3', 22, 'assignment', 'G3', [])
  ]
}
const extraction: ExtractLike = {
  targets: [{node: 'o1', line: 5, sentence: 'Đến năm 2025, 100% cơ quan hoàn thành xây dựng vị trí việc làm.', timeFrame: {year: 2025}}],
  assignments: [
    {node: 'a1', line: 20, agency: 'Cơ quan A', deadline: {text: 'năm 2024', kinds: ['by']}},
    {node: 'a1', line: 20, agency: 'Cơ quan D', deadline: {text: 'năm 2024', kinds: ['by']}},
    {node: 'a2', line: 21, agency: 'Cơ quan B', deadline: {text: null, kinds: []}},
    {node: 'a3', line: 22, agency: 'Cơ quan C', deadline: null}
  ]
}

/** A second program that shares the job-position target, and one related document. */
const other = node('root', 'root', '', 1, [node('o1', 'bullet', 'Phấn đấu đến năm 2025, thực hiện xong việc xây dựng vị trí việc làm trong từng cơ quan.', 7), node('o2', 'bullet', 'Hằng năm 100% chi bộ sinh hoạt chuyên đề.', 8)])
const otherAlignment: DocumentAlignment = {...alignment, nodes: [aligned('o1', 7, 'target', 'G3', ['G3.1']), aligned('o2', 8, 'target', 'G2', [])]}
const otherExtract: ExtractLike = {
  targets: [
    {node: 'o1', line: 7, sentence: 'Phấn đấu đến năm 2025, thực hiện xong việc xây dựng vị trí việc làm trong từng cơ quan.', timeFrame: null},
    {node: 'o2', line: 8, sentence: 'Hằng năm 100% chi bộ sinh hoạt chuyên đề.', timeFrame: {year: null}}
  ],
  assignments: []
}
const related: DocumentAlignment = {...alignment, implements: false, reason: 'does not cite 1-NQ/TW', nodes: []}

const matrix = buildMatrix({
  reference: framework,
  documents: [
    {file: 'b.md', id: 'b', meta: meta('Tỉnh B'), tree: other, alignment: otherAlignment, extract: otherExtract},
    {file: 'c.txt', id: 'c', meta: {...meta(''), kind: 'nghị quyết', title: 'Nghị quyết khác', province: null}, tree: node('root', 'root', '', 1), alignment: related, extract: null},
    {file: 'a.md', id: 'a', meta: meta('Tỉnh A'), tree, alignment, extract: extraction}
  ]
})
const row = matrix.rows[0]

test('should sort rows by file and keep related documents apart', () => {
  expect(matrix.rows.map((each) => each.id)).toEqual(['a', 'b'])
  expect(matrix.related).toEqual([{file: 'c.txt', id: 'c', title: 'Nghị quyết khác', kind: 'nghị quyết', reason: 'does not cite 1-NQ/TW'}])
  expect(matrix.reference).toEqual({
    id: '1-nq-tw',
    title: 'Khung thử nghiệm',
    code: '1-NQ/TW',
    groups: [
      {id: 'G1', title: 'Nhóm một', subpoints: [{id: 'G1.1', name: 'Một một'}, {id: 'G1.2', name: 'Một hai'}]},
      {id: 'G2', title: 'Nhóm hai', subpoints: [{id: 'G2.1', name: 'Hai một'}]},
      {id: 'G3', title: 'Nhóm ba', subpoints: [{id: 'G3.1', name: 'Ba một'}]},
      {id: 'G4', title: 'Nhóm bốn', subpoints: [{id: 'G4.1', name: 'Bốn một'}, {id: 'G4.2', name: 'Bốn hai'}]}
    ]
  })
})

test('should mark covered a group with its sub-points and a task given to an agency with a deadline', () => {
  expect(row?.cells.G1).toMatchObject({status: 'covered', coverage: 1, counts: {items: 2, targets: 0, assignments: 1, assignmentsWithDeadline: 1}, subpoints: {covered: ['G1.1', 'G1.2'], missing: []}})
  expect(row?.cells.G1?.reasons).toEqual(['1 task of the tasks part align to G1'])
  expect(row?.cells.G1?.evidence.map((each) => [each.node, each.score, each.excerpt])).toEqual([
    ['t1', 0.7, 'Nhiệm vụ một về a và b.'],
    ['a1', 0.4, 'Cơ quan A làm a (năm 2024).']
  ])
})

test('should mark missing a group only agencies touch, and say so', () => {
  expect(row?.cells.G2?.status).toBe('missing')
  expect(row?.cells.G2?.reasons).toEqual(['no task of the tasks part aligns to G2', '1 agency task touch it, but the program sets out no task of its own for it'])
  expect(row?.cells.G2?.counts).toEqual({items: 1, targets: 0, assignments: 1, assignmentsWithDeadline: 0})
})

test('should mark partial a group with no task given to an agency with a deadline', () => {
  expect(row?.cells.G3?.status).toBe('partial')
  expect(row?.cells.G3?.reasons).toContain('no task of G3 has both an assigned agency and a deadline')
  expect(row?.cells.G3?.counts).toEqual({items: 2, targets: 1, assignments: 1, assignmentsWithDeadline: 0})
})

test('should mark partial a group with a sub-point not covered, and name it', () => {
  expect(row?.cells.G4?.status).toBe('partial')
  expect(row?.cells.G4?.coverage).toBe(0.5)
  expect(row?.cells.G4?.subpoints).toEqual({covered: ['G4.1'], missing: ['G4.2']})
  expect(row?.cells.G4?.reasons).toContain('1 of 2 sub-points not covered: G4.2')
})

test('should not check agencies and deadlines without extraction', () => {
  const plain = buildMatrix({reference: framework, documents: [{file: 'a.md', id: 'a', meta: meta('Tỉnh A'), tree, alignment}]})
  expect(plain.rows[0]?.cells.G1?.status).toBe('covered')
  expect(plain.rows[0]?.cells.G1?.reasons).toContain('no extraction given: agencies and deadlines not checked')
  expect(plain.rows[0]?.cells.G3?.counts.targets).toBe(0)
  expect(plain.sharedTargets).toEqual([])
})

test('should put side by side the targets two documents set on one subject', () => {
  expect(matrix.sharedTargets).toHaveLength(1)
  const shared = matrix.sharedTargets[0]
  expect(shared?.group).toBe('G3')
  expect(shared?.subject).toContain('vị trí việc làm')
  expect(shared?.entries.map((entry) => [entry.id, entry.province, entry.year, entry.node])).toEqual([
    ['a', 'Tỉnh A', 2025, 'o1'],
    ['b', 'Tỉnh B', 2025, 'o1']
  ])
})

test('should read a deadline in the forms extraction may give it', () => {
  expect(hasDeadline(null)).toBe(false)
  expect(hasDeadline(undefined)).toBe(false)
  expect(hasDeadline('')).toBe(false)
  expect(hasDeadline('nhiệm vụ thường xuyên')).toBe(true)
  expect(hasDeadline({text: null, kinds: []})).toBe(false)
  expect(hasDeadline({text: 'từ năm 2023', kinds: ['from']})).toBe(true)
  expect(hasDeadline({text: 'năm 2024'})).toBe(true)
})

test('should refuse an alignment against another framework', () => {
  expect(() => buildMatrix({reference: framework, documents: [{file: 'a.md', id: 'a', meta: null, tree, alignment: {...alignment, reference: 'other'}}]})).toThrow(/expected `1-nq-tw`/)
})

test('should write the matrix as JSON with a fixed key order', () => {
  const json = gapMatrixJson(matrix)
  expect(Object.keys(json)).toEqual(['reference', 'rows', 'related', 'sharedTargets'])
  expect(Object.keys(json.rows[0]?.cells ?? {})).toEqual(['G1', 'G2', 'G3', 'G4'])
  expect(Object.keys(json.rows[0]?.cells.G1 ?? {})).toEqual(['status', 'coverage', 'reasons', 'counts', 'subpoints', 'evidence'])
  expect(JSON.stringify(gapMatrixJson(json))).toBe(JSON.stringify(json))
})

test('should write one CSV line per document and group, with a byte order mark', () => {
  const csv = gapMatrixCsv(matrix)
  expect(csv.startsWith('\uFEFF' + gapMatrixColumns.join(',') + '\r\n')).toBe(true)
  const lines = csv.slice(1).split('\r\n').filter(Boolean)
  expect(lines).toHaveLength(1 + 2 * 4)
  expect(lines[1]).toBe('a.md,a,Tỉnh A,G1,Nhóm một,covered,1,2,0,1,1,G1.1 G1.2,,t1:10 a1:20,1 task of the tasks part align to G1')
  expect(lines[2]).toBe('a.md,a,Tỉnh A,G2,Nhóm hai,missing,1,1,0,1,0,G2.1,,a2:21,"no task of the tasks part aligns to G2; 1 agency task touch it, but the program sets out no task of its own for it"')
})

test('should write the matrix, the gaps by name and the shared targets as Markdown', () => {
  const markdown = gapMatrixMarkdown(matrix)
  expect(markdown).toContain('| Document | G1 | G2 | G3 | G4 |')
  expect(markdown).toContain('| Tỉnh A (`a`) | ● covered 2/2 (2) | ○ missing 1/1 (1) | ◐ partial 1/1 (2) | ◐ partial 1/2 (1) |')
  expect(markdown).toContain('  - not covered: G4.2 Bốn hai')
  expect(markdown).toContain('| `c.txt` | nghị quyết | does not cite 1-NQ/TW |')
  expect(markdown).toMatch(/\| Tỉnh A \| 2025 \| Đến năm 2025, 100% cơ quan hoàn thành xây dựng vị trí việc làm\. \| 5 \|/)
})

test('should print the matrix as a terminal table with aligned columns', () => {
  const table = gapMatrixTable(matrix)
  const lines = table.trimEnd().split('\n')
  expect(lines[0]).toMatch(/^Document +G1 +G2 +G3 +G4$/)
  expect(lines[2]).toBe('Tỉnh A    ● covered 2/2  ○ missing 1/1  ◐ partial 1/1  ◐ partial 1/2')
  expect(lines.at(-1)).toBe('related: c.txt — does not cite 1-NQ/TW')
  expect(gapMatrixTable(matrix, {color: true})).toContain('\u001B[31m○ missing 1/1')
})
