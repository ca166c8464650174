import {expect, test} from 'vitest'
import {shareArrays} from '../src/cli/lib/batch.js'

test('should move every typed array of a value to shared memory, keeping its contents', () => {
  const value = {
    unigram: new Float64Array([0.5, -1.25]),
    nested: {keys: new Int32Array([3, 1, 2]).subarray(1)},
    list: [new Int32Array([7])],
    folds: new Map([['a', [1, 2]]]),
    name: 'model'
  }
  const shared = shareArrays(value)
  expect(shared).toBe(value)
  expect(shared.unigram.buffer).toBeInstanceOf(SharedArrayBuffer)
  expect([...shared.unigram]).toStrictEqual([0.5, -1.25])
  expect(shared.nested.keys.buffer).toBeInstanceOf(SharedArrayBuffer)
  expect([...shared.nested.keys]).toStrictEqual([1, 2])
  expect(shared.list[0]).toBeInstanceOf(Int32Array)
  expect(shared.list[0]!.buffer).toBeInstanceOf(SharedArrayBuffer)
  expect(shared.folds.get('a')).toStrictEqual([1, 2])
  const unigram = shared.unigram
  expect(shareArrays(shared).unigram).toBe(unigram)
})
