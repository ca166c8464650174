import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {DocNode} from '../src/types.js'
import {byId, flatten, processSeed, processValue, root, seeds} from './helpers/corpus.js'
import {toPlain} from './helpers/plain.js'

const files = Object.fromEntries(Object.entries(seeds).map(([seed, name]) => [seed, processSeed(name)]))

/**
 * Children of a node of one kind.
 */
function kids(node: DocNode, kind: DocNode['kind']): DocNode[] {
  return node.children.filter((child) => child.kind === kind)
}

describe('seed 000 (Hà Tĩnh, Markdown with misleading heading levels)', () => {
  const tree = files['000']!.data.tree!
  test('should have parts I–IV with roles', () => {
    const parts = kids(tree, 'part')
    expect(parts.map((part) => part.numValue)).toEqual(['I', 'II', 'III', 'IV'])
    expect(parts.map((part) => part.role)).toEqual(['purpose', 'objectives', 'tasks', 'implementation'])
  })
  test('should put six groups under part III whatever their heading depth', () => {
    const groups = kids(byId(tree, 'part_III'), 'group')
    expect(groups.map((group) => group.numValue)).toEqual(['1', '2', '3', '4', '5', '6'])
    // "5." is a `##` heading and "1." a `####` one: same level all the same.
    expect(byId(tree, 'part_III__group_5').heading).toBe('Phát huy vai trò, trách nhiệm nêu gương của cán bộ, đảng viên')
    expect(byId(tree, 'part_III__group_1').heading).toMatch(/^Đổi mới, nâng cao chất lượng ban hành/)
  })
  test('should nest decimal items and their bullets', () => {
    expect(kids(byId(tree, 'part_III__group_3'), 'item').map((item) => item.numValue)).toEqual(['3.1', '3.2'])
    expect(kids(byId(tree, 'part_III__group_3__item_3-2'), 'bullet')).toHaveLength(7)
  })
  test('should re-join the paragraph split by a page break', () => {
    const paragraph = byId(tree, 'part_III__group_1__bullet_4__para_1')
    expect(paragraph.text).toContain('ban hành các văn bản quy phạm pháp luật. Phát huy dân chủ, pháp quyền')
    expect(files['000']!.messages.some((message) => message.ruleId === 'join-paragraph')).toBe(true)
  })
  test('should have nine agency blocks in part IV', () => {
    expect(kids(byId(tree, 'part_IV'), 'group')).toHaveLength(9)
    expect(byId(tree, 'part_IV__group_2').heading).toBe('Ban Tổ chức Tỉnh ủy')
  })
  test('should read metadata', () => {
    expect(files['000']!.data.meta).toEqual({
      kind: 'chương trình hành động',
      issuer: 'Tỉnh ủy Hà Tĩnh',
      province: 'Hà Tĩnh',
      date: null,
      signer: 'Trần Thế Dũng',
      title: expect.stringMatching(/^CHƯƠNG TRÌNH HÀNH ĐỘNG Thực hiện Nghị quyết số 28-NQ\/TW/),
      implements: ['28-NQ/TW']
    })
  })
})

describe('seed 001 (Bình Thuận, bold and italic pseudo-headings)', () => {
  const tree = files['001']!.data.tree!
  test('should have parts I–IV', () => {
    expect(kids(tree, 'part').map((part) => part.numValue)).toEqual(['I', 'II', 'III', 'IV'])
  })
  test('should have six task items under III.1 and eleven agency blocks under III.2', () => {
    expect(kids(byId(tree, 'part_III__group_1'), 'item').map((item) => item.numValue)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'])
    const agencies = kids(byId(tree, 'part_III__group_2'), 'item')
    expect(agencies.map((item) => item.numValue)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11'])
    expect(byId(tree, 'part_III__group_2').role).toBe('assignments')
    expect(agencies.map((item) => kids(item, 'bullet').length)).toEqual([4, 5, 7, 12, 4, 4, 2, 4, 0, 4, 5])
  })
  test('should lift the wedged footnote and re-join the sentence around it', () => {
    const footnote = byId(tree, 'footnote_1')
    expect(footnote.num).toBe('(1)')
    expect(footnote.text).toMatch(/^Tham mưu sơ kết, tổng kết: Quy định số 164-QĐ\/TW/)
    const bullet = byId(tree, 'part_III__group_2__item_2-5__bullet_4')
    expect(bullet.text).toMatch(/đề cao trách n.* giải quyết các kiến nghị phản ánh/)
    expect(bullet.text).toMatch(/\(nhiệm vụ thường xuyên\)\.$/)
  })
  test('should keep the closing blocks apart and read the signer', () => {
    const closing = kids(tree, 'closing')[0]!
    expect(kids(closing, 'recipients')).toHaveLength(1)
    expect(files['001']!.data.meta?.signer).toBe('Dương Văn An')
    expect(files['001']!.data.meta?.province).toBe('Bình Thuận')
  })
})

describe('seed 002 (Lâm Đồng, OCR)', () => {
  const file = files['002']!
  const tree = file.data.tree!
  test('should be marked as OCR-damaged', () => {
    expect(file.data.damage?.damaged).toBe(true)
  })
  test('should find parts I, II and III with III as implementation despite `1.`', () => {
    const parts = kids(tree, 'part')
    expect(parts.map((part) => part.numValue)).toEqual(['I', 'II', 'III'])
    expect(parts[2]!.role).toBe('implementation')
    expect(parts[2]!.num).toBe('1.')
    expect(file.messages.some((message) => message.ruleId === 'part-numbering' && message.line === 557)).toBe(true)
  })
  test('should find targets 1.1–1.6, six task items and eleven agency blocks in part II', () => {
    expect(kids(byId(tree, 'part_II__group_1'), 'item')).toHaveLength(6)
    expect(kids(byId(tree, 'part_II__group_2'), 'item').map((item) => item.numValue)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'])
    expect(kids(byId(tree, 'part_II__group_3'), 'item')).toHaveLength(11)
    expect(kids(byId(tree, 'part_II__group_2__item_2-3'), 'point').map((point) => point.numValue)).toEqual(['a', 'b'])
  })
  test('should read date and province from the damaged place line', () => {
    expect(file.data.meta?.date).toBe('2023-03-10')
    expect(file.data.meta?.province).toBe('Lâm Đồng')
    expect(file.data.meta?.implements).toEqual(['28-NQ/TW'])
  })
})

describe('seeds 003 and 004 (resolutions that do not implement 28-NQ/TW)', () => {
  test('should read 003 as a resolution implementing nothing, with `*` headers', () => {
    const file = files['003']!
    expect(file.data.meta?.kind).toBe('nghị quyết')
    expect(file.data.meta?.implements).toEqual([])
    expect(kids(file.data.tree!, 'part').map((part) => part.numValue)).toEqual(['I', 'II', 'III'])
    expect(kids(byId(file.data.tree!, 'part_I__group_2__item_2-2'), 'header').map((node) => node.heading)).toEqual(['Phấn đấu đến năm 2025', 'Hằng năm'])
  })
  test('should read 004 with word-processor debris removed and its footnotes lifted', () => {
    const file = files['004']!
    const tree = file.data.tree!
    expect(file.data.meta).toMatchObject({kind: 'nghị quyết', province: 'Hà Tĩnh', date: '2021-07-15', implements: [], signer: 'Hoàng Trung Dũng'})
    expect(kids(tree, 'part').map((part) => part.numValue)).toEqual(['I', 'II', 'III', 'IV'])
    expect(byId(tree, 'part_II__group_2__item_2-1').heading).toBe('Mục tiêu tổng quát')
    expect(kids(tree, 'footnote').map((node) => node.text)).toEqual([
      'Bí thư, phó bí thư cấp ủy; chủ tịch hội đồng nhân dân, chủ tịch ủy ban nhân dân.',
      'Cấp phó ban, sở, ngành, đoàn thể cấp tỉnh và tương đương trở lên.'
    ])
    const targets = byId(tree, 'part_II__group_3__item_3-1__para_1').text
    expect(targets).toContain('chủ chốt cấp huyện(1) (trừ trường hợp')
    expect(targets).not.toContain('[')
    // The source skips group 2 of part III: reported, not hidden.
    expect(file.messages.some((message) => message.ruleId === 'number-sequence' && message.line === 65)).toBe(true)
  })
})

describe('ids', () => {
  test.each(Object.keys(seeds))('should be unique and path-built in seed %s', (seed) => {
    const nodes = flatten(files[seed]!.data.tree!)
    const ids = nodes.map((node) => node.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const node of nodes) {
      for (const child of node.children) expect(child.id.startsWith(node.kind === 'root' ? '' : node.id + '__')).toBe(true)
    }
  })
})

describe('metamorphic: Markdown and its plain-text rendering give the same tree', () => {
  /** Shape of a tree without positions, text up to white space. */
  function shape(node: DocNode): unknown {
    return {
      id: node.id,
      kind: node.kind,
      num: node.numValue,
      heading: node.heading?.replace(/\s+/g, ''),
      text: node.text.replace(/\s+/g, ''),
      children: node.children.map((child) => shape(child))
    }
  }
  test.each(['000', '001'])('should hold for seed %s wrapped at 80 columns', (seed) => {
    const name = seeds[seed as '000' | '001']
    const plain = processValue(name.replace(/\.md$/, '.txt'), toPlain(readFileSync(join(root, name), 'utf8')))
    expect(plain.data.damage?.damaged).toBe(false)
    expect(shape(plain.data.tree!)).toEqual(shape(files[seed]!.data.tree!))
  })
})
