/**
 * Rules that hold for any input: extraction never throws, every record's
 * line lies inside the text and its node in the tree, output is
 * deterministic, records are well formed; citation graphs are consistent.
 */
import {fc, test} from '@fast-check/vitest'
import {expect} from 'vitest'
import {VFile} from 'vfile'
import {extract, parseDeadline, resolveCitations, type CitationDocument, type Reference} from '../src/extract/index.js'
import {splitTasks, trailingDeadline} from '../src/extract/lib/deadline.js'
import {processFile} from '../src/pipeline/index.js'
import type {DocNode, Meta} from '../src/types.js'

/** Pieces of real documents, so that random text reaches every rule. */
const pieces = [
  'I. MỤC TIÊU',
  'II. CHỈ TIÊU',
  'III. NHIỆM VỤ VÀ GIẢI PHÁP',
  'IV. TỔ CHỨC THỰC HIỆN',
  'I. ĐÁNH GIÁ TÌNH HÌNH',
  '2. Chỉ tiêu cụ thể',
  '2.4. Ban Tổ chức Tỉnh ủy',
  '2.9. Ban Cán sự đảng Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh',
  '- ',
  '+ ',
  '* ',
  '(1) ',
  '(2) ',
  '(3) ',
  '**',
  '#### ',
  'Ban Thường vụ Tỉnh uỷ ',
  'Giao ',
  'Hằng năm, ',
  'Căn cứ Nghị quyết, ',
  'chủ trì, phối hợp với ',
  'các ban của Tỉnh ủy, Văn phòng Tỉnh ủy ',
  'các cấp ủy, tổ chức đảng ',
  'tối thiểu ',
  'phấn đấu ',
  'ít nhất ',
  'không quá ',
  'từ ',
  ' trở lên',
  'tỷ lệ cán bộ nữ ',
  '100%',
  '80%',
  '8-10%',
  '10 - 12%',
  '02 - 04 tập thể',
  '01 đơn vị hành chính',
  'đến năm 2025',
  'đến đầu nhiệm kỳ 2025 - 2030',
  'giai đoạn 2021 - 2025',
  '(thực hiện từ năm 2023)',
  '(nhiệm vụ thường xuyên)',
  '(hoàn thành trong năm 2024, sau khi có văn bản chỉ đạo của Trung ương)',
  '(thực hiện từ năm 2024 - năm 2026)',
  'Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng (khóa XIII) về ',
  'Kế hoạch số 18, 19-KH/TU',
  'Nghị quyết Trung ương 4 (khóa XII)',
  'ngày 15 tháng 7 năm 2021',
  'Nơi nhận:',
  'T/M TỈNH ỦY',
  ', ',
  '; ',
  '. ',
  ': ',
  '(',
  ')',
  '%',
  '\n',
  '\n\n',
  '\t',
  '\u00a0'
]

const documents = fc
  .array(fc.oneof({weight: 4, arbitrary: fc.constantFrom(...pieces)}, {weight: 1, arbitrary: fc.string({maxLength: 6})}), {maxLength: 80})
  .map((parts) => parts.join(''))

/**
 * Ids of a tree's nodes.
 */
function ids(tree: DocNode): Set<string> {
  const found = new Set<string>()
  const walk = (node: DocNode): void => {
    found.add(node.id)
    for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}

test.prop([documents, fc.constantFrom('doc.md', 'doc.txt')], {numRuns: 150})('should never throw, and place every record inside the text and the tree', (value, path) => {
  const file = processFile({file: new VFile({path, value})})
  const tree = file.data.tree
  if (!tree) return
  const result = extract({tree, meta: file.data.meta ?? null, file})
  const lines = String(file.value).split('\n').length
  const nodes = ids(tree)
  for (const record of [...result.targets, ...result.assignments, ...result.references]) {
    expect(Number.isInteger(record.line) && record.line >= 1 && record.line <= lines).toBe(true)
    expect(nodes.has(record.node)).toBe(true)
  }
})

test.prop([documents], {numRuns: 100})('should give the same records twice', (value) => {
  const once = processFile({file: new VFile({path: 'doc.md', value})})
  const twice = processFile({file: new VFile({path: 'doc.md', value})})
  if (!once.data.tree || !twice.data.tree) return
  expect(extract({tree: once.data.tree, file: once})).toEqual(extract({tree: twice.data.tree, file: twice}))
})

test.prop([documents], {numRuns: 100})('should give well-formed records', (value) => {
  const file = processFile({file: new VFile({path: 'doc.txt', value})})
  if (!file.data.tree) return
  const result = extract({tree: file.data.tree, file})
  for (const target of result.targets) {
    expect(target.values.every((number) => Number.isFinite(number))).toBe(true)
    expect(target.comparator === 'range').toBe(target.values.length === 2)
    expect(target.kind === 'qualitative').toBe(target.values.length === 0)
    expect(target.kind === 'share').toBe(target.unit === '%')
  }
  const order = ['recurring', 'from', 'by', 'range', 'conditional']
  for (const assignment of result.assignments) {
    expect(assignment.agency.length).toBeGreaterThan(0)
    expect(assignment.task.length).toBeGreaterThan(0)
    const at = assignment.deadline.kinds.map((kind) => order.indexOf(kind))
    expect(at).toEqual([...at].sort((a, b) => a - b))
  }
})

test.prop([documents], {numRuns: 60})('should place records on node lines without a file', (value) => {
  const file = processFile({file: new VFile({path: 'doc.md', value})})
  if (!file.data.tree) return
  const result = extract({tree: file.data.tree})
  for (const record of [...result.targets, ...result.assignments, ...result.references]) {
    expect(record.line).toBeGreaterThanOrEqual(1)
  }
})

test.prop([fc.string({maxLength: 120}), fc.constantFrom(...pieces)])('should read any parenthesis as a deadline or as none', (value, piece) => {
  for (const input of [value, piece + value, value + piece]) {
    const deadline = parseDeadline(input)
    if (deadline) {
      expect(deadline.kinds.length).toBeGreaterThan(0)
      expect(deadline.text).toBe(input.trim())
    }
  }
})

test.prop([documents], {numRuns: 300})('should split tasks in order, each with the deadline that closes its own text', (value) => {
  const tasks = splitTasks(value)
  let end = 0
  for (const task of tasks) {
    expect(task.start).toBeGreaterThanOrEqual(end)
    expect(task.end).toBeGreaterThan(task.start)
    // One scan gives each task the deadline a scan of that task alone would.
    expect(task.deadline).toEqual(trailingDeadline(value.slice(task.start, task.end)))
    end = task.end
  }
  expect(end).toBeLessThanOrEqual(value.length)
})

const meta: Meta = {kind: 'nghị quyết', issuer: null, province: null, date: null, signer: null, title: null, implements: []}
const reference = fc.record({
  node: fc.constantFrom('part_I', 'part_II__group_1'),
  line: fc.integer({min: 1, max: 50}),
  text: fc.constantFrom('Nghị quyết số 03-NQ/TU', 'Kế hoạch số 12-KH/TW', 'Nghị quyết Trung ương 4'),
  type: fc.constantFrom('Nghị quyết', 'Kế hoạch', null),
  number: fc.constantFrom('03', '12', null),
  code: fc.constantFrom('03-NQ/TU', '12-KH/TW', '3-NQ/TU', null),
  suffix: fc.constantFrom('TU', 'TW', null),
  level: fc.constantFrom('central' as const, 'provincial' as const, null),
  date: fc.constantFrom('2021-07-15', '2022-11-28', null),
  issuer: fc.constantFrom('Tỉnh ủy', null),
  issuerText: fc.constantFrom('Tỉnh ủy', null),
  title: fc.constantFrom('xây dựng đội ngũ cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý', 'tiếp tục đổi mới phương thức lãnh đạo', null)
}) satisfies fc.Arbitrary<Reference>
const corpus = fc
  .array(
    fc.record({
      province: fc.constantFrom('Hà Tĩnh', 'Bình Thuận', null),
      date: fc.constantFrom('2021-07-15', '2022-11-28', null),
      title: fc.constantFrom('Nghị quyết về xây dựng đội ngũ cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý', 'Chương trình hành động', null),
      code: fc.constantFrom('03-NQ/TU', '12-KH/TW', null),
      references: fc.array(reference, {maxLength: 6})
    }),
    {maxLength: 5}
  )
  .map((items): CitationDocument[] =>
    items.map((item, index) => ({id: 'doc-' + index, meta: {...meta, province: item.province, date: item.date, title: item.title}, references: item.references, code: item.code}))
  )

test.prop([corpus])('should build a consistent citation graph', (documents) => {
  const graph = resolveCitations({documents})
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]))
  expect(nodes.size).toBe(graph.nodes.length)
  expect(graph.edges).toHaveLength(documents.reduce((sum, document) => sum + document.references.length, 0))
  for (const edge of graph.edges) {
    expect(nodes.get(edge.target)?.inCorpus).toBe(edge.resolved)
    expect(edge.resolved).toBe(edge.method !== null)
    // A document never resolves a citation to itself.
    expect(edge.target === edge.source && edge.resolved).toBe(false)
  }
  expect(resolveCitations({documents})).toEqual(graph)
})
