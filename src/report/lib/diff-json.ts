/**
 * The JSON form of a diff (`doichieu diff --format json`): the two
 * documents, the summary and the list of changes. The node matching stays
 * out: it is the means, the changes are the result.
 */
import type {Change, DiffResult, DiffSummary, DocumentInfo} from '../../diff/index.js'

/** A diff as written to JSON. */
export interface DiffJson {
  /** The old document. */
  old: DocumentInfo
  /** The new document. */
  new: DocumentInfo
  /** Counts. */
  summary: DiffSummary
  /** Changes, each with a `kind`. */
  changes: Change[]
}

/**
 * JSON of a diff.
 *
 * @param result
 *   Diff.
 * @returns
 *   Plain object, keys in a fixed order.
 */
export function diffJson(result: DiffResult): DiffJson {
  return {old: result.old, new: result.new, summary: result.summary, changes: result.changes}
}
