/**
 * Table from pairs of small non-negative integers to numbers, in typed
 * arrays: for each first key (a row), its second keys in order with their
 * values. The language model looks up hundreds of thousands of pairs per
 * document, most of them for a handful of rows at a time (the candidates
 * of one position after another), and a row lies in a few cache lines,
 * where a hash table would scatter them.
 */

/** Rows of sorted keys with values; plain data. */
export interface PairTable {
  /** Where each row starts in `keys`, and the end of the last (`rows + 1` entries). */
  start: Int32Array
  /** Second keys, ascending within each row. */
  keys: Int32Array
  /** Value of each entry. */
  values: Float64Array
}

/**
 * Pack entries into a table.
 *
 * @param rows
 *   Number of rows (every first key is below it).
 * @param entries
 *   First key, second key and value of each entry (each pair once).
 * @returns
 *   Table.
 */
export function createPairTable(rows: number, entries: Array<readonly [number, number, number]>): PairTable {
  const sorted = [...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const start = new Int32Array(rows + 1)
  const keys = new Int32Array(sorted.length)
  const values = new Float64Array(sorted.length)
  for (const [index, [row, key, value]] of sorted.entries()) {
    start[row + 1] = (start[row + 1] ?? 0) + 1
    keys[index] = key
    values[index] = value
  }
  for (let row = 0; row < rows; row++) start[row + 1] = (start[row + 1] ?? 0) + (start[row] ?? 0)
  return {start, keys, values}
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
  let low = table.start[row] ?? 0
  let high = (table.start[row + 1] ?? 0) - 1
  const {keys} = table
  while (low <= high) {
    const middle = (low + high) >>> 1
    const found = keys[middle] ?? 0
    if (found === key) return middle
    if (found < key) low = middle + 1
    else high = middle - 1
  }
  return -1
}
