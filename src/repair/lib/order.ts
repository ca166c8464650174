/**
 * Sorting the short lists repair makes by the thousand (a token's
 * candidates, a search's matches): `Array#sort` allocates a work copy on
 * every call, which adds up to megabytes a document.
 */

/**
 * Sort `list` in place, stably, by insertion (quick for the handful of
 * items these lists hold).
 *
 * @param list
 *   Items.
 * @param compare
 *   Comparison, as for `Array#sort`.
 * @returns
 *   The same list.
 */
export function sortShort<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let index = 1; index < list.length; index++) {
    const item = list[index] as T
    let at = index - 1
    while (at >= 0 && compare(list[at] as T, item) > 0) {
      list[at + 1] = list[at] as T
      at--
    }
    list[at + 1] = item
  }
  return list
}
