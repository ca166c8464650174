/**
 * Metamorphic test: a program whose tasks part loses one group's section
 * (and the tasks a reader gives to that group under other sections) shows
 * that group `missing`, and no other.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {expect, test} from 'vitest'
import type {DocNode} from '../src/types.js'
import {blocks, load, names, reference, rowOf, source, type Block} from '../fixtures/align/corpus.js'

const framework = reference()

/** Lines of the tasks labelled with a section's group that sit outside it. */
function strays(name: string, section: Block): Array<[number, number]> {
  const label = name === names.haTinh ? 'ha-tinh' : 'binh-thuan'
  const path = fileURLToPath(new URL('../fixtures/align/labels/' + label + '.json', import.meta.url))
  const labels = (JSON.parse(readFileSync(path, 'utf8')) as {labels: Record<string, {group: string | null; kind: string}>}).labels
  const ranges: Array<[number, number]> = []
  const walk = (node: DocNode): void => {
    const own = labels[node.id]
    if (own?.kind === 'task' && own.group === section.group && (node.line < section.start || node.line > section.end)) {
      ranges.push([node.position.start.line, node.position.end.line])
    }
    for (const child of node.children) walk(child)
  }
  walk(load(name).tree)
  return ranges
}

for (const name of [names.haTinh, names.binhThuan]) {
  const text = source(name)
  const sections = blocks(framework, load(name))

  test('should find the six sections of ' + name, () => {
    expect(sections.map((section) => section.group)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6'])
  })

  for (const removed of sections) {
    test('should show ' + removed.group + ' missing when ' + name + ' loses that group’s tasks', () => {
      // Bình Thuận leads the People's Council from its G3 section: those
      // tasks go too, or G1 is rightly only partial.
      const drop = new Set<number>()
      for (let line = removed.start; line <= removed.end; line++) drop.add(line)
      for (const [start, end] of strays(name, removed)) for (let line = start; line <= end; line++) drop.add(line)
      const value = text
        .split('\n')
        .filter((_, index) => !drop.has(index + 1))
        .join('\n')
      const row = rowOf(framework, name, value)
      expect(row.cells[removed.group]?.status).toBe('missing')
      expect(row.cells[removed.group]?.reasons[0]).toBe('no task of the tasks part aligns to ' + removed.group)
      for (const [group, cell] of Object.entries(row.cells)) if (group !== removed.group) expect(cell.status, group).not.toBe('missing')
    })
  }
}
