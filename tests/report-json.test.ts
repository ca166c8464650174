import {fc, test as property} from '@fast-check/vitest'
import {expect} from 'vitest'
import {toJson, toJsonParts} from '../src/report/index.js'

// Fields a JSON object can hold, some that JSON.stringify leaves out or turns into null.
const field = fc.oneof(
  fc.jsonValue(),
  fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)), {maxLength: 5}),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({})
)

property.prop([fc.dictionary(fc.string(), field, {maxKeys: 6})])('should write in pieces exactly what toJson writes whole', (value) => {
  expect([...toJsonParts(value)].join('')).toBe(toJson(value))
})
