/**
 * Role of a part or group from its title, by the words in `data/roles.json`.
 */
import {toBareKey} from '../../ingest/index.js'
import type {Role} from '../../types.js'
import roles from '../data/roles.json' with {type: 'json'}

const specific = withNeedles(roles.specific)
const general = withNeedles(roles.general)

/**
 * Role phrases with the spaces that bound a whole phrase, made once.
 *
 * @param entries
 *   Roles and their phrases.
 * @returns
 *   Roles and their needles.
 */
function withNeedles(entries: Array<{role: string; phrases: string[]}>): Array<{role: Role; needles: string[]}> {
  return entries.map((entry) => ({role: entry.role as Role, needles: entry.phrases.map((phrase) => ' ' + phrase + ' ')}))
}

/**
 * Role of a title.
 *
 * @param title
 *   Title text (clean or OCR-damaged).
 * @returns
 *   Role, or null when no title word is known.
 */
export function roleOf(title: string): Role | null {
  // A role word counts only near the start: `… và tổ chức thực hiện …` deep
  // in a task title does not make it the implementation part.
  const bare = toBareKey(title)
  // The first words: up to the space after the last of them, without splitting the whole title.
  let end = -1
  for (let word = 0; word < roles.window; word++) {
    end = bare.indexOf(' ', end + 1)
    if (end === -1) break
  }
  const key = ' ' + (end === -1 ? bare : bare.slice(0, end)) + ' '
  for (const entry of specific) {
    if (entry.needles.some((needle) => key.includes(needle))) return entry.role
  }
  let best: Role | null = null
  let at = Number.POSITIVE_INFINITY
  for (const entry of general) {
    for (const needle of entry.needles) {
      const index = key.indexOf(needle)
      if (index !== -1 && index < at) {
        at = index
        best = entry.role
      }
    }
  }
  return best
}
