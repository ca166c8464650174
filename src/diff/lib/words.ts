/**
 * Word-level redlines. `diffWordsWithSpace` (called through its diff object,
 * whose options type admits a token comparator) splits at spaces and punctuation
 * only, so a Vietnamese syllable is always kept whole; tokens compare by
 * `toKey`, so `hoà`/`hòa`, `Tỉnh uỷ`/`Tỉnh ủy` or a precomposed and a
 * combining form of one letter never show as a change.
 */
import {wordsWithSpaceDiff} from 'diff'
import {toKey} from '../../ingest/index.js'
import type {WordPart} from './types.js'

/**
 * Compare two texts word by word.
 *
 * @param left
 *   Old text.
 * @param right
 *   New text.
 * @returns
 *   Runs in reading order; within a changed stretch, the deletion comes
 *   before the insertion.
 */
export function compareWords(left: string, right: string): WordPart[] {
  const keys = new Map<string, string>()
  const keyOf = (token: string): string => {
    let key = keys.get(token)
    if (key === undefined) {
      key = toKey(token)
      keys.set(token, key)
    }
    return key
  }
  // NFC first: the tokenizer takes a combining mark for punctuation.
  const changes = wordsWithSpaceDiff.diff(left.normalize('NFC'), right.normalize('NFC'), {comparator: (a: unknown, b: unknown) => keyOf(String(a)) === keyOf(String(b))})
  const parts: WordPart[] = []
  for (const change of changes) {
    const op: WordPart['op'] = change.added ? 'insert' : change.removed ? 'delete' : 'equal'
    const last = parts.at(-1)
    if (last && last.op === op) last.value += change.value
    else if (change.value) parts.push({op, value: change.value})
  }
  return merge(parts)
}

/**
 * Join changed stretches separated by a lone space when the space joins
 * words on one side at least, so `[-CHỦ YẾU-]{+trọng tâm+}` reads as one
 * replacement rather than two word swaps.
 *
 * @param parts
 *   Runs.
 * @returns
 *   Runs.
 */
function merge(parts: WordPart[]): WordPart[] {
  const result: WordPart[] = []
  const add = (op: WordPart['op'], value: string): void => {
    const last = result.at(-1)
    if (last && last.op === op) last.value += value
    else result.push({op, value})
  }
  let stretch: {delete: string; insert: string; tail: string} | null = null
  let index = 0
  const flush = (): void => {
    if (stretch?.delete) add('delete', stretch.delete)
    if (stretch?.insert) add('insert', stretch.insert)
    if (stretch?.tail) add('equal', stretch.tail)
    stretch = null
  }
  while (index < parts.length) {
    const part = parts[index]
    index++
    if (!part) continue
    if (part.op !== 'equal') {
      stretch ??= {delete: '', insert: '', tail: ''}
      stretch[part.op] += part.value
      continue
    }
    const next = parts[index]
    if (stretch && !stretch.tail && /^\s+$/.test(part.value) && next && next.op !== 'equal') {
      // Look at the whole next stretch before deciding.
      const following = {delete: '', insert: ''}
      let end = index
      while (end < parts.length && parts[end]?.op !== 'equal') {
        const item = parts[end]
        if (item && item.op !== 'equal') following[item.op] += item.value
        end++
      }
      const current: {delete: string; insert: string; tail: string} = stretch
      const joinsDelete = current.delete !== '' && following.delete !== ''
      const joinsInsert = current.insert !== '' && following.insert !== ''
      // Both sides must have words to take the space, else it stays shared.
      const bothSides = (current.delete !== '' || following.delete !== '') && (current.insert !== '' || following.insert !== '')
      if ((joinsDelete || joinsInsert) && bothSides) {
        // The space is in both texts: each side with words keeps it.
        const join = (before: string, after: string): string => before + (before || after ? part.value : '') + after
        stretch = {delete: join(current.delete, following.delete), insert: join(current.insert, following.insert), tail: ''}
        index = end
        continue
      }
      // One side only (`{+,+} {+đường lối +}`): one run, with the shared space
      // moved after it in place of the run's own trailing space (the new
      // text's space wins, so the new side stays exact).
      const side = joinsInsert && !bothSides ? 'insert' : joinsDelete && !bothSides ? 'delete' : null
      const trailing = side ? /\s+$/.exec(following[side])?.[0] : undefined
      if (side && trailing) {
        stretch = {delete: '', insert: '', tail: side === 'insert' ? trailing : part.value}
        stretch[side] = current[side] + part.value + following[side].slice(0, -trailing.length)
        index = end
        continue
      }
    }
    flush()
    add('equal', part.value)
  }
  flush()
  return result
}
