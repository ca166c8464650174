/**
 * The framework as data: the bundled reference, another framework in its
 * place, and clear errors with line and column for malformed files.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {VFileMessage} from 'vfile-message'
import {expect, test} from 'vitest'
import {alignDocument, buildMatrix, buildModel, parseReference, ReferenceSyntaxError} from '../src/align/index.js'
import {load, reference} from '../fixtures/align/corpus.js'

function fixture(path: string): string {
  return readFileSync(fileURLToPath(new URL('../fixtures/align/' + path, import.meta.url)), 'utf8')
}

test('should read the six groups of Resolution 28-NQ/TW with their sub-points and phrases', () => {
  const framework = reference()
  expect(framework.id).toBe('28-nq-tw')
  expect(framework.code).toBe('28-NQ/TW')
  expect(framework.date).toBe('2022-11-17')
  expect(framework.path).toBe('corpus/reference/28-nq-tw.md')
  expect(framework.groups.map((group) => group.id)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6'])
  expect(framework.groups[0]?.title).toBe('Đổi mới, nâng cao chất lượng ban hành và tổ chức thực hiện đạt hiệu quả cao chủ trương, đường lối của Đảng')
  expect(framework.groups[0]?.subpoints.map((point) => point.name)).toEqual([
    'Xây dựng, ban hành văn bản của Đảng',
    'Tổ chức thực hiện chủ trương, đường lối của Đảng',
    'Lãnh đạo Hội đồng nhân dân',
    'Lãnh đạo Ủy ban nhân dân',
    'Lãnh đạo các cơ quan tư pháp',
    'Lãnh đạo Mặt trận Tổ quốc và các tổ chức chính trị - xã hội'
  ])
  for (const group of framework.groups) {
    expect(group.source.length, group.id).toBeGreaterThan(0)
    expect(group.subpoints.length, group.id).toBeGreaterThanOrEqual(5)
    for (const point of group.subpoints) {
      expect(point.id.startsWith(group.id + '.'), point.id).toBe(true)
      expect(point.phrases.length, point.id).toBeGreaterThan(0)
      expect(point.source.length, point.id).toBeGreaterThan(0)
    }
  }
  expect(framework.groups[3]?.subpoints[1]?.phrases).toContain('từ sớm, từ xa')
})

test('should read phrases given inline and as nested lists alike', () => {
  const framework = parseReference({value: fixture('reference/so-hoa.md'), path: 'so-hoa.md'})
  expect(framework.id).toBe('99-nq-tu')
  expect(framework.aliases).toEqual(['99/NQ-TU'])
  expect(framework.groups[0]?.phrases).toEqual(['hạ tầng số', 'cơ sở dữ liệu', 'phần mềm dùng chung'])
  expect(framework.groups[1]?.phrases).toEqual(['đào tạo, bồi dưỡng kỹ năng số', 'cán bộ chuyên trách công nghệ thông tin'])
  expect(framework.groups[1]?.subpoints.map((point) => [point.id, point.line])).toEqual([
    ['D2.1', 30],
    ['D2.2', 36]
  ])
})

test('should align a program against another framework with no code change', () => {
  const framework = parseReference({value: fixture('reference/so-hoa.md'), path: 'so-hoa.md'})
  const program = load('../fixtures/align/mini-program.md', fixture('mini-program.md'))
  const model = buildModel({reference: framework, documents: [{tree: program.tree, meta: program.meta}]})
  const alignment = alignDocument({tree: program.tree, extract: program.extract, reference: framework, model, meta: program.meta})
  expect(alignment.implements).toBe(true)
  expect(alignment.reason).toBe('cites 99-NQ/TU; 2 of 2 groups have a section of their own (D1, D2)')
  const groups = Object.fromEntries(alignment.nodes.filter((node) => node.scope !== 'target').map((node) => [node.node, node.group]))
  expect(groups).toEqual({
    part_II__group_1__bullet_1: 'D1',
    part_II__group_1__bullet_2: 'D1',
    part_II__group_2__bullet_1: 'D2',
    part_II__group_2__bullet_2: 'D2',
    part_III__group_1__bullet_1: 'D1',
    part_III__group_2__bullet_1: 'D2'
  })
  const matrix = buildMatrix({reference: framework, documents: [{file: program.file, id: program.id, meta: program.meta, tree: program.tree, extract: program.extract, alignment}]})
  expect(matrix.reference.groups.map((group) => group.id)).toEqual(['D1', 'D2'])
  expect(matrix.rows[0]?.cells.D1?.subpoints).toEqual({covered: ['D1.1', 'D1.2'], missing: []})
})

const malformed: Array<{name: string; value: string; line: number; column: number; reason: RegExp}> = [
  {name: 'an empty file', value: '', line: 1, column: 1, reason: /^Unexpected end of file, expected a `# Title` line$/},
  {name: 'a group before the title', value: '## G1. Một\n', line: 1, column: 1, reason: /expected the framework’s `# Title` first/},
  {name: 'a second title', value: '# A\n\n## G1. Một\n\n# B\n', line: 5, column: 1, reason: /^Unexpected second `#` title/},
  {name: 'a group heading without an id', value: '# A\n\n## Đổi mới công tác\n', line: 3, column: 4, reason: /^Unexpected group heading `Đổi mới công tác`, expected `## ID. Title`/},
  {name: 'a duplicate group id', value: '# A\n\n## G1. Một\n\n## G1. Hai\n', line: 5, column: 4, reason: /^Unexpected duplicate group id `G1`/},
  {name: 'a sub-point of another group', value: '# A\n\n## G1. Một\n\n### G2.1. Hai\n', line: 5, column: 5, reason: /^Unexpected sub-point id `G2.1` under group `G1`, expected `G1.N`/},
  {name: 'a sub-point before any group', value: '# A\n\n### G1.1. Một\n', line: 3, column: 1, reason: /^Unexpected sub-point before any group/},
  {name: 'a heading too deep', value: '# A\n\n## G1. Một\n\n#### Chi tiết\n', line: 5, column: 1, reason: /^Unexpected heading of depth 4/},
  {name: 'an unknown field', value: '# A\n\n## G1. Một\n\n- keywords: a; b\n', line: 5, column: 3, reason: /^Unexpected field `keywords` on a group, expected one of `phrases`, `titles`, `source`$/},
  {name: 'a list item without a key', value: '# A\n\n## G1. Một\n\n- ban hành văn bản\n', line: 5, column: 1, reason: /^Unexpected list item without `key:`/},
  {name: 'a phrase outside a list field', value: '# A\n\n## G1. Một\n\n  - ban hành văn bản\n', line: 5, column: 3, reason: /^Unexpected indented list item/},
  {name: 'a phrase under an inline field', value: '# A\n\n## G1. Một\n\n- phrases: a\n  - b\n', line: 6, column: 3, reason: /^Unexpected indented list item/},
  {name: 'an empty text field', value: '# A\n- code:\n\n## G1. Một\n', line: 2, column: 8, reason: /^Unexpected empty field `code`/},
  {name: 'no groups', value: '# A\n\n- code: 1-NQ/TW\n', line: 4, column: 1, reason: /^Unexpected end of file without groups/}
]

for (const {name, value, line, column, reason} of malformed) {
  test('should report ' + name + ' at its line and column', () => {
    let caught: unknown
    try {
      parseReference({value, path: 'bad.md'})
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ReferenceSyntaxError)
    expect(caught).toBeInstanceOf(VFileMessage)
    const message = caught as ReferenceSyntaxError
    expect(message.reason).toMatch(reason)
    expect([message.line, message.column]).toEqual([line, column])
    expect(message.file).toBe('bad.md')
    expect(message.ruleId).toBe('reference-syntax')
    expect(message.fatal).toBe(true)
  })
}

test('should ignore notes, blockquotes and HTML comments, and a byte order mark', () => {
  const framework = parseReference({value: '\uFEFF# A\n\nSome note.\n\n> - not a field\n\n<!--\n- nor this\n-->\n\n## G1. Một\n\n- phrases: x\n'})
  expect(framework.groups.map((group) => [group.id, group.phrases])).toEqual([['G1', ['x']]])
  expect(framework.path).toBeNull()
  expect(framework.id).toBe('a')
})
