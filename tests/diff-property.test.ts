import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {compareWords, diff} from '../src/diff/index.js'
import {toKey} from '../src/ingest/index.js'
import type {DocNode, NodeKind} from '../src/types.js'
import {processValue} from './helpers/corpus.js'

/** Syllables to build sentences from: few, so that texts repeat. */
const syllables = ['đổi', 'mới', 'nâng', 'cao', 'chất', 'lượng', 'công', 'tác', 'tuyên', 'truyền', 'kiểm', 'tra', 'giám', 'sát', 'cán', 'bộ', 'đảng', 'viên', 'hòa', 'thủy', 'ủy', 'Tỉnh', '100%', '2025']

const sentence = fc.array(fc.constantFrom(...syllables), {minLength: 0, maxLength: 12}).map((words) => words.join(' '))
const punctuation = fc.constantFrom('', '.', ';', ':', ',')

/** A random tree: any kinds, numbers, empty and repeated texts. */
const node: fc.Memo<DocNode> = fc.memo((depth) =>
  fc.record({
    kind: fc.constantFrom<NodeKind>('part', 'group', 'item', 'point', 'bullet', 'subbullet', 'paragraph', 'title', 'closing', 'signature', 'footnote'),
    num: fc.option(fc.constantFrom('I.', 'II.', '1.', '2.', '1.1.', 'a)', '-', '+'), {nil: null}),
    heading: fc.option(sentence, {nil: null}),
    text: fc.tuple(sentence, punctuation).map(([value, mark]) => value + mark),
    children: depth > 1 ? fc.array(node(depth - 1), {maxLength: 4}) : fc.constant<DocNode[]>([])
  }).map((value): DocNode => ({
    ...value,
    id: '',
    numValue: value.num && value.num !== '-' && value.num !== '+' ? value.num.replace(/[.)]$/, '') : null,
    role: null,
    line: 1,
    column: 1,
    position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}
  }))
)

const tree = fc.array(node(3), {maxLength: 6}).map((children): DocNode => {
  const root: DocNode = {kind: 'root', id: 'root', num: null, numValue: null, heading: null, text: '', role: null, line: 1, column: 1, position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}, children}
  // Ids from the place, as segment gives them; lines in document order.
  let line = 0
  const walk = (parent: DocNode, prefix: string): void => {
    for (const [index, child] of parent.children.entries()) {
      child.id = (prefix ? prefix + '__' : '') + child.kind + '_' + (index + 1)
      child.line = ++line
      walk(child, child.id)
    }
  }
  walk(root, '')
  return root
})

/** A random program as Markdown: parts, groups, bullets. */
const markdown = fc
  .array(
    fc.record({
      title: sentence,
      groups: fc.array(fc.record({title: sentence, bullets: fc.array(sentence, {maxLength: 4})}), {maxLength: 4}),
      bullets: fc.array(sentence, {maxLength: 3})
    }),
    {minLength: 1, maxLength: 4}
  )
  .map((parts) => {
    const roman = ['I', 'II', 'III', 'IV']
    const lines = ['**CHƯƠNG TRÌNH HÀNH ĐỘNG**', '']
    for (const [p, part] of parts.entries()) {
      lines.push('## **' + roman[p] + '. ' + (part.title || 'NHIỆM VỤ').toUpperCase() + '**', '')
      for (const bullet of part.bullets) if (bullet) lines.push('- ' + bullet + '.', '')
      for (const [g, group] of part.groups.entries()) {
        lines.push('### ' + (g + 1) + '. ' + (group.title || 'Nhiệm vụ'), '')
        for (const bullet of group.bullets) if (bullet) lines.push('- ' + bullet + '.', '')
      }
    }
    return lines.join('\n')
  })

describe('diff properties', () => {
  const text = fc
    .array(fc.tuple(sentence, punctuation, fc.constantFrom(' ', ' ', '  ')), {maxLength: 4})
    .map((parts) => parts.map(([value, mark, space]) => value + mark + space).join(''))

  test.prop([text, text], {numRuns: 1000})('should give back both texts from a word comparison', (left, right) => {
    const parts = compareWords(left, right)
    const side = (op: 'delete' | 'insert'): string =>
      parts
        .filter((part) => part.op === 'equal' || part.op === op)
        .map((part) => part.value)
        .join('')
    // Equal runs carry the new spelling, so the old side is compared by key.
    expect(toKey(side('delete'))).toBe(toKey(left))
    expect(side('insert')).toBe(right)
    for (const [index, part] of parts.entries()) {
      expect(part.value).not.toBe('')
      if (index > 0) expect(part.op === 'equal' && parts[index - 1]?.op === 'equal').toBe(false)
    }
  })

  test.prop([tree])('should find no change between a tree and its copy', (value) => {
    const result = diff({old: {tree: value}, new: {tree: structuredClone(value)}})
    expect(result.changes).toEqual([])
    expect(result.summary.identical).toBe(true)
    expect(result.summary.matched).toBe(result.old.nodes)
  })

  test.prop([markdown], {numRuns: 40})('should find no change between a document and itself', (value) => {
    const left = processValue('a.md', value)
    const right = processValue('b.md', value)
    const result = diff({old: {tree: left.data.tree as DocNode}, new: {tree: right.data.tree as DocNode}})
    expect(result.changes).toEqual([])
  })

  test.prop([markdown], {numRuns: 40})('should find no change when only tone placement and Unicode form differ', (value) => {
    const variant = value.replaceAll('hòa', 'hoà').replaceAll('thủy', 'thuỷ').replaceAll('ủy', 'uỷ').normalize('NFD')
    const left = processValue('a.md', value)
    const right = processValue('b.md', variant)
    const result = diff({old: {tree: left.data.tree as DocNode}, new: {tree: right.data.tree as DocNode}})
    expect(result.changes).toEqual([])
  })
})
