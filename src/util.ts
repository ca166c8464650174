/**
 * Small generic helpers every stage may use, as it may use the shared types
 * (`types.ts`): nothing here knows of documents.
 */

/**
 * Values by a key, each list in the values' order, the keys in the order
 * they are first met.
 *
 * @param values
 *   Values.
 * @param key
 *   Key of a value (values without one are left out).
 * @returns
 *   Lists by key.
 */
export function groupBy<Value, Key>(values: Iterable<Value>, key: (value: Value) => Key | null | undefined): Map<Key, Value[]> {
  const lists = new Map<Key, Value[]>()
  for (const value of values) {
    const at = key(value)
    if (at === null || at === undefined) continue
    const list = lists.get(at)
    if (list) list.push(value)
    else lists.set(at, [value])
  }
  return lists
}

/**
 * A larger copy of a buffer: of the same type, twice `length` long (so that
 * growing stays rare), starting with the units of the one given. Callers
 * test the length themselves, so that the usual case costs no call.
 *
 * @param buffer
 *   Buffer in use, shorter than `length`.
 * @param length
 *   Units needed.
 * @returns
 *   New buffer.
 */
export function growBuffer<T extends Uint8Array | Uint16Array | Int32Array>(buffer: T, length: number): T {
  const larger = new (buffer.constructor as new (length: number) => T)(2 * length)
  larger.set(buffer)
  return larger
}
