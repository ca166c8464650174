/**
 * Role of a part or group from its title, by the words in `data/roles.json`.
 */
import {toBareKey} from '../../ingest/index.js'
import type {Role} from '../../types.js'
import roles from '../data/roles.json' with {type: 'json'}

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
  const key = ' ' + toBareKey(title).split(' ').slice(0, roles.window).join(' ') + ' '
  for (const entry of roles.specific) {
    if (entry.phrases.some((phrase) => key.includes(' ' + phrase + ' '))) return entry.role as Role
  }
  let best: Role | null = null
  let at = Number.POSITIVE_INFINITY
  for (const entry of roles.general) {
    for (const phrase of entry.phrases) {
      const index = key.indexOf(' ' + phrase + ' ')
      if (index !== -1 && index < at) {
        at = index
        best = entry.role as Role
      }
    }
  }
  return best
}
