/**
 * Syllable accuracy of a repaired text against a line-aligned gold text: a
 * port of `shared/eval/syllable_accuracy.py` (tokens are runs of letters,
 * NFC and lower case; each gold line is matched with the same-numbered line
 * by difflib's matching blocks, without junk heuristics).
 */

/** Options of `scoreSyllables`. */
export interface ScoreOptions {
  /** Gold text. */
  gold: string
  /** Repaired text. */
  repaired: string
}

/** Syllable accuracy. */
export interface SyllableScore {
  /** Scored gold tokens. */
  tokens: number
  /** Gold tokens reproduced exactly. */
  right: number
  /** Gold tokens reproduced once diacritics are ignored (`đ` as `d`). */
  baseRight: number
  /** `right / tokens` (0 when there are none). */
  exact: number
  /** `baseRight / tokens`. */
  base: number
}

const letter = /\p{L}/u

/**
 * Score `repaired` against `gold` exactly as `syllable_accuracy.py` does.
 *
 * @param options
 *   Gold and repaired text.
 * @returns
 *   Counts and shares.
 */
export function scoreSyllables(options: ScoreOptions): SyllableScore {
  const gold = options.gold.replaceAll('⟦?⟧', '').split('\n')
  const repaired = options.repaired.split('\n')
  let right = 0
  let baseRight = 0
  let tokens = 0
  for (const [index, line] of gold.entries()) {
    const goldTokens = words(line).filter((token) => token !== '?')
    const repairedTokens = index < repaired.length ? words(repaired[index] ?? '') : []
    tokens += goldTokens.length
    right += matched(goldTokens, repairedTokens)
    baseRight += matched(goldTokens.map(base), repairedTokens.map(base))
  }
  const total = Math.max(tokens, 1)
  return {tokens, right, baseRight, exact: right / total, base: baseRight / total}
}

/**
 * @param line
 *   Line.
 * @returns
 *   Maximal runs of letters, NFC, lower case.
 */
function words(line: string): string[] {
  const result: string[] = []
  let current = ''
  for (const char of line.normalize('NFC').toLowerCase()) {
    if (letter.test(char)) current += char
    else if (current) {
      result.push(current)
      current = ''
    }
  }
  if (current) result.push(current)
  return result
}

/**
 * @param token
 *   Token.
 * @returns
 *   Token without combining marks, `đ` as `d`.
 */
function base(token: string): string {
  return token.replaceAll('đ', 'd').normalize('NFD').replace(/\p{Mn}/gu, '')
}

/**
 * Total size of difflib's matching blocks of `a` and `b` (`autojunk=False`).
 *
 * @param a
 *   First sequence.
 * @param b
 *   Second sequence.
 * @returns
 *   Matched element count.
 */
function matched(a: string[], b: string[]): number {
  const positions = new Map<string, number[]>()
  for (const [index, item] of b.entries()) {
    const list = positions.get(item)
    if (list) list.push(index)
    else positions.set(item, [index])
  }
  let total = 0
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]]
  while (queue.length > 0) {
    const [aLow, aHigh, bLow, bHigh] = queue.pop() ?? [0, 0, 0, 0]
    const [i, j, size] = longest(a, positions, aLow, aHigh, bLow, bHigh)
    if (size > 0) {
      total += size
      if (aLow < i && bLow < j) queue.push([aLow, i, bLow, j])
      if (i + size < aHigh && j + size < bHigh) queue.push([i + size, aHigh, j + size, bHigh])
    }
  }
  return total
}

/**
 * difflib's `find_longest_match` without junk: the longest common run, the
 * earliest in `a` (then in `b`) among equals.
 *
 * @param a
 *   First sequence.
 * @param positions
 *   Indices of each item in the second sequence.
 * @param aLow
 *   Start in `a`.
 * @param aHigh
 *   End in `a`.
 * @param bLow
 *   Start in `b`.
 * @param bHigh
 *   End in `b`.
 * @returns
 *   Start in `a`, start in `b`, length.
 */
function longest(
  a: string[],
  positions: Map<string, number[]>,
  aLow: number,
  aHigh: number,
  bLow: number,
  bHigh: number
): [number, number, number] {
  let bestI = aLow
  let bestJ = bLow
  let bestSize = 0
  let lengths = new Map<number, number>()
  for (let i = aLow; i < aHigh; i++) {
    const next = new Map<number, number>()
    for (const j of positions.get(a[i] ?? '') ?? []) {
      if (j < bLow) continue
      if (j >= bHigh) break
      const size = (lengths.get(j - 1) ?? 0) + 1
      next.set(j, size)
      if (size > bestSize) {
        bestI = i - size + 1
        bestJ = j - size + 1
        bestSize = size
      }
    }
    lengths = next
  }
  return [bestI, bestJ, bestSize]
}
