/**
 * Scratch buffers that hot loops reuse from call to call (keys, edit
 * distance rows), grown when a call needs more room than they have.
 */

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
