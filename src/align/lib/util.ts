/**
 * Small helpers shared by the alignment modules.
 */
import type {Token, Vector} from './features.js'

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
 * @param tokens
 *   Tokens of the text.
 * @param vector
 *   Vector of the text.
 * @param profile
 *   Vector of the group.
 * @param limit
 *   How many terms to give.
 * @returns
 *   Terms, strongest first.
 */
export function sharedTerms(tokens: Token[], vector: Vector, profile: Vector, limit: number): string[] {
  const contributions = new Map<string, number>()
  let total = 0
  for (const [feature, weight] of vector) {
    const other = profile.get(feature)
    if (!other) continue
    contributions.set(feature, weight * other)
    total += weight * other
  }
  if (total === 0) return []
  // The strongest features that make up most of the similarity.
  const ranked = [...contributions].sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
  const kept = new Map<string, number>()
  let sum = 0
  for (const [feature, value] of ranked) {
    if (kept.size >= 12 || (sum >= total * 0.6 && kept.size >= 3)) break
    kept.set(feature, value)
    sum += value
  }
  const marks: number[] = tokens.map(() => 0)
  // Only a word that starts a kept pair can start one in the text.
  const firsts = new Set([...kept.keys()].flatMap((feature) => (feature.includes(' ') ? [feature.slice(0, feature.indexOf(' '))] : [])))
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (!token || token.stop) continue
    const single = kept.get(token.bare)
    if (single) marks[index] = (marks[index] ?? 0) + single
    const next = tokens[index + 1]
    if (next && !next.stop && next.joined && firsts.has(token.bare)) {
      const pair = kept.get(token.bare + ' ' + next.bare)
      if (pair) {
        marks[index] = (marks[index] ?? 0) + pair / 2
        marks[index + 1] = (marks[index + 1] ?? 0) + pair / 2
      }
    }
  }
  const runs = new Map<string, number>()
  let start = -1
  for (let index = 0; index <= tokens.length; index++) {
    const on = index < tokens.length && (marks[index] ?? 0) > 0 && (start === -1 || tokens[index]?.joined === true)
    if (on && start === -1) start = index
    if (!on && start !== -1) {
      const words = tokens.slice(start, index)
      const text = words.map((token) => token.surface).join(' ')
      const weight = marks.slice(start, index).reduce((value, mark) => value + mark, 0)
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
  const text = value.replace(/\s+/g, ' ').trim()
  if (text.length <= size) return text
  const cut = text.slice(0, size - 1)
  const space = cut.lastIndexOf(' ')
  return (space > size * 0.6 ? cut.slice(0, space) : cut) + '…'
}
