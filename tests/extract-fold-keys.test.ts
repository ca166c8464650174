/**
 * The folded key that extraction shares between its extractors: one unit per
 * unit of the text, so the key of a slice or a join is the slice or join of
 * the keys, whether a key is concatenated (short), decoded from the reused
 * buffer (long) or built unit by unit (long, with surrogates).
 */
import {fc, test} from '@fast-check/vitest'
import {expect} from 'vitest'
import {fold} from '../src/extract/lib/text.js'

const characters = fc.constantFrom('a', 'B', 'Đ', 'ệ', 'Ư', '\u0301', ' ', '\n', '\u00a0', ',', '/', '(', '1', 'ß', 'İ', 'ﬃ', '😀', '\ud835', '\udc00', '\ufeff')
const texts = fc.array(characters, {maxLength: 80}).map((list) => list.join(''))

test.prop([texts, texts])('should fold a join as the join of the folds', (left, right) => {
  const key = fold(left + right)
  expect(key.length).toBe(left.length + right.length)
  expect(key).toBe(fold(left) + fold(right))
  // A longer key folded before leaves nothing behind in the reused buffer.
  fold(right + left + right + left)
  expect(fold(left + right)).toBe(key)
})
