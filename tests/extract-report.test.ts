/**
 * The report side of extraction: the CSV formatter, the corpus tables, the
 * citation outputs, and `doichieu extract`.
 */
import {fc, test as property} from '@fast-check/vitest'
import {describe, expect, test} from 'vitest'
import {execute} from '../src/cli/index.js'
import type {Assignment, CitationGraph, Target} from '../src/extract/index.js'
import {assignmentColumns, assignmentsCsv, citationColumns, citationsCsv, citationsJson, formatExtract, targetColumns, targetsCsv, toCsv} from '../src/report/index.js'
import type {Meta} from '../src/types.js'
import {root} from './helpers/corpus.js'

/**
 * Read CSV back (RFC 4180), for checking the writer.
 */
function readCsv(value: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < value.length; index++) {
    const char = value.charAt(index)
    if (quoted) {
      if (char === '"' && value.charAt(index + 1) === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && value.charAt(index + 1) === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      index++
    } else field += char
  }
  return rows
}

describe('toCsv', () => {
  test('should start with a BOM, end records with CRLF and quote only when needed', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], [1.5, true], [null, undefined], ['line\nbreak', 'Tỉnh ủy']])).toBe(
      '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n1.5,true\r\n,\r\n"line\nbreak",Tỉnh ủy\r\n'
    )
  })
  test('should leave the BOM out on request and pad short rows', () => {
    expect(toCsv(['a', 'b', 'c'], [['1']], {bom: false})).toBe('a,b,c\r\n1,,\r\n')
  })
  property.prop([fc.array(fc.array(fc.string(), {minLength: 3, maxLength: 3}), {maxLength: 20})])('should read back as written', (rows) => {
    const text = toCsv(['a', 'b', 'c'], rows)
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(readCsv(text.slice(1))).toEqual([['a', 'b', 'c'], ...rows])
  })
})

const meta: Meta = {kind: 'chương trình hành động', issuer: 'Tỉnh ủy Hà Tĩnh', province: 'Hà Tĩnh', date: null, signer: null, title: null, implements: []}
const target: Target = {
  node: 'part_II__group_2__bullet_3',
  line: 41,
  item: null,
  sentence: 'Hằng năm, … lựa chọn: 02 - 04 tập thể, 02 - 03 cá nhân …',
  text: '02 - 04 tập thể',
  subject: 'tập thể',
  values: [2, 4],
  unit: 'tập thể',
  comparator: 'range',
  kind: 'count',
  aspirational: false,
  timeFrame: {kind: 'recurring', year: null, from: null, to: null, every: 'year', text: 'Hằng năm'}
}
const assignment: Assignment = {
  node: 'part_III__group_2__item_2-2__bullet_5',
  line: 143,
  agency: 'Ban cán sự đảng Ủy ban nhân dân tỉnh',
  agencyText: 'Ban Cán sự đảng UBND tỉnh',
  role: 'lead',
  source: 'block',
  task: 'Chủ trì, tham mưu tổng kết (hoàn thành trong năm 2024, sau khi có văn bản chỉ đạo của Trung ương);',
  deadline: {text: 'hoàn thành trong năm 2024, sau khi có văn bản chỉ đạo của Trung ương', kinds: ['by', 'conditional'], from: null, by: '2024', condition: 'sau khi có văn bản chỉ đạo của Trung ương'}
}

describe('corpus tables', () => {
  test('should write a table piece by piece as it writes it whole', () => {
    const documents = [
      {id: 'ha-tinh', meta, targets: [target, {...target, line: 42}], assignments: [assignment]},
      {id: 'bac-kan', meta: null, targets: [], assignments: []},
      {id: 'binh-thuan', meta: null, targets: [target], assignments: [assignment, {...assignment, role: 'cooperate' as const}]}
    ]
    const rows = {bom: false, header: false}
    expect(targetsCsv([]) + documents.map((document) => targetsCsv([document], rows)).join('')).toBe(targetsCsv(documents))
    expect(assignmentsCsv([]) + documents.map((document) => assignmentsCsv([document], rows)).join('')).toBe(assignmentsCsv(documents))
    expect(targetsCsv([documents[1]!], rows)).toBe('')
  })
  test('should write targets.csv: one row per target with document, province and node', () => {
    const rows = readCsv(targetsCsv([{id: 'ha-tinh', meta, targets: [target], assignments: []}]).slice(1))
    expect(rows[0]).toEqual(targetColumns)
    expect(Object.fromEntries(targetColumns.map((column, index) => [column, rows[1]![index]]))).toEqual({
      document: 'ha-tinh',
      province: 'Hà Tĩnh',
      node: 'part_II__group_2__bullet_3',
      line: '41',
      item: '',
      kind: 'count',
      comparator: 'range',
      value: '2',
      value_to: '4',
      unit: 'tập thể',
      aspirational: 'false',
      time_frame: 'recurring',
      time_year: '',
      time_from: '',
      time_to: '',
      time_every: 'year',
      time_text: 'Hằng năm',
      subject: 'tập thể',
      text: '02 - 04 tập thể',
      sentence: 'Hằng năm, … lựa chọn: 02 - 04 tập thể, 02 - 03 cá nhân …'
    })
  })
  test('should write assignments.csv: one row per assignment with its deadline', () => {
    const rows = readCsv(assignmentsCsv([{id: 'binh-thuan', meta: null, targets: [], assignments: [assignment, {...assignment, role: 'cooperate'}]}]).slice(1))
    expect(rows[0]).toEqual(assignmentColumns)
    expect(rows).toHaveLength(3)
    expect(Object.fromEntries(assignmentColumns.map((column, index) => [column, rows[1]![index]]))).toEqual({
      document: 'binh-thuan',
      province: '',
      node: 'part_III__group_2__item_2-2__bullet_5',
      line: '143',
      agency: 'Ban cán sự đảng Ủy ban nhân dân tỉnh',
      agency_text: 'Ban Cán sự đảng UBND tỉnh',
      role: 'lead',
      source: 'block',
      deadline: 'by+conditional',
      deadline_from: '',
      deadline_by: '2024',
      deadline_condition: 'sau khi có văn bản chỉ đạo của Trung ương',
      deadline_text: 'hoàn thành trong năm 2024, sau khi có văn bản chỉ đạo của Trung ương',
      task: 'Chủ trì, tham mưu tổng kết (hoàn thành trong năm 2024, sau khi có văn bản chỉ đạo của Trung ương);'
    })
  })
  test('should write the citation graph as JSON and as an edge list', () => {
    const graph: CitationGraph = {
      nodes: [
        {id: 'a', inCorpus: true, code: null, type: 'chương trình hành động', date: null, title: 'Chương trình', issuer: null, level: null, province: 'Hà Tĩnh'},
        {id: '28-NQ/TW', inCorpus: false, code: '28-NQ/TW', type: 'Nghị quyết', date: '2022-11-17', title: 'tiếp tục đổi mới', issuer: 'Ban Chấp hành Trung ương Đảng', level: 'central', province: null}
      ],
      edges: [{source: 'a', target: '28-NQ/TW', node: 'title_2', line: 5, text: 'Nghị quyết số 28-NQ/TW', code: '28-NQ/TW', resolved: false, method: null}]
    }
    expect(JSON.parse(citationsJson(graph))).toEqual(graph)
    expect(readCsv(citationsCsv(graph).slice(1))).toEqual([
      citationColumns,
      ['a', 'title_2', '5', '28-NQ/TW', 'false', '', '28-NQ/TW', 'Nghị quyết số 28-NQ/TW', 'Nghị quyết', '2022-11-17', 'central', 'tiếp tục đổi mới']
    ])
  })
  test('should list one document readably', () => {
    const text = formatExtract({targets: [target], assignments: [assignment], references: []})
    expect(text).toBe(
      'Targets (1)\n' +
        '  :41 [range 2–4 tập thể] every year — tập thể  #part_II__group_2__bullet_3\n' +
        '\n' +
        'Assignments (1)\n' +
        '  :143 lead Ban cán sự đảng Ủy ban nhân dân tỉnh («Ban Cán sự đảng UBND tỉnh») [by+conditional, by 2024, sau khi có văn bản chỉ đạo của Trung ương] — Chủ trì, tham mưu tổng kết (hoàn thành trong năm 2024, sau khi có văn bản chỉ đạo của Trung ương);  #part_III__group_2__item_2-2__bullet_5\n' +
        '\n' +
        'References (0)\n'
    )
  })
})

describe('doichieu extract', () => {
  /** Streams that collect what is written. */
  function capture() {
    const out: string[] = []
    const err: string[] = []
    return {
      streams: {stdout: {write: (chunk: string) => out.push(chunk)}, stderr: {write: (chunk: string) => err.push(chunk)}, cwd: root},
      stdout: () => out.join(''),
      stderr: () => err.join('')
    }
  }
  test('should print one document’s records as JSON', async () => {
    const io = capture()
    expect(await execute(['extract', 'corpus/binh-thuan.ctr-28-nq-tw.md', '--json'], io.streams)).toBe(0)
    const json = JSON.parse(io.stdout()) as Record<string, unknown[]>
    expect(Object.keys(json)).toEqual(['targets', 'assignments', 'references'])
    expect(json.targets).toHaveLength(2)
    expect(json.assignments).toHaveLength(72)
    expect(json.references).toHaveLength(58)
  })
  test('should print a listing by default', async () => {
    const io = capture()
    expect(await execute(['extract', 'corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt'], io.streams)).toBe(0)
    expect(io.stdout()).toContain('Targets (21)\n')
    expect(io.stdout()).toContain('  :52 (8) [min 15%] term 2030–2035 — Tỷ lệ cán bộ trẻ trong cấp ủy tỉnh  #part_II__group_3__item_3-2__para_1\n')
  })
  test('should exit 2 without a file, 1 when the file cannot be read', async () => {
    const io = capture()
    expect(await execute(['extract'], io.streams)).toBe(2)
    expect(io.stderr()).toContain('Usage: doichieu extract')
    expect(await execute(['extract', 'corpus/missing.md'], capture().streams)).toBe(1)
  })
})

describe('API', () => {
  test('should expose extract, resolveCitations and their helpers only', async () => {
    expect(Object.keys(await import('../src/extract/index.js')).sort()).toEqual(['documentCode', 'extract', 'parseDeadline', 'resolveCitations'])
  })
})
