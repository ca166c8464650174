/**
 * `repairs/<id>.json`: a damaged document's changes, one change to a line.
 * A stripped program has a change for nearly every syllable, thousands of
 * them: a line each makes the file 40 % smaller than pretty JSON, and a
 * change greppable and diffable as one line.
 */
import type {RepairChange} from '../../repair/index.js'

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
 *   JSON text with a final newline.
 */
export function repairsJson(options: RepairsJsonOptions): string {
  const {changes} = options
  const order = [...changes].sort((a, b) => Number(b.low) - Number(a.low) || a.offset - b.offset)
  const lines = order.map((change) => '    ' + JSON.stringify(change))
  return '{\n  "id": ' + JSON.stringify(options.id) + ',\n  "changes": ' + (lines.length > 0 ? '[\n' + lines.join(',\n') + '\n  ]' : '[]') + '\n}\n'
}
