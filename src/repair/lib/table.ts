/**
 * Table from pairs of small non-negative integers to numbers, in typed
 * arrays: for each first key (a row), its second keys in order with their
 * values. The language model looks up hundreds of thousands of pairs per
 * document, most of them for a handful of rows at a time (the candidates
 * of one position after another), and a row lies in a few cache lines,
 * where a hash table would scatter them (an open-addressing index measured
 * a sixth slower on seed 002).
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
  for (let entry = 0; entry < row.length; entry++) {
    const at = row[entry] ?? 0
    const key = keys[entry] ?? 0
    if (entry > 0 && (at < (row[entry - 1] ?? 0) || (at === row[entry - 1] && key <= (keys[entry - 1] ?? 0)))) {
      throw new RangeError('Unexpected unsorted entry ' + entry + ' of a pair table, expected rows and keys in ascending order')
    }
    start[at + 1] = (start[at + 1] ?? 0) + 1
  }
  for (let at = 0; at < rows; at++) start[at + 1] = (start[at + 1] ?? 0) + (start[at] ?? 0)

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
  const {start, keys} = table
  const first = start[row] ?? 0
  const end = start[row + 1] ?? 0
  if (first === end) return -1
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
