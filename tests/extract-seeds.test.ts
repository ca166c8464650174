/**
 * Extraction on the seeds: the records and counts established by reading
 * the documents (see the comments for where each count comes from).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {VFile} from 'vfile'
import {documentCode, extract, resolveCitations, type Assignment, type CitationDocument, type ExtractResult} from '../src/extract/index.js'
import {processFile} from '../src/pipeline/index.js'
import {root, seeds} from './helpers/corpus.js'

const files = Object.fromEntries(
  Object.entries(seeds).map(([seed, name]) => {
    const file = processFile({file: new VFile({path: name, value: readFileSync(join(root, name))})})
    return [seed, file]
  })
)
const results: Record<string, ExtractResult> = Object.fromEntries(
  Object.entries(files).map(([seed, file]) => [seed, extract({tree: file.data.tree!, meta: file.data.meta ?? null, file})])
)

/**
 * A deadline in short: kinds, then `from`/`by` when set (`by+conditional by 2024`).
 */
function deadline(record: Assignment): string {
  const {kinds, from, by} = record.deadline
  return [kinds.length > 0 ? kinds.join('+') : 'none', from ? 'from ' + from : '', by ? 'by ' + by : ''].filter(Boolean).join(' ')
}

/**
 * Lead assignments under a node, grouped: its agencies in order, and the
 * deadlines of its tasks (from the first agency's records).
 */
function block(records: Assignment[], prefix: string): {agencies: string[]; deadlines: string[]} {
  const leads = records.filter((record) => record.role === 'lead' && (record.node === prefix || record.node.startsWith(prefix + '__')))
  const agencies = [...new Set(leads.map((record) => record.agency))]
  return {agencies, deadlines: leads.filter((record) => record.agency === agencies[0]).map((record) => deadline(record))}
}

describe('seed 001 (Bình Thuận): agency blocks III.2 2.1–2.11', () => {
  const {assignments, targets, references} = results['001']!
  const prefix = 'part_III__group_2__item_2-'
  // Read from the document: each bullet (or paragraph) under 2.1–2.11 with the
  // parenthesis that closes it; 2.2's last bullet holds two tasks with two
  // deadlines, 2.11's paragraph a task with a deadline and one without.
  const expected: Record<string, {agencies: string[]; deadlines: string[]}> = {
    '1': {agencies: ['Đảng đoàn Hội đồng nhân dân tỉnh'], deadlines: ['from from 2023', 'recurring', 'from+conditional from 2023', 'from from 2026']},
    '2': {
      agencies: ['Ban cán sự đảng Ủy ban nhân dân tỉnh'],
      deadlines: ['from from 2023', 'recurring', 'recurring', 'recurring', 'by+conditional by 2024', 'by+conditional by 2025']
    },
    '3': {agencies: ['Ban Tuyên giáo Tỉnh ủy'], deadlines: ['none', 'recurring', 'recurring', 'recurring', 'by+conditional by 2025', 'recurring', 'from from 2023']},
    '4': {
      agencies: ['Ban Tổ chức Tỉnh ủy'],
      deadlines: ['recurring', 'recurring', 'by by 2023', 'recurring', 'by by 2023', 'recurring', 'conditional', 'from from 2023', 'recurring', 'conditional', 'range from 2024 by 2026', 'recurring']
    },
    '5': {agencies: ['Ban Dân vận Tỉnh ủy'], deadlines: ['by by 2023', 'by+conditional by 2023', 'recurring', 'recurring']},
    '6': {agencies: ['Ủy ban Kiểm tra Tỉnh ủy'], deadlines: ['from from 2023', 'by+conditional by 2023', 'by+conditional by 2024', 'recurring']},
    '7': {agencies: ['Ban Nội chính Tỉnh ủy'], deadlines: ['recurring', 'recurring']},
    '8': {agencies: ['Văn phòng Tỉnh ủy'], deadlines: ['from from 2023', 'by+conditional by 2024', 'recurring', 'recurring']},
    '9': {agencies: ['Ban cán sự đảng Tòa án nhân dân tỉnh', 'Ban cán sự đảng Viện kiểm sát nhân dân tỉnh'], deadlines: ['recurring']},
    '10': {
      agencies: ['Đảng đoàn Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh', 'Ban Thường vụ Tỉnh đoàn'],
      deadlines: ['recurring', 'from from 2023', 'recurring', 'by by 2023']
    },
    '11': {
      agencies: ['Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy'],
      deadlines: ['from from 2023-04', 'none', 'recurring', 'none', 'by by 2023', 'recurring', 'range from 2024 by 2026']
    }
  }
  for (const [item, value] of Object.entries(expected)) {
    test('should give block 2.' + item + ' its agencies and the deadline of each task', () => {
      expect(block(assignments, prefix + item)).toEqual(value)
    })
  }
  test('should give every agency of a block every task of it', () => {
    const leads = assignments.filter((record) => record.role === 'lead' && record.node.startsWith('part_III__group_2__'))
    // 4 + 6 + 7 + 12 + 4 + 4 + 2 + 4 + 1×2 + 4×2 + 7 tasks × agencies.
    expect(leads).toHaveLength(60)
    expect(leads.every((record) => record.source === 'block')).toBe(true)
  })
  test('should keep the agency as written beside its canonical name', () => {
    const record = assignments.find((item) => item.node.startsWith(prefix + '2__'))!
    expect(record.agencyText).toBe('Ban Cán sự đảng Ủy ban nhân dân tỉnh')
    expect(record.agency).toBe('Ban cán sự đảng Ủy ban nhân dân tỉnh')
    const second = assignments.find((item) => item.node.startsWith(prefix + '9__') && item.agency === 'Ban cán sự đảng Viện kiểm sát nhân dân tỉnh')!
    expect(second.agencyText).toBe('Viện kiểm sát nhân dân tỉnh')
  })
  test('should read the co-operating agency of `Chủ trì và phối hợp với …` in 2.6', () => {
    const cooperating = assignments.filter((record) => record.role === 'cooperate' && record.node.startsWith('part_III__'))
    expect(cooperating.map((record) => [record.node, record.agency, record.agencyText, record.line])).toEqual([
      ['part_III__group_2__item_2-6__bullet_1', 'Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy', 'các cơ quan tham mưu giúp việc Tỉnh ủy', 209]
    ])
  })
  test('should split the tasks of 2.11 at its mid-paragraph deadline, on their own lines', () => {
    const records = assignments.filter((record) => record.node === 'part_III__group_2__item_2-11__para_1')
    expect(records.map((record) => [record.line, deadline(record)])).toEqual([
      [249, 'from from 2023-04'],
      [251, 'none']
    ])
  })
  test('should read inline assignments of III.1 and IV', () => {
    const inline = assignments.filter((record) => record.source === 'inline' && record.role === 'lead').map((record) => [record.node, record.agency])
    expect(inline).toEqual([
      ['part_III__group_1__item_1-1__bullet_2', 'Tỉnh ủy'],
      ['part_III__group_1__item_1-1__bullet_2', 'Ban Thường vụ Tỉnh ủy'],
      ['part_IV__group_1', 'Ban Thường vụ Tỉnh ủy'],
      // `Căn cứ …, các đảng đoàn, ban cán sự đảng, các cơ quan, ban Đảng của Tỉnh ủy; Ban Thường vụ Tỉnh đoàn; các huyện ủy … xây dựng kế hoạch`
      ['part_IV__group_2', 'Các đảng đoàn, ban cán sự đảng'],
      ['part_IV__group_2', 'Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy'],
      ['part_IV__group_2', 'Ban Thường vụ Tỉnh đoàn'],
      ['part_IV__group_2', 'Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy'],
      ['part_IV__group_2', 'Ban cán sự đảng Ủy ban nhân dân tỉnh'],
      ['part_IV__group_3', 'Ban Tổ chức Tỉnh ủy']
    ])
    const cooperating = assignments.filter((record) => record.node === 'part_IV__group_3' && record.role === 'cooperate')
    expect(cooperating.map((record) => record.agency)).toEqual(['Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy', 'Văn phòng Tỉnh ủy'])
    expect(assignments).toHaveLength(72)
  })
  test('should read the two minimums of 2.4 with two subjects', () => {
    expect(targets.map((target) => [target.line, target.values, target.comparator, target.subject, target.timeFrame.year])).toEqual([
      [171, [5], 'min', 'biên chế cán bộ, công chức', 2026],
      [171, [10], 'min', 'biên chế viên chức hưởng lương từ ngân sách Nhà nước', 2026]
    ])
  })
  test('should read every cited document, the footnote too', () => {
    // 54 codes before `Nơi nhận` (the footnote's 8 included) and 4 named
    // resolutions (Trung ương 4 twice, Trung ương 6, Đại hội XIII).
    expect(references).toHaveLength(58)
    expect(references.filter((reference) => reference.node === 'footnote_1')).toHaveLength(8)
    const first = references[0]!
    expect(first).toMatchObject({node: 'title_2', line: 5, type: 'Nghị quyết', code: '28-NQ/TW', date: '2022-11-17', level: 'central', issuer: 'Ban Chấp hành Trung ương Đảng'})
    const local = references.find((reference) => reference.code === '117-KH/TU')!
    expect(local).toMatchObject({type: 'Kế hoạch', suffix: 'TU', level: 'provincial', date: '2022-12-14', issuer: 'Tỉnh ủy'})
    expect(references.find((reference) => reference.code === '08-QĐi/TW')).toMatchObject({type: 'Quy định', level: 'central'})
  })
})

describe('seed 000 (Hà Tĩnh)', () => {
  const {assignments, targets, references} = results['000']!
  test('should give the nine blocks of part IV their agencies and tasks', () => {
    const expected: Array<[string, string[], string[]]> = [
      ['1', ['Ban Tuyên giáo Tỉnh ủy'], ['none', 'none', 'none', 'conditional']],
      ['2', ['Ban Tổ chức Tỉnh ủy'], ['none', 'none', 'none', 'conditional', 'none', 'conditional']],
      ['3', ['Ủy ban Kiểm tra Tỉnh ủy'], ['none']],
      ['4', ['Ban Dân vận Tỉnh ủy'], ['conditional', 'none']],
      ['5', ['Văn phòng Tỉnh ủy'], ['none', 'none']],
      ['6', ['Đảng đoàn Hội đồng nhân dân tỉnh', 'Ban cán sự đảng Ủy ban nhân dân tỉnh'], ['none', 'none']],
      ['7', ['Đảng đoàn Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh'], ['none', 'none', 'none']],
      ['8', ['Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy'], ['none', 'none', 'none', 'none']],
      // `9. Các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy theo chức năng, …`: a sentence, not a heading.
      ['9', ['Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy'], ['none']]
    ]
    for (const [group, agencies, deadlines] of expected) {
      expect(block(assignments, 'part_IV__group_' + group)).toEqual({agencies, deadlines})
    }
    const conditional = assignments.find((record) => record.deadline.kinds.includes('conditional'))!
    expect(conditional.deadline.condition).toBe('sau khi có văn bản của Trung ương')
    // 27 in part IV and the two subjects of III.1 `Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy, … thường xuyên lãnh đạo`.
    expect(assignments).toHaveLength(29)
  })
  test('should read the seven targets of II.2', () => {
    expect(targets.map((target) => [target.line, target.comparator, target.values, target.unit, target.timeFrame.kind, target.timeFrame.year])).toEqual([
      [37, 'exact', [100], '%', 'none', null],
      [39, 'exact', [100], '%', 'none', null],
      [41, 'range', [2, 4], 'tập thể', 'recurring', null],
      [41, 'range', [2, 3], 'cá nhân', 'recurring', null],
      [47, 'exact', [100], '%', 'recurring', null],
      [49, 'exact', [100], '%', 'none', null],
      [51, 'exact', [100], '%', 'year', 2025]
    ])
  })
  test('should read its references, both citations of 03-NQ/TU with date and title', () => {
    expect(references).toHaveLength(41)
    const cited = references.filter((reference) => reference.code === '03-NQ/TU')
    expect(cited.map((reference) => [reference.line, reference.date, reference.level, reference.issuer])).toEqual([
      [43, '2021-07-15', 'provincial', 'Ban Chấp hành Đảng bộ tỉnh'],
      [107, '2021-07-15', 'provincial', 'Ban Chấp hành Đảng bộ tỉnh']
    ])
    expect(cited[0]!.title).toMatch(/^xây dựng đội ngũ cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý/)
  })
})

describe('seed 003 (Bắc Kạn resolution)', () => {
  const {assignments, targets, references} = results['003']!
  test('should read the twelve targets of I.2 with the time frames of their `*` headers', () => {
    expect(targets.map((target) => [target.line, target.comparator, target.values, target.timeFrame.kind, target.timeFrame.year, target.aspirational])).toEqual([
      [29, 'exact', [100], 'recurring', null, false],
      [31, 'min', [95], 'recurring', null, false],
      // `* Phấn đấu đến năm 2025`
      [37, 'exact', [100], 'year', 2025, true],
      [39, 'min', [5], 'year', 2025, true],
      [39, 'min', [20], 'year', 2025, true],
      [41, 'min', [35], 'year', 2025, true],
      [43, 'exact', [100], 'year', 2025, true],
      [43, 'min', [80], 'year', 2025, true],
      // `* Hằng năm`
      [47, 'exact', [100], 'recurring', null, false],
      [49, 'min', [95], 'recurring', null, false],
      [51, 'exact', [100], 'recurring', null, false],
      [53, 'exact', [100], 'recurring', null, false]
    ])
  })
  test('should read the assignments of part III', () => {
    expect(assignments.map((record) => [record.line, record.agency, record.source])).toEqual([
      [127, 'Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy', 'inline'],
      [127, 'Các đảng đoàn, ban cán sự đảng', 'inline'],
      [127, 'Các sở, ban, ngành, đoàn thể cấp tỉnh', 'inline'],
      [127, 'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh', 'inline'],
      // `2. Các cơ quan tham mưu của Tỉnh ủy: Theo chức năng, nhiệm vụ …`, then a paragraph with its own subject.
      [129, 'Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy', 'block'],
      [131, 'Ban Tuyên giáo Tỉnh ủy', 'inline'],
      [133, 'Đảng đoàn Hội đồng nhân dân tỉnh', 'inline'],
      // `Giao Ban Tổ chức Tỉnh ủy tham mưu …`
      [135, 'Ban Tổ chức Tỉnh ủy', 'inline']
    ])
  })
  test('should read its nine references', () => {
    expect(references.map((reference) => reference.code ?? reference.text)).toEqual([
      'Nghị quyết Đại hội XIII',
      'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII',
      'Nghị quyết Trung ương 4 (khóa XII)',
      '05-CT/TW',
      'Nghị quyết Trung ương 4 (khóa XII)',
      '01-KL/TW',
      '05-CT/TW',
      '01-QĐ/TU',
      '124-QĐ/TW'
    ])
  })
})

describe('seed 004 (Hà Tĩnh resolution 03-NQ/TU)', () => {
  const {assignments, targets, references} = results['004']!
  test('should read the listed targets (1)–(7) of 3.1 one by one', () => {
    const listed = targets.filter((target) => target.node === 'part_II__group_3__item_3-1__para_1')
    expect(listed.map((target) => [target.item, target.kind, target.comparator, target.values])).toEqual([
      ['(1)', 'qualitative', null, []],
      ['(2)', 'qualitative', null, []],
      ['(3)', 'share', 'range', [8, 10]],
      ['(3)', 'share', 'range', [10, 12]],
      ['(4)', 'share', 'min', [90]],
      ['(5)', 'qualitative', null, []],
      ['(6)', 'share', 'min', [15]],
      ['(6)', 'share', 'min', [10]],
      ['(6)', 'share', 'exact', [100]],
      ['(7)', 'share', 'min', [40]]
    ])
    expect(listed.every((target) => target.timeFrame.kind === 'term' && target.timeFrame.from === 2025 && target.timeFrame.to === 2030)).toBe(true)
  })
  test('should read the listed targets (1)–(8) of 3.2 one by one', () => {
    const listed = targets.filter((target) => target.node === 'part_II__group_3__item_3-2__para_1')
    expect(listed.map((target) => [target.item, target.kind, target.comparator, target.values, target.subject])).toEqual([
      ['(1)', 'qualitative', null, [], 'Cán bộ được bầu giữ các chức vụ: Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Hội đồng nhân dân, Phó Chủ tịch Ủy ban nhân dân tỉnh, Trưởng đoàn, Phó Trưởng đoàn chuyên trách Đoàn Đại biểu Quốc hội tỉnh phải kinh qua chức vụ chủ chốt cấp huyện (trừ trường hợp do Trung ương điều động, luân chuyển)'],
      ['(2)', 'share', 'range', [15, 20], 'cán bộ lãnh đạo, quản lý cấp tỉnh dưới 40 tuổi'],
      ['(2)', 'share', 'range', [20, 25], 'ủy viên ban thường vụ cấp ủy cấp huyện dưới 40 tuổi'],
      ['(3)', 'share', 'min', [40], 'cán bộ đủ khả năng làm việc trong môi trường quốc tế'],
      ['(4)', 'share', 'exact', [100], 'cán bộ được bổ nhiệm phải giữ ngạch chuyên viên chính hoặc tương đương trở lên'],
      ['(5)', 'share', 'range', [20, 25], 'Tỷ lệ nữ cấp ủy viên cấp tỉnh, cấp huyện'],
      ['(6)', 'qualitative', null, [], 'Có cán bộ nữ trong thường trực cấp ủy hoặc thường trực Hội đồng nhân dân, lãnh đạo Ủy ban nhân dân cấp tỉnh, cấp huyện'],
      ['(7)', 'share', 'min', [35], 'Tỷ lệ nữ đại biểu Hội đồng nhân dân cấp tỉnh'],
      ['(7)', 'share', 'min', [50], 'ban, sở, ngành, đoàn thể cấp tỉnh có cán bộ nữ trong ban lãnh đạo'],
      ['(8)', 'share', 'min', [15], 'Tỷ lệ cán bộ trẻ trong cấp ủy tỉnh']
    ])
    expect(listed.every((target) => target.line === 52 && target.timeFrame.from === 2030 && target.timeFrame.to === 2035)).toBe(true)
  })
  test('should read the one count of its tasks and nothing else', () => {
    // 10 + 10 listed, and `ít nhất 02 lần trong một nhiệm kỳ` (III.3.1).
    expect(targets).toHaveLength(21)
    expect(targets.at(-1)).toMatchObject({line: 69, kind: 'count', comparator: 'min', values: [2], unit: 'lần', timeFrame: {kind: 'recurring', every: 'term'}})
  })
  test('should read its assignments: one in III, twelve in IV', () => {
    expect(assignments.map((record) => [record.line, record.role, record.agency])).toEqual([
      [79, 'lead', 'Ban Tổ chức Tỉnh ủy'],
      [118, 'lead', 'Ban Thường vụ Tỉnh ủy'],
      [119, 'lead', 'Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy'],
      [119, 'lead', 'Các đảng đoàn, ban cán sự đảng'],
      [120, 'lead', 'Đảng đoàn Hội đồng nhân dân tỉnh'],
      [120, 'lead', 'Ban cán sự đảng Ủy ban nhân dân tỉnh'],
      [121, 'lead', 'Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy'],
      [122, 'lead', 'Trường Chính trị tỉnh'],
      [123, 'lead', 'Các cơ quan báo chí, truyền thông'],
      [124, 'lead', 'Ban Tổ chức Tỉnh ủy'],
      [124, 'cooperate', 'Các ban, cơ quan tham mưu, giúp việc Tỉnh ủy'],
      [124, 'cooperate', 'Ủy ban Kiểm tra Tỉnh ủy'],
      [124, 'cooperate', 'Văn phòng Tỉnh ủy']
    ])
  })
  test('should find no code in a text that carries none', () => {
    expect(references).toEqual([])
    expect(documentCode(files['004']!.data.tree!)).toBe(null)
  })
})

describe('seed 002 (OCR-damaged; lightly, until repair lands)', () => {
  const {assignments, targets} = results['002']!
  test('should read its first listed targets and some agency blocks', () => {
    expect(targets.some((target) => target.node.startsWith('part_II__group_1__') && target.values[0] === 100)).toBe(true)
    const blocks = new Set(assignments.filter((record) => record.source === 'block' && record.node.startsWith('part_II__group_3__')).map((record) => record.agency))
    expect(blocks.size).toBeGreaterThanOrEqual(5)
  })
})

describe('citations across the seeds', () => {
  const documents: CitationDocument[] = Object.entries(files).map(([seed, file]) => ({
    id: seed,
    meta: file.data.meta!,
    references: results[seed]!.references,
    code: documentCode(file.data.tree!)
  }))
  const graph = resolveCitations({documents})
  test('should resolve 000 → 004 by date and title, although 004 states no number', () => {
    const resolved = graph.edges.filter((edge) => edge.resolved)
    expect(resolved.map((edge) => [edge.source, edge.target, edge.node, edge.line, edge.method])).toEqual([
      ['000', '004', 'part_II__group_2__bullet_4', 43, 'date-title'],
      ['000', '004', 'part_III__group_3__item_3-2__bullet_3', 107, 'date-title']
    ])
    expect(graph.nodes.find((node) => node.id === '004')).toMatchObject({inCorpus: true, code: '03-NQ/TU', level: 'provincial'})
  })
  test('should list unresolved citations as edges to absent documents', () => {
    const total = documents.reduce((sum, document) => sum + document.references.length, 0)
    expect(graph.edges).toHaveLength(total)
    const ids = new Map(graph.nodes.map((node) => [node.id, node]))
    for (const edge of graph.edges) {
      expect(ids.get(edge.target)?.inCorpus).toBe(edge.resolved)
    }
    expect(ids.get('28-NQ/TW')).toMatchObject({inCorpus: false, type: 'Nghị quyết', date: '2022-11-17', level: 'central'})
    // A provincial code is the province's own.
    expect(ids.has('Bình Thuận 117-KH/TU')).toBe(true)
    expect(ids.has('Hà Tĩnh 12-NQ/TU') && ids.has('Bình Thuận 12-NQ/TU')).toBe(true)
  })
  test('should put every corpus document in the graph, first and in order', () => {
    expect(graph.nodes.slice(0, 5).map((node) => [node.id, node.inCorpus])).toEqual([
      ['000', true],
      ['001', true],
      ['002', true],
      ['003', true],
      ['004', true]
    ])
  })
})
