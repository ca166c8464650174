/**
 * The generic helpers of `src/util.ts`, for any input.
 */
import {fc, test} from '@fast-check/vitest'
import {expect} from 'vitest'
import {groupBy, growBuffer} from '../src/util.js'

test.prop([fc.array(fc.tuple(fc.option(fc.integer({min: 0, max: 5}), {nil: undefined}), fc.integer()))])(
  'should group every keyed value once, in order, keys as first met',
  (pairs) => {
    const groups = groupBy(pairs, ([key]) => key)
    const keyed = pairs.filter(([key]) => key !== undefined)
    expect([...groups.keys()]).toEqual([...new Set(keyed.map(([key]) => key))])
    for (const [key, list] of groups) expect(list).toEqual(keyed.filter(([other]) => other === key))
  }
)

test.prop([fc.uint8Array({minLength: 1, maxLength: 64}), fc.integer({min: 1, max: 200})])('should grow a buffer into a larger one of its type, its units kept', (bytes, more) => {
  for (const buffer of [bytes, Int32Array.from(bytes), Uint16Array.from(bytes)]) {
    const length = buffer.length + more
    const grown = growBuffer(buffer, length)
    expect(grown.constructor).toBe(buffer.constructor)
    expect(grown.length).toBeGreaterThanOrEqual(length)
    expect([...grown.subarray(0, buffer.length)]).toEqual([...buffer])
  }
})
