import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect, test} from 'vitest'
import {shareArrays, trainOnThread} from '../src/cli/lib/threads.js'
import {repairText, trainRepairModel} from '../src/repair/index.js'
import {root, seeds} from './helpers/corpus.js'

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

test('should train on a thread of its own the model this thread would train', async () => {
  const texts = [readFileSync(join(root, seeds['000']), 'utf8'), readFileSync(join(root, seeds['004']), 'utf8')]
  const model = await trainOnThread(texts)
  expect(model.language.unigram.buffer).toBeInstanceOf(SharedArrayBuffer)
  const damaged = readFileSync(join(root, seeds['002']), 'utf8').slice(0, 4000)
  const repaired = repairText({value: damaged, model})
  expect(repaired.changes.length).toBeGreaterThan(50)
  expect(repaired).toStrictEqual(repairText({value: damaged, model: trainRepairModel({texts})}))
})
