/**
 * `repairs/<id>.json`: a damaged document's changes, one change to a line.
 * A stripped program has a change for nearly every syllable, thousands of
 * them: a line each makes the file 40 % smaller than pretty JSON, and a
 * change greppable and diffable as one line.
 */
import type {RepairChange} from '../../repair/index.js'
import type {Text} from './write.js'

/** What {@link repairsJson} reads. */
export interface RepairsJsonOptions {
  /** Document id. */
  id: string
  /** Changes, in text order. */
  changes: readonly RepairChange[]
}

/**
 * The repairs file of a document: the changes an editor should check (low
 * confidence) first, then the others, each group in text order.
 *
 * @param options
 *   Id and changes.
 * @returns
 *   JSON text with a final newline, a piece per change (the file of a
 *   stripped program is a megabyte).
 */
export function repairsJson(options: RepairsJsonOptions): Text {
  const head = '{\n  "id": ' + JSON.stringify(options.id) + ',\n  "changes": '
  if (options.changes.length === 0) return head + '[]\n}\n'
  const pieces = [head + '[']
  for (const change of [...options.changes].sort(checkFirst)) pieces.push((pieces.length > 1 ? ',\n    ' : '\n    ') + JSON.stringify(change))
  pieces.push('\n  ]\n}\n')
  return pieces
}

/**
 * Order of changes in the file: those of low confidence first, then by place.
 *
 * @param a
 *   Change.
 * @param b
 *   Other change.
 * @returns
 *   Order.
 */
function checkFirst(a: RepairChange, b: RepairChange): number {
  return Number(b.low) - Number(a.low) || a.offset - b.offset
}
