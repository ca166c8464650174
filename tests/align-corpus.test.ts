/**
 * The bundled corpus end to end: the three programs are rows with all six
 * groups and evidence a reader agrees with; the two related documents are not
 * rows; the result does not depend on document order.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {expect, test} from 'vitest'
import {annotate, assembleMatrix, matrixPart, type AlignedNode, type DocumentAlignment} from '../src/align/index.js'
import {gapMatrixJson} from '../src/report/index.js'
import {align, load, names, reference} from '../fixtures/align/corpus.js'

const framework = reference()
const documents = [load(names.haTinh), load(names.binhThuan), load(names.lamDong), load(names.bacKan), load(names.haTinhCadres)]
const {matrix, alignments} = align(framework, documents)

function labels(name: string): Record<string, {group: string | null; also: Array<string | null>}> {
  const path = fileURLToPath(new URL('../fixtures/align/labels/' + name + '.json', import.meta.url))
  return (JSON.parse(readFileSync(path, 'utf8')) as {labels: Record<string, {group: string | null; also: Array<string | null>}>}).labels
}

test('should make the three programs rows, each with all six groups', () => {
  expect(matrix.rows.map((row) => row.province)).toEqual(['Bình Thuận', 'Hà Tĩnh', 'Lâm Đồng'])
  for (const row of matrix.rows) {
    expect(Object.keys(row.cells)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6'])
    for (const [group, cell] of Object.entries(row.cells)) {
      expect(cell.status, row.id + ' ' + group).not.toBe('missing')
      expect(cell.counts.items, row.id + ' ' + group).toBeGreaterThanOrEqual(3)
    }
  }
})

test('should list the two related documents apart, with a reason', () => {
  expect(matrix.related.map((document) => document.file)).toEqual(['corpus/' + names.bacKan, 'corpus/' + names.haTinhCadres])
  for (const document of matrix.related) {
    expect(document.kind).toBe('nghị quyết')
    expect(document.reason).toMatch(/^does not cite 28-NQ\/TW; \d of 6 groups have a section of their own/)
  }
})

test('should give each cell evidence a reader agrees with: its strongest items are labelled with its group', () => {
  const files: Record<string, string> = {'ha-tinh.ctr-28-nq-tw': 'ha-tinh', 'binh-thuan.ctr-28-nq-tw': 'binh-thuan', 'lam-dong.ctr-28-nq-tw.ocr': 'lam-dong'}
  for (const row of matrix.rows) {
    const truth = labels(files[row.id] ?? '')
    for (const [group, cell] of Object.entries(row.cells)) {
      const top = cell.evidence.filter((each) => each.scope !== 'target').slice(0, 3)
      expect(top.length).toBe(3)
      for (const each of top) {
        const label = truth[each.node]
        expect(label?.group === group || label?.also.includes(group), row.id + ' ' + group + ' ' + each.node).toBe(true)
        expect(each.excerpt.length).toBeGreaterThan(20)
        expect(each.terms.length + each.phrases.length).toBeGreaterThan(0)
      }
    }
  }
})

test('should show the vocabulary of the group in the evidence of the clean programs', () => {
  const words: Record<string, RegExp> = {G1: /ban hành|văn bản|hội đồng nhân dân|mặt trận|tư pháp|chủ trương/, G2: /tuyên truyền|dân vận|tư tưởng/, G3: /cán bộ|bộ máy|biên chế|tổ chức/, G4: /kiểm tra|giám sát/, G5: /nêu gương|gương mẫu|phê bình/, G6: /cải cách hành chính|lề lối|quy chế làm việc|thông tin|chuyển đổi số|hội nghị/}
  for (const row of matrix.rows.filter((each) => each.province !== 'Lâm Đồng')) {
    for (const [group, cell] of Object.entries(row.cells)) {
      const said = cell.evidence.slice(0, 3).flatMap((each) => [...each.terms, ...each.phrases]).join(' | ').toLowerCase()
      expect(said, row.id + ' ' + group).toMatch(words[group] ?? /./)
    }
  }
})

test('should align each section of the tasks parts to its own group', () => {
  for (const alignment of alignments.slice(0, 3)) {
    expect(alignment.implements).toBe(true)
    expect(alignment.sections.map((section) => section.group)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6'])
  }
})

test('should count assignments and deadlines from extraction', () => {
  const binhThuan = matrix.rows.find((row) => row.province === 'Bình Thuận')
  const total = Object.values(binhThuan?.cells ?? {}).reduce((sum, cell) => sum + cell.counts.assignmentsWithDeadline, 0)
  // Bình Thuận gives its agencies deadlines: most of its tasks carry one.
  expect(total).toBeGreaterThan(30)
  for (const cell of Object.values(binhThuan?.cells ?? {})) expect(cell.counts.assignmentsWithDeadline).toBeLessThanOrEqual(cell.counts.assignments)
})

test('should give the same matrix whatever the order of the documents', () => {
  const reversed = align(framework, [...documents].reverse())
  expect(JSON.stringify(gapMatrixJson(reversed.matrix))).toBe(JSON.stringify(gapMatrixJson(matrix)))
})

test('should put the alignment on the nodes of the tree for out/documents', () => {
  const tree = annotate(documents[0]?.tree ?? documents[1]!.tree, alignments[0]!)
  const found: AlignedNode[] = []
  const walk = (node: AlignedNode): void => {
    if (node.id === 'part_III__group_4__bullet_3' || node.id === 'part_III__group_4') found.push(node)
    for (const child of node.children) walk(child)
  }
  walk(tree)
  expect(found.map((node) => [node.id, node.group])).toEqual([
    ['part_III__group_4', 'G4'],
    ['part_III__group_4__bullet_3', 'G4']
  ])
  const item = found[1]
  expect(item?.score).toBeGreaterThan(0)
  expect(item?.runnerUp?.group).not.toBe('G4')
  expect(item?.evidence?.phrases).toContain('từ sớm, từ xa')
  // The input tree is not changed.
  expect('group' in (documents[0]?.tree.children[0] ?? {})).toBe(false)
})

test('should give the same matrix from parts made one document at a time, in any order', () => {
  const parts = documents.map((document, index) =>
    matrixPart({reference: framework, document: {file: document.file, id: document.id, meta: document.meta, tree: document.tree, extract: document.extract, alignment: alignments[index] as DocumentAlignment}})
  )
  // Parts travel as JSON between threads and through the cache.
  const copies = JSON.parse(JSON.stringify(parts.reverse())) as typeof parts
  expect(gapMatrixJson(assembleMatrix({reference: framework, parts: copies}))).toEqual(gapMatrixJson(matrix))
})
