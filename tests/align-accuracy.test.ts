/**
 * Accuracy of the alignment against labels written by reading the three
 * programs (`fixtures/align/labels`).
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {expect, test} from 'vitest'
import type {DocumentAlignment, NodeAlignment} from '../src/align/index.js'
import type {DocNode} from '../src/types.js'
import {align, load, names, reference, type Loaded} from '../fixtures/align/corpus.js'

interface Label {
  group: string | null
  also: Array<string | null>
  kind: 'task' | 'assignment'
  line: number
  text: string
}

const labelled: Array<[string, string]> = [
  ['ha-tinh', names.haTinh],
  ['binh-thuan', names.binhThuan],
  ['lam-dong', names.lamDong]
]
const documents = [...labelled.map(([, name]) => load(name)), load(names.bacKan), load(names.haTinhCadres)]
const {alignments} = align(reference(), documents)

function labelsOf(name: string): Record<string, Label> {
  const path = fileURLToPath(new URL('../fixtures/align/labels/' + name + '.json', import.meta.url))
  return (JSON.parse(readFileSync(path, 'utf8')) as {labels: Record<string, Label>}).labels
}

/** The aligned node for a label: by id, else the deepest aligned node whose lines cover the label's line. */
function resolve(document: Loaded, alignment: DocumentAlignment, id: string, label: Label): NodeAlignment | undefined {
  const byNode = new Map(alignment.nodes.map((node) => [node.node, node]))
  const found = byNode.get(id)
  if (found) return found
  let best: NodeAlignment | undefined
  const walk = (node: DocNode): void => {
    const aligned = byNode.get(node.id)
    if (aligned && node.position.start.line <= label.line && label.line <= node.position.end.line) best = aligned
    for (const child of node.children) walk(child)
  }
  walk(document.tree)
  return best
}

const results = labelled.map(([name], index) => {
  const document = documents[index] as Loaded
  const alignment = alignments[index] as DocumentAlignment
  const labels = labelsOf(name)
  const rows = Object.entries(labels).map(([id, label]) => {
    const node = resolve(document, alignment, id, label)
    const got = node ? node.group : undefined
    return {id, label, got, right: got === label.group, lenient: got === label.group || label.also.includes(got ?? null)}
  })
  return {name, rows}
})

test('should align task items and agency tasks with a corpus-wide model as a reader labels them (≥ 90% overall, ≥ 80% on agency tasks)', () => {
  const all = results.flatMap((result) => result.rows)
  const agency = all.filter((row) => row.label.kind === 'assignment')
  const share = (rows: typeof all, key: 'right' | 'lenient'): number => rows.filter((row) => row[key]).length / rows.length
  const lines = results.map((result) => {
    const assignments = result.rows.filter((row) => row.label.kind === 'assignment')
    return (
      result.name.padEnd(11) + ' ' + percent(share(result.rows, 'right')) + ' (' + result.rows.filter((row) => row.right).length + '/' + result.rows.length + ')' +
      '  agency tasks ' + percent(share(assignments, 'right')) + '  lenient ' + percent(share(result.rows, 'lenient'))
    )
  })
  lines.push('overall     ' + percent(share(all, 'right')) + ' (' + all.filter((row) => row.right).length + '/' + all.length + ')  agency tasks ' + percent(share(agency, 'right')) + '  lenient ' + percent(share(all, 'lenient')))
  const wrong = all.filter((row) => !row.right).map((row) => '  ' + row.id + ': labelled ' + String(row.label.group) + ', aligned ' + String(row.got))
  console.log('Alignment accuracy\n' + lines.join('\n') + '\nDisagreements:\n' + wrong.join('\n'))
  expect(share(all, 'right')).toBeGreaterThanOrEqual(0.9)
  expect(share(agency, 'right')).toBeGreaterThanOrEqual(0.8)
})

test('should align each document on its own as a reader labels it (≥ 90% overall, ≥ 80% on agency tasks)', () => {
  // `doichieu run` aligns each document with a model of that document alone,
  // so that its result never depends on the others (and caches per file):
  // this is the accuracy users get.
  const rows = labelled.flatMap(([name], index) => {
    const document = documents[index] as Loaded
    const alone = align(reference(), [document]).alignments[0] as DocumentAlignment
    return Object.entries(labelsOf(name)).map(([id, label]) => ({label, right: resolve(document, alone, id, label)?.group === label.group}))
  })
  const agency = rows.filter((row) => row.label.kind === 'assignment')
  console.log('Alignment accuracy, each document alone: overall ' + percent(rows.filter((row) => row.right).length / rows.length) + ', agency tasks ' + percent(agency.filter((row) => row.right).length / agency.length))
  expect(rows.length).toBeGreaterThan(200)
  expect(rows.filter((row) => row.right).length / rows.length).toBeGreaterThanOrEqual(0.9)
  expect(agency.filter((row) => row.right).length / agency.length).toBeGreaterThanOrEqual(0.8)
})

test('should have a label for every task item and agency task of the clean programs', () => {
  for (const [index, [name]] of labelled.slice(0, 2).entries()) {
    const alignment = alignments[index] as DocumentAlignment
    const aligned = alignment.nodes.filter((node) => node.scope !== 'target').map((node) => node.node).sort()
    expect(aligned, name).toEqual(Object.keys(labelsOf(name)).sort())
  }
})

test('should find the node of every label of the OCR program, by id or by line', () => {
  const result = results[2]
  expect(result?.rows.filter((row) => row.got === undefined).map((row) => row.id)).toEqual([])
})

function percent(value: number): string {
  return (value * 100).toFixed(1).padStart(5) + '%'
}
