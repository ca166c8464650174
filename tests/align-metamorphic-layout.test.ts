/**
 * Metamorphic test: a program whose groups come in another order, under
 * other numbering and other titles, gives the same cells.
 */
import {expect, test} from 'vitest'
import type {Cell} from '../src/align/index.js'
import {blocks, load, names, reference, rowOf, source, type Block} from '../fixtures/align/corpus.js'

const framework = reference()

/** New titles for the groups, in other words than the resolution's. */
const paraphrases: Record<string, string> = {
  G1: 'Nâng cao chất lượng xây dựng, ban hành và triển khai các chủ trương, nghị quyết của cấp ủy',
  G2: 'Tăng cường và đổi mới công tác tuyên truyền, vận động quần chúng',
  G3: 'Nâng cao hiệu quả công tác tổ chức bộ máy và công tác cán bộ',
  G4: 'Tăng cường hiệu lực công tác kiểm tra, giám sát và kỷ luật đảng',
  G5: 'Đề cao trách nhiệm nêu gương của cán bộ, đảng viên',
  G6: 'Cải cách hành chính trong Đảng, đổi mới lề lối làm việc của cấp ủy các cấp'
}
/** New order: the section at each position comes from this old position. */
const shuffle = [5, 2, 0, 4, 1, 3]
const letters = ['a', 'b', 'c', 'd', 'e', 'f']

/** What must not change in a cell when only the layout of the program changes (node ids do). */
function signature(cell: Cell): unknown {
  return {
    status: cell.status,
    coverage: cell.coverage,
    counts: cell.counts,
    subpoints: cell.subpoints,
    reasons: cell.reasons,
    evidence: cell.evidence.map((each) => JSON.stringify([each.excerpt, each.score, each.scope, each.terms, each.phrases])).sort()
  }
}

/**
 * A program with its sections in another order, numbered anew and retitled.
 *
 * @param name
 *   Program.
 * @param number
 *   New numbering of the section at a position: its heading's, and its sub-items' (`3.1.` → `2.1.`).
 * @returns
 *   Text.
 */
function rearrange(name: string, number: (position: number) => {heading: string; sub: (rest: string) => string}): string {
  const lines = source(name).split('\n')
  const sections = blocks(framework, load(name))
  const first = sections[0]?.start ?? 1
  const last = sections.at(-1)?.end ?? lines.length
  const moved = shuffle.map((from, position) => {
    const section = sections[from] as Block
    const block = lines.slice(section.start - 1, section.end)
    const head = block[0] ?? ''
    const match = /(\d+(?:\.\d+)?)\.\s/.exec(head)
    if (!match || !head.includes(section.heading)) throw new Error('Cannot find the numbering and title of `' + head + '`')
    const numbering = number(position)
    block[0] = head.replace(match[0], numbering.heading + ' ').replace(section.heading, paraphrases[section.group] ?? section.heading)
    const prefix = new RegExp('(^|[*# ])' + (match[1] ?? '').replace(/\./g, '\\.') + '\\.(\\d+)\\.')
    for (let index = 1; index < block.length; index++) {
      block[index] = (block[index] ?? '').replace(prefix, (_, before: string, rest: string) => before + numbering.sub(rest))
    }
    return block.join('\n')
  })
  return [...lines.slice(0, first - 1), moved.join('\n'), ...lines.slice(last)].join('\n')
}

test('should give the same cells when Hà Tĩnh’s groups are reordered, renumbered and retitled', () => {
  const value = rearrange(names.haTinh, (position) => ({heading: String(position + 1) + '.', sub: (rest) => position + 1 + '.' + rest + '.'}))
  // The transformation did what it says.
  expect(value).toContain('1. ' + paraphrases.G6)
  expect(value).toContain('2. ' + paraphrases.G3)
  expect(value).toContain('2.1. Về tổ chức bộ máy')
  const before = rowOf(framework, names.haTinh, source(names.haTinh))
  const after = rowOf(framework, names.haTinh, value)
  for (const group of Object.keys(before.cells)) expect(signature(after.cells[group] as Cell), group).toEqual(signature(before.cells[group] as Cell))
})

test('should give the same cells when Bình Thuận’s groups are reordered, lettered a)–f) and retitled', () => {
  const value = rearrange(names.binhThuan, (position) => ({heading: (letters[position] ?? 'z') + ')', sub: (rest) => rest + '.'}))
  expect(value).toContain('a) ' + paraphrases.G6)
  expect(value).toContain('f) ' + paraphrases.G4)
  const before = rowOf(framework, names.binhThuan, source(names.binhThuan))
  const after = rowOf(framework, names.binhThuan, value)
  for (const group of Object.keys(before.cells)) expect(signature(after.cells[group] as Cell), group).toEqual(signature(before.cells[group] as Cell))
})
