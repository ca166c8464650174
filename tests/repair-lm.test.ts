import {readFileSync} from 'node:fs'
import {fc, test as property} from '@fast-check/vitest'
import {expect, test} from 'vitest'
import {buildBackground} from '../scripts/repair-corpus.js'
import {bigramScore, start, stop, trainLanguageModel, trigramScore} from '../src/repair/lib/lm.js'
import {createPairTable, findPair} from '../src/repair/lib/table.js'

/**
 * Lay sentences end to end, as `trainLanguageModel` takes them.
 *
 * @param sentences
 *   Sentences as id arrays.
 * @returns
 *   Flat sentences.
 */
function flat(sentences: number[][]): {ids: Int32Array; ends: Int32Array} {
  const ends: number[] = []
  let length = 0
  for (const sentence of sentences) ends.push((length += sentence.length))
  return {ids: Int32Array.from(sentences.flat()), ends: Int32Array.from(ends)}
}

// Ids 0 to 2 are reserved (0 unknown, `start`, `stop`); words from 3.
const size = 9
const sentence = fc.array(fc.integer({min: 3, max: size - 1}), {minLength: 0, maxLength: 8})

property.prop([fc.array(sentence, {minLength: 1, maxLength: 12}), fc.array(sentence, {maxLength: 4})])(
  'should give every history a distribution over the vocabulary (Kneser–Ney sums to 1)',
  (sentences, fragments) => {
    // Fragments framed by ids 3 (start, twice) and 4 (end).
    const framed = fragments.map((fragment) => [3, 3, ...fragment, 4])
    const model = trainLanguageModel({...flat([...sentences, ...framed]), framed: sentences.length}, size)
    const histories: Array<[number, number]> = [[start, start]]
    for (let u = 3; u < size; u++) histories.push([start, u])
    for (let u = 3; u < size; u++) for (let v = 3; v < size; v++) histories.push([u, v])
    for (let v = 0; v < size; v++) {
      let sum = 0
      for (let w = 0; w < size; w++) sum += Math.exp(bigramScore(model, v, w))
      expect(sum).toBeCloseTo(1, 9)
    }
    for (const [u, v] of histories) {
      let sum = 0
      for (let w = 0; w < size; w++) sum += Math.exp(trigramScore(model, u, v, w))
      expect(sum).toBeCloseTo(1, 9)
    }
  }
)

test('should not count a framed fragment as a sentence start', () => {
  // Ids 7 and 8 frame the fragment `5 6`; `3 4` is a whole sentence.
  const times = (count: number, sentence: number[]): number[][] => Array.from({length: count}, () => sentence)
  const whole = trainLanguageModel(flat([...times(4, [3, 4]), ...times(4, [5, 6])]), 9)
  const framed = trainLanguageModel({...flat([...times(4, [3, 4]), ...times(4, [7, 7, 5, 6, 8])]), framed: 4}, 9)
  expect(Math.exp(bigramScore(whole, start, 5))).toBeGreaterThan(0.3)
  expect(Math.exp(bigramScore(framed, start, 5))).toBeLessThan(0.1)
  expect(Math.exp(bigramScore(framed, start, 3))).toBeGreaterThan(0.6)
  expect(Math.exp(bigramScore(framed, 5, 6))).toBeCloseTo(Math.exp(bigramScore(whole, 5, 6)), 1)
  expect(Math.exp(bigramScore(whole, 6, stop))).toBeGreaterThan(0.3)
  expect(Math.exp(bigramScore(framed, 6, stop))).toBeLessThan(0.15)
})

test('should prefer what the sentences say', () => {
  const model = trainLanguageModel(flat([[3, 4, 5], [3, 4, 5], [3, 4, 6], [7, 4, 6]]), 8)
  expect(trigramScore(model, 3, 4, 5)).toBeGreaterThan(trigramScore(model, 3, 4, 6))
  expect(trigramScore(model, 7, 4, 6)).toBeGreaterThan(trigramScore(model, 7, 4, 5))
  expect(bigramScore(model, 5, stop)).toBeGreaterThan(bigramScore(model, 5, 3))
})

// Keys up to 99 in rows of up to 90: some rows are long enough for bits.
const rows = fc.array(fc.uniqueArray(fc.integer({min: 0, max: 99}), {maxLength: 90}), {minLength: 1, maxLength: 6})

property.prop([rows])('should find every entry of a pair table and nothing else', (keysByRow) => {
  const sorted = keysByRow.flatMap((keys, row) => [...keys].sort((a, b) => a - b).map((key): [number, number] => [row, key]))
  const table = createPairTable(
    keysByRow.length,
    Int32Array.from(sorted, ([row]) => row),
    Int32Array.from(sorted, ([, key]) => key),
    Float64Array.from(sorted, ([row, key]) => row * 1000 + key)
  )
  const present = new Set(sorted.map(([row, key]) => row * 1000 + key))
  for (let row = 0; row < keysByRow.length; row++) {
    for (let key = 0; key <= 140; key++) {
      const entry = findPair(table, row, key)
      if (present.has(row * 1000 + key)) expect(table.values[entry]).toBe(row * 1000 + key)
      else expect(entry).toBe(-1)
    }
  }
})

test('should give long rows bits', () => {
  const keys = Array.from({length: 40}, (_, key) => 3 * key)
  const table = createPairTable(2, Int32Array.from(keys, () => 1), Int32Array.from(keys), Float64Array.from(keys))
  expect([...table.dense]).toEqual([-1, 0])
  expect(findPair(table, 1, 117)).toBe(39)
  expect(findPair(table, 1, 118)).toBe(-1)
  expect(findPair(table, 0, 3)).toBe(-1)
})

test('should refuse entries out of order', () => {
  expect(() => createPairTable(3, Int32Array.of(1, 0), Int32Array.of(0, 0), Float64Array.of(0, 0))).toThrow(/unsorted entry 1/)
  expect(() => createPairTable(3, Int32Array.of(1, 1), Int32Array.of(2, 2), Float64Array.of(0, 0))).toThrow(/unsorted entry 1/)
})

test('should commit the background the tokenizer makes of the dictionary now', () => {
  // Stale data would count units the tokenizer no longer makes: rebuild it
  // with `npx tsx scripts/repair-build-data.ts`.
  const committed: unknown = JSON.parse(readFileSync(new URL('../src/repair/data/background.json', import.meta.url), 'utf8'))
  expect(committed).toEqual(buildBackground())
})
