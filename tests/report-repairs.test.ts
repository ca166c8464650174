import {fc, test as property} from '@fast-check/vitest'
import {expect, test} from 'vitest'
import type {RepairChange} from '../src/repair/index.js'
import {repairsJson, type Text} from '../src/report/index.js'

const joined = (text: Text): string => (typeof text === 'string' ? text : text.join(''))

const change = fc.record({
  line: fc.nat(),
  column: fc.nat(),
  offset: fc.nat(),
  end: fc.nat(),
  source: fc.string(),
  repair: fc.string(),
  confidence: fc.double({min: 0, max: 1, noNaN: true}),
  alternatives: fc.array(fc.record({value: fc.string(), confidence: fc.double({min: 0, max: 1, noNaN: true})}), {maxLength: 3}),
  low: fc.boolean()
}) satisfies fc.Arbitrary<RepairChange>

// Offsets are unique in a document, and changes come in text order.
const changes = fc.uniqueArray(change, {selector: (each) => each.offset, maxLength: 20}).map((list) => list.sort((a, b) => a.offset - b.offset))

property.prop([fc.string(), changes])('should hold every change, low-confidence ones first, each on a line of its own', (id, list) => {
  const pieces = repairsJson({id, changes: list})
  const text = joined(pieces)
  const expected = [...list.filter((each) => each.low), ...list.filter((each) => !each.low)]
  expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify({id, changes: expected})))
  expect(text.split('\n').slice(3, 3 + list.length)).toStrictEqual(expected.map((each, at) => '    ' + JSON.stringify(each) + (at < list.length - 1 ? ',' : '')))
  // A piece per change besides the head and the tail: a large file is never one string.
  if (list.length > 0) expect(pieces).toHaveLength(list.length + 2)
})

test('should write an empty list as pretty JSON does', () => {
  expect(joined(repairsJson({id: 'a', changes: []}))).toBe(JSON.stringify({id: 'a', changes: []}, null, 2) + '\n')
})
