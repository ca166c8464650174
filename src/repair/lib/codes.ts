/**
 * Document codes (`28-NQ/TW`, `08-QĐi/TW`): the kinds and issuers seen in
 * clean texts, and repair of damaged codes against them.
 */
import {channelCost, type Channel} from './channel.js'

/** Kinds (`NQ`, `QĐi`) and issuers (`TW`, `TU`) with their counts in clean texts. */
export interface CodeKnowledge {
  /** Count of each kind. */
  kinds: Record<string, number>
  /** Count of each issuer. */
  issuers: Record<string, number>
}

/** A code reading with its probability. */
export interface CodeReading {
  /** The code as it should be written. */
  value: string
  /** Posterior probability among the readings considered. */
  confidence: number
}

const shape = /^(\d{1,4})-([A-Za-zĐđ]{1,5}?)(\/|\||\s?I)\s?([A-ZĐ](?:\s?[A-ZĐ]){0,3})$/u

/**
 * Split a code token into number, kind, separator and issuer.
 *
 * @param value
 *   Code token.
 * @returns
 *   Parts, or `undefined` when it is not code-shaped.
 */
export function parseCode(value: string): {number: string; kind: string; separator: string; issuer: string} | undefined {
  const match = shape.exec(value)
  if (!match) return undefined
  return {
    number: match[1] ?? '',
    kind: match[2] ?? '',
    separator: match[3] ?? '',
    issuer: (match[4] ?? '').replace(/\s/g, '')
  }
}

/**
 * Count kinds and issuers of the codes in clean text.
 *
 * @param codes
 *   Code tokens.
 * @returns
 *   Knowledge.
 */
export function learnCodes(codes: string[]): CodeKnowledge {
  const kinds: Record<string, number> = {}
  const issuers: Record<string, number> = {}
  for (const code of codes) {
    const parts = parseCode(code)
    if (!parts || parts.separator !== '/') continue
    kinds[parts.kind] = (kinds[parts.kind] ?? 0) + 1
    issuers[parts.issuer] = (issuers[parts.issuer] ?? 0) + 1
  }
  return {kinds, issuers}
}

/**
 * Readings of a possibly damaged code, best first: the kind and issuer as
 * written, or known ones the channel could have turned into them.
 *
 * @param value
 *   Code token.
 * @param knowledge
 *   Known kinds and issuers.
 * @param channel
 *   Channel model of code letters (case kept).
 * @param keep
 *   Probability that a part as written is right even when unknown (the
 *   document's share of undamaged words).
 * @returns
 *   Readings (at least one).
 */
export function readCode(value: string, knowledge: CodeKnowledge, channel: Channel, keep: number): CodeReading[] {
  const parts = parseCode(value)
  if (!parts) return [{value, confidence: 1}]
  const damagedSeparator = parts.separator !== '/'
  const kinds = part(parts.kind, knowledge.kinds, channel, keep)
  const issuers = part(parts.issuer, knowledge.issuers, channel, keep)
  const readings: CodeReading[] = []
  for (const kind of kinds.slice(0, 3)) {
    for (const issuer of issuers.slice(0, 3)) {
      readings.push({value: parts.number + '-' + kind.value + '/' + issuer.value, confidence: kind.confidence * issuer.confidence})
    }
  }
  readings.sort((a, b) => b.confidence - a.confidence || (a.value < b.value ? -1 : 1))
  // A separator that is not a slash is damage whatever the parts say.
  if (damagedSeparator && readings[0]) readings[0].confidence = Math.max(readings[0].confidence, 0.5)
  return readings
}

/**
 * @param written
 *   Part as written.
 * @param known
 *   Known values with counts.
 * @param channel
 *   Channel model of code letters.
 * @param keep
 *   Probability that the part as written is right.
 * @returns
 *   Readings of the part, best first, confidences summing to 1.
 */
function part(written: string, known: Record<string, number>, channel: Channel, keep: number): CodeReading[] {
  let total = 0
  for (const count of Object.values(known)) total += count
  const scores = new Map<string, number>()
  const seen = known[written]
  // As written: known parts by their share, unknown ones by a small prior.
  scores.set(written, Math.log(keep) + Math.log(seen ? (seen + 1) / (total + 1) : 1 / (total + 1)))
  for (const [value, count] of Object.entries(known)) {
    if (value === written) continue
    const cost = channelCost(channel, value, written)
    const score = Math.log(1 - keep) - cost + Math.log(count / (total + 1))
    scores.set(value, score)
  }
  let best = Number.NEGATIVE_INFINITY
  for (const score of scores.values()) best = Math.max(best, score)
  let sum = 0
  for (const score of scores.values()) sum += Math.exp(score - best)
  return [...scores]
    .map(([value, score]) => ({value, confidence: Math.exp(score - best) / sum}))
    .sort((a, b) => b.confidence - a.confidence || (a.value < b.value ? -1 : 1))
}
