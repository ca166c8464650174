/**
 * Rules of bare keys that hold for any text: the key of the start of a text
 * is the start of its key (readers that need only a key's start rely on it),
 * and a key is words of letters and digits with single spaces between them.
 */
import {fc, test} from '@fast-check/vitest'
import {expect} from 'vitest'
import {toBareKey} from '../src/ingest/index.js'

/** Letters, marks, spaces, punctuation, symbols, and surrogates paired and not. */
const characters = fc.constantFrom('a', 'B', 'Đ', 'ệ', 'Ư', '\u0301', ' ', '\n', '\u00a0', ',', '.', '-', "'", '’', '€', '1', 'ß', 'İ', '😀', '\ud835', 'ﬃ')
const texts = fc.array(characters, {maxLength: 60}).map((list) => list.join(''))

test.prop([texts, fc.nat()])('should key the start of a text with the start of its key', (value, cut) => {
  let end = cut % (value.length + 1)
  // A cut between the halves of a surrogate pair starts no text of whole characters.
  if ((value.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++
  expect(toBareKey(value).startsWith(toBareKey(value.slice(0, end)))).toBe(true)
})

test.prop([texts])('should make a key of words of letters and digits with single spaces', (value) => {
  expect(toBareKey(value)).toMatch(/^(?:[a-z\d]+(?: [a-z\d]+)*)?$/)
})
