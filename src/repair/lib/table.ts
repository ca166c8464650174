/**
 * Hash table from pairs of small non-negative integers to numbers, in typed
 * arrays: the language model looks up hundreds of thousands of id pairs per
 * document, and nested `Map`s of boxed keys cost several times as much.
 */

/** Open-addressing table keyed by `(first, second)`; plain data. */
export interface PairTable {
  /** `log2` of the capacity. */
  bits: number
  /**
   * Keys of each slot, side by side (`keys[2 * slot]`, `keys[2 * slot + 1]`,
   * so that a probe reads one cache line); `-1` first when the slot is empty.
   */
  keys: Int32Array
  /** Value of each slot. */
  values: Float64Array
  /**
   * Whether each number is the first key of some pair, and the second: a
   * lookup of a pair whose keys never occur there misses without probing.
   */
  firsts: Uint8Array
  /** Whether each number is the second key of some pair. */
  seconds: Uint8Array
}

/**
 * Pack entries into a table. It is at most a quarter full: most lookups
 * miss (pairs the training texts never had), and a miss probes until an
 * empty slot.
 *
 * @param entries
 *   Keys (each in `0 … 2^31 - 1`) and values; a key given twice keeps the
 *   last value.
 * @returns
 *   Table.
 */
export function createPairTable(entries: Iterable<readonly [number, number, number]>): PairTable {
  const list = [...entries]
  let bits = 4
  while (1 << bits < 4 * list.length) bits++
  let largestFirst = 0
  let largestSecond = 0
  for (const [a, b] of list) {
    largestFirst = Math.max(largestFirst, a)
    largestSecond = Math.max(largestSecond, b)
  }
  const table: PairTable = {
    bits,
    keys: new Int32Array(2 << bits).fill(-1),
    values: new Float64Array(1 << bits),
    firsts: new Uint8Array(largestFirst + 1),
    seconds: new Uint8Array(largestSecond + 1)
  }
  const mask = (1 << bits) - 1
  const {keys} = table
  for (const [a, b, value] of list) {
    let slot = hash(a, b, bits)
    while (keys[2 * slot] !== -1 && (keys[2 * slot] !== a || keys[2 * slot + 1] !== b)) slot = (slot + 1) & mask
    keys[2 * slot] = a
    keys[2 * slot + 1] = b
    table.values[slot] = value
    table.firsts[a] = 1
    table.seconds[b] = 1
  }
  return table
}

/**
 * Slot of `(a, b)`, or `-1` when the table does not hold it; read the value
 * from `table.values[slot]` (two steps, so that no sentinel value is needed).
 *
 * @param table
 *   Table.
 * @param a
 *   First key.
 * @param b
 *   Second key.
 * @returns
 *   Slot or `-1`.
 */
export function findPair(table: PairTable, a: number, b: number): number {
  if (table.firsts[a] !== 1 || table.seconds[b] !== 1) return -1
  const {keys} = table
  const mask = table.values.length - 1
  let slot = hash(a, b, table.bits)
  for (;;) {
    const key = keys[2 * slot] ?? -1
    if (key === a && keys[2 * slot + 1] === b) return slot
    if (key === -1) return -1
    slot = (slot + 1) & mask
  }
}

/**
 * @param a
 *   First key.
 * @param b
 *   Second key.
 * @param bits
 *   `log2` of the capacity.
 * @returns
 *   Home slot (multiplicative hashing: the top bits mix both keys).
 */
function hash(a: number, b: number, bits: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b) >>> (32 - bits)
}
