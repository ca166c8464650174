/**
 * Table from pairs of small non-negative integers to numbers, in typed
 * arrays: for each first key (a row), its second keys in order with their
 * values. The language model looks up hundreds of thousands of pairs per
 * document, most of them for a handful of rows at a time (the candidates
 * of one position after another), and a row lies in a few cache lines,
 * where a hash table would scatter them (an open-addressing index measured
 * a sixth slower on seed 002). Long rows (the words every text uses) also
 * get a bit per possible key and a count of the keys before each 32 bits,
 * so that a lookup there reads two numbers instead of searching.
 */

/** Rows of sorted keys with values; plain data. */
export interface PairTable {
  /** Where each row starts in `keys`, and the end of the last (`rows + 1` entries). */
  start: Int32Array
  /** Second keys, ascending within each row. */
  keys: Int32Array
  /** Value of each entry. */
  values: Float64Array
  /** Number of 32-bit words of a long row's bits (keys are below `32 × words`). */
  words: number
  /** Index of each row's bits among the long rows, or `-1` for a short row. */
  dense: Int32Array
  /**
   * For each word of bits of each long row (`words` per row), the bits (bit
   * `key` is set when the row holds `key`), then the number of the row's
   * entries before them: side by side, so that a lookup reads one cache line.
   */
  bits: Int32Array
}

/** Rows with at least this many entries get bits. */
const denseLength = 32

/**
 * Pack entries, given sorted by row then key (each pair once), into a table.
 *
 * @param rows
 *   Number of rows (every first key is below it).
 * @param row
 *   First key of each entry.
 * @param keys
 *   Second key of each entry.
 * @param values
 *   Value of each entry.
 * @returns
 *   Table.
 */
export function createPairTable(rows: number, row: Int32Array, keys: Int32Array, values: Float64Array): PairTable {
  const start = new Int32Array(rows + 1)
  let largest = 0
  for (let entry = 0; entry < row.length; entry++) {
    const at = row[entry] ?? 0
    const key = keys[entry] ?? 0
    if (entry > 0 && (at < (row[entry - 1] ?? 0) || (at === row[entry - 1] && key <= (keys[entry - 1] ?? 0)))) {
      throw new RangeError('Unexpected unsorted entry ' + entry + ' of a pair table, expected rows and keys in ascending order')
    }
    start[at + 1] = (start[at + 1] ?? 0) + 1
    if (key > largest) largest = key
  }
  for (let at = 0; at < rows; at++) start[at + 1] = (start[at + 1] ?? 0) + (start[at] ?? 0)

  const words = (largest >>> 5) + 1
  const dense = new Int32Array(rows).fill(-1)
  let long = 0
  for (let at = 0; at < rows; at++) if ((start[at + 1] ?? 0) - (start[at] ?? 0) >= denseLength) dense[at] = long++
  const bits = new Int32Array(2 * long * words)
  for (let at = 0; at < rows; at++) {
    const index = dense[at] ?? -1
    if (index < 0) continue
    const base = 2 * index * words
    for (let entry = start[at] ?? 0; entry < (start[at + 1] ?? 0); entry++) {
      const key = keys[entry] ?? 0
      const slot = base + 2 * (key >>> 5)
      bits[slot] = (bits[slot] ?? 0) | (1 << (key & 31))
    }
    let count = 0
    for (let word = 0; word < words; word++) {
      bits[base + 2 * word + 1] = count
      count += ones(bits[base + 2 * word] ?? 0)
    }
  }
  return {start, keys, values, words, dense, bits}
}

/**
 * Entry of `(row, key)`, or `-1` when the table does not hold it; read the
 * value from `table.values[entry]` (two steps, so that no sentinel value is
 * needed).
 *
 * @param table
 *   Table.
 * @param row
 *   First key.
 * @param key
 *   Second key.
 * @returns
 *   Entry or `-1`.
 */
export function findPair(table: PairTable, row: number, key: number): number {
  const {start, keys} = table
  const first = start[row] ?? 0
  const end = start[row + 1] ?? 0
  if (first === end) return -1
  const index = table.dense[row] ?? -1
  if (index >= 0) return findDense(table, first, index, key)
  let low = first
  let high = end - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const found = keys[middle] ?? 0
    if (found === key) return middle
    if (found < key) low = middle + 1
    else high = middle - 1
  }
  return -1
}

/**
 * Entry of a key in a long row, from its bits.
 *
 * @param table
 *   Table.
 * @param first
 *   First entry of the row.
 * @param index
 *   Index of the row among the long rows.
 * @param key
 *   Second key.
 * @returns
 *   Entry or `-1`.
 */
export function findDense(table: PairTable, first: number, index: number, key: number): number {
  const word = key >>> 5
  if (word >= table.words) return -1
  const at = 2 * (index * table.words + word)
  const bits = table.bits[at] ?? 0
  const bit = 1 << (key & 31)
  if ((bits & bit) === 0) return -1
  return first + (table.bits[at + 1] ?? 0) + ones(bits & (bit - 1))
}

/**
 * Number of set bits.
 *
 * @param value
 *   32-bit integer.
 * @returns
 *   Count.
 */
function ones(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555)
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333)
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24)
}
