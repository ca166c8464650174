import {setTimeout as sleep} from 'node:timers/promises'
import {fc, test as property} from '@fast-check/vitest'
import {expect, test} from 'vitest'
import {mapAhead} from '../src/cli/lib/io.js'

property.prop([fc.array(fc.nat({max: 5}), {maxLength: 30}), fc.integer({min: 1, max: 6})])(
  'should hand out every result in item order, with at most `limit` calls running',
  async (delays, limit) => {
    let running = 0
    let most = 0
    const results: number[] = []
    const map = async (delay: number): Promise<number> => {
      most = Math.max(most, ++running)
      await sleep(delay)
      running--
      return delay * 10
    }
    for await (const result of mapAhead(delays, limit, map)) results.push(result)
    expect(results).toEqual(delays.map((delay) => delay * 10))
    expect(most).toBeLessThanOrEqual(limit)
  }
)

test('should fail at the turn of a failed call, with failures ahead of it handled', async () => {
  const results: string[] = []
  const map = async (item: string): Promise<string> => {
    // The later failures settle first, while nothing awaits them yet.
    await sleep(item === 'a' ? 20 : 0)
    if (item !== 'a') throw new Error('cannot read ' + item)
    return item
  }
  await expect(
    (async () => {
      for await (const result of mapAhead(['a', 'b', 'c'], 3, map)) results.push(result)
    })()
  ).rejects.toThrow('cannot read b')
  expect(results).toEqual(['a'])
})
