/**
 * `out/gap-matrix.csv`: one line per document × group, UTF-8 with a byte
 * order mark (through the shared CSV writer), for spreadsheets.
 */
import type {GapMatrix} from '../../align/index.js'
import {toCsv, type CsvValue} from './csv.js'

/** Columns of `gap-matrix.csv`. */
export const gapMatrixColumns = [
  'file',
  'id',
  'province',
  'group',
  'group_title',
  'status',
  'coverage',
  'items',
  'targets',
  'assignments',
  'assignments_with_deadline',
  'subpoints_covered',
  'subpoints_missing',
  'evidence',
  'reasons'
]

/**
 * The gap matrix as CSV.
 *
 * @param matrix
 *   Matrix.
 * @returns
 *   CSV text (BOM, CRLF).
 */
export function gapMatrixCsv(matrix: GapMatrix): string {
  const rows: CsvValue[][] = []
  for (const row of matrix.rows) {
    for (const group of matrix.reference.groups) {
      const cell = row.cells[group.id]
      if (!cell) continue
      rows.push([
        row.file,
        row.id,
        row.province,
        group.id,
        group.title,
        cell.status,
        cell.coverage,
        cell.counts.items,
        cell.counts.targets,
        cell.counts.assignments,
        cell.counts.assignmentsWithDeadline,
        cell.subpoints.covered.join(' '),
        cell.subpoints.missing.join(' '),
        // The strongest evidence, as `node:line`, for a reader to look up.
        cell.evidence
          .slice(0, 5)
          .map((each) => each.node + ':' + each.line)
          .join(' '),
        cell.reasons.join('; ')
      ])
    }
  }
  return toCsv(gapMatrixColumns, rows)
}
