/**
 * Small helpers shared by the alignment modules.
 */
import {collapse} from '../../ingest/index.js'
import {denseOf, type Reading, type Vector} from './features.js'

/**
 * Round a score to three decimals, so outputs are stable across platforms.
 *
 * @param value
 *   Score.
 * @returns
 *   Rounded score.
 */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/**
 * What a text shares with a profile, as the text writes it: the words and
 * word pairs that contribute most to their similarity are marked in the
 * text, and each run of adjacent marked words (never across punctuation) is
 * one term, strongest run first: `bảo vệ nền tảng tư tưởng` rather than
 * `vệ nền`, `nền tảng`, `tảng tư`.
 *
 * @param reading
 *   The text, read in the profile's space.
 * @param profile
 *   Vector of the group.
 * @param limit
 *   How many terms to give.
 * @returns
 *   Terms, strongest first.
 */
export function sharedTerms(reading: Reading, profile: Vector, limit: number): string[] {
  const {tokens, vector} = reading
  const lookup = denseOf(profile)
  const ids: number[] = []
  const contributions: number[] = []
  let total = 0
  for (let at = 0; at < vector.ids.length; at++) {
    const id = vector.ids[at] ?? 0
    const other = lookup[id]
    if (!other) continue
    const value = (vector.weights[at] ?? 0) * other
    ids.push(id)
    contributions.push(value)
    total += value
  }
  if (total === 0) return []
  // The strongest features that make up most of the similarity, strongest
  // first (ids follow the features' code-unit order, which breaks ties):
  // picked one by one, as only a few are kept.
  const kept = new Map<number, number>()
  const taken = new Uint8Array(ids.length)
  let sum = 0
  while (kept.size < ids.length && kept.size < 12 && !(sum >= total * 0.6 && kept.size >= 3)) {
    let best = -1
    let top = 0
    for (let at = 0; at < ids.length; at++) {
      if (taken[at] === 1) continue
      const value = contributions[at] ?? 0
      if (best === -1 || value > top || (value === top && (ids[at] ?? 0) < (ids[best] ?? 0))) {
        best = at
        top = value
      }
    }
    taken[best] = 1
    kept.set(ids[best] ?? 0, top)
    sum += top
  }
  const marks = new Float64Array(tokens.length + 1)
  for (let index = 0; index < tokens.length; index++) {
    const single = kept.get(reading.singles[index] ?? -1)
    if (single) marks[index] = (marks[index] ?? 0) + single
    const pair = kept.get(reading.pairs[index] ?? -1)
    if (pair) {
      marks[index] = (marks[index] ?? 0) + pair / 2
      marks[index + 1] = (marks[index + 1] ?? 0) + pair / 2
    }
  }
  const runs = new Map<string, number>()
  let start = -1
  for (let index = 0; index <= tokens.length; index++) {
    const on = index < tokens.length && (marks[index] ?? 0) > 0 && (start === -1 || tokens[index]?.joined === true)
    if (on && start === -1) start = index
    if (!on && start !== -1) {
      let text = tokens[start]?.surface ?? ''
      let weight = marks[start] ?? 0
      for (let at = start + 1; at < index; at++) {
        text += ' ' + (tokens[at]?.surface ?? '')
        weight += marks[at] ?? 0
      }
      runs.set(text, Math.max(runs.get(text) ?? 0, weight))
      start = index < tokens.length && (marks[index] ?? 0) > 0 ? index : -1
    }
  }
  const chosen: string[] = []
  for (const [text] of [...runs].sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))) {
    if (chosen.length >= limit) break
    // A run that repeats part of a stronger one tells nothing new.
    if (chosen.some((other) => (' ' + other + ' ').includes(' ' + text + ' '))) continue
    chosen.push(text)
  }
  return chosen
}

/**
 * Shorten a text to a length, on a word boundary where possible.
 *
 * @param value
 *   Text.
 * @param size
 *   Greatest length.
 * @returns
 *   Text, with an ellipsis when cut.
 */
export function excerpt(value: string, size = 160): string {
  const text = collapse(value)
  if (text.length <= size) return text
  const cut = text.slice(0, size - 1)
  const space = cut.lastIndexOf(' ')
  return (space > size * 0.6 ? cut.slice(0, space) : cut) + '…'
}

/**
 * Code-unit order of two strings (locale-free, so the same everywhere).
 *
 * @param left
 *   String.
 * @param right
 *   String.
 * @returns
 *   Sort order.
 */
export function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0
}
