/**
 * The gap matrix as data (`out/gap-matrix.json`) and the small pieces the
 * other matrix formats share.
 */
import type {Cell, CellStatus, GapMatrix, MatrixRow} from '../../align/index.js'

/** Marks of the statuses in text formats. */
export const statusMarks: Record<CellStatus, string> = {covered: '●', partial: '◐', missing: '○'}

/**
 * The object written to `out/gap-matrix.json`: the matrix with its keys in a
 * fixed order (cells in the framework's group order), so the file is
 * byte-identical across runs.
 *
 * @param matrix
 *   Matrix.
 * @returns
 *   Plain object.
 */
export function gapMatrixJson(matrix: GapMatrix): GapMatrix {
  const order = matrix.reference.groups.map((group) => group.id)
  return {
    reference: {
      id: matrix.reference.id,
      title: matrix.reference.title,
      code: matrix.reference.code,
      groups: matrix.reference.groups.map((group) => ({id: group.id, title: group.title, subpoints: group.subpoints.map((point) => ({id: point.id, name: point.name}))}))
    },
    rows: matrix.rows.map((row) => ({
      file: row.file,
      id: row.id,
      province: row.province,
      title: row.title,
      cells: Object.fromEntries(order.filter((id) => row.cells[id]).map((id) => [id, cellJson(row.cells[id] as Cell)]))
    })),
    related: matrix.related.map((document) => ({file: document.file, id: document.id, title: document.title, kind: document.kind, reason: document.reason})),
    sharedTargets: matrix.sharedTargets.map((shared) => ({
      subject: shared.subject,
      terms: [...shared.terms],
      group: shared.group,
      entries: shared.entries.map((entry) => ({file: entry.file, id: entry.id, province: entry.province, node: entry.node, line: entry.line, year: entry.year, excerpt: entry.excerpt}))
    }))
  }
}

/**
 * A cell with its keys in a fixed order.
 *
 * @param cell
 *   Cell.
 * @returns
 *   Copy.
 */
function cellJson(cell: Cell): Cell {
  return {
    status: cell.status,
    coverage: cell.coverage,
    reasons: [...cell.reasons],
    counts: {items: cell.counts.items, targets: cell.counts.targets, assignments: cell.counts.assignments, assignmentsWithDeadline: cell.counts.assignmentsWithDeadline},
    subpoints: {covered: [...cell.subpoints.covered], missing: [...cell.subpoints.missing]},
    evidence: cell.evidence.map((each) => ({node: each.node, line: each.line, scope: each.scope, excerpt: each.excerpt, score: each.score, terms: [...each.terms], phrases: [...each.phrases]}))
  }
}

/**
 * Short name of a row: its province, else its id.
 *
 * @param row
 *   Row.
 * @returns
 *   Name.
 */
export function rowName(row: MatrixRow): string {
  return row.province ?? row.id
}

/**
 * Name of a sub-point by id.
 *
 * @param matrix
 *   Matrix.
 * @param id
 *   Sub-point id.
 * @returns
 *   `G1.3 Lãnh đạo Hội đồng nhân dân`, or the id when unknown.
 */
export function subpointName(matrix: GapMatrix, id: string): string {
  for (const group of matrix.reference.groups) {
    const point = group.subpoints.find((each) => each.id === id)
    if (point) return point.id + ' ' + point.name
  }
  return id
}

/**
 * One-word summary of a cell: status and covered sub-points.
 *
 * @param cell
 *   Cell.
 * @returns
 *   `◐ partial 4/6`.
 */
export function cellSummary(cell: Cell): string {
  const total = cell.subpoints.covered.length + cell.subpoints.missing.length
  return statusMarks[cell.status] + ' ' + cell.status + (total > 0 ? ' ' + cell.subpoints.covered.length + '/' + total : '')
}
