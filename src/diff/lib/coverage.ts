/**
 * The coverage delta: which task groups of the reference, and which of their
 * sub-points, the new document covers better or worse than the old one. The
 * statuses come from alignment (a gap-matrix row per document); this stage
 * only compares them.
 *
 * The input types are the part of `align`'s matrix this stage reads, so a
 * matrix row and a document alignment are passed as they are.
 */
import type {CoverageChange, CoveragePlace, CoverageStatus} from './types.js'

/** A task group of the reference, as the matrix names it. */
export interface FrameworkGroupInput {
  /** Id (`G1`). */
  id: string
  /** Title. */
  title: string
  /** Sub-points. */
  subpoints: Array<{id: string; name: string}>
}

/** The reference framework (a resolution's task groups), as the matrix names it. */
export interface FrameworkInput {
  /** Task groups, in order. */
  groups: FrameworkGroupInput[]
}

/** A gap-matrix cell: one document × one group. */
export interface CellInput {
  /** Status. */
  status: CoverageStatus
  /** Sub-points covered and missing, by id. */
  subpoints: {covered: string[]; missing: string[]}
  /** Nodes that carry out the group. */
  evidence: Array<{node: string; line: number}>
  /** The rules that decided the status, in words, if given. */
  reasons?: string[] | null
}

/** A node's alignment: the group and sub-points it carries out. */
export interface AlignedNodeInput {
  /** Node id. */
  node: string
  /** Line. */
  line: number
  /** Group, or null. */
  group: string | null
  /** Sub-points touched. */
  subpoints: string[]
}

/** How one document covers the reference. */
export interface CoverageInput {
  /** Cells by group id (a gap-matrix row's `cells`). */
  cells: Record<string, CellInput>
  /** Aligned nodes (a document alignment's `nodes`), to say where a sub-point is covered. */
  nodes?: AlignedNodeInput[] | null
}

const rank: Record<CoverageStatus, number> = {missing: 0, partial: 1, covered: 2}

/**
 * Compare two documents' coverage of a reference.
 *
 * @param reference
 *   The reference's groups.
 * @param left
 *   Old coverage.
 * @param right
 *   New coverage.
 * @returns
 *   Changes in reference order: each group, then its sub-points.
 */
export function coverageChanges(reference: FrameworkInput, left: CoverageInput, right: CoverageInput): CoverageChange[] {
  const changes: CoverageChange[] = []
  for (const group of reference.groups) {
    const a = left.cells[group.id]
    const b = right.cells[group.id]
    const oldGroup = groupPlace(a)
    const newGroup = groupPlace(b)
    push(group.id, group.title, oldGroup, newGroup)
    for (const point of group.subpoints) {
      push(point.id, point.name, subpointPlace(point.id, a, left.nodes), subpointPlace(point.id, b, right.nodes))
    }
  }
  return changes

  /**
   * Add a change when the status moved.
   *
   * @param unit
   *   Group or sub-point id.
   * @param label
   *   Its name.
   * @param before
   *   Old place.
   * @param after
   *   New place.
   */
  function push(unit: string, label: string, before: CoveragePlace, after: CoveragePlace): void {
    const delta = rank[after.status] - rank[before.status]
    if (delta > 0) changes.push({kind: 'coverage-gained', unit, label, old: before, new: after})
    if (delta < 0) changes.push({kind: 'coverage-lost', unit, label, old: before, new: after})
  }
}

/**
 * Coverage of a group in one document.
 *
 * @param cell
 *   Cell, if any.
 * @returns
 *   Place.
 */
function groupPlace(cell: CellInput | undefined): CoveragePlace {
  if (!cell) return {status: 'missing', nodes: [], line: null, reasons: []}
  const evidence = [...cell.evidence].sort((x, y) => x.line - y.line)
  return {status: cell.status, nodes: evidence.map((item) => item.node), line: evidence[0]?.line ?? null, reasons: [...(cell.reasons ?? [])]}
}

/**
 * Coverage of a sub-point in one document: covered when its cell says so.
 *
 * @param id
 *   Sub-point id.
 * @param cell
 *   Its group's cell, if any.
 * @param nodes
 *   Aligned nodes, if given.
 * @returns
 *   Place.
 */
function subpointPlace(id: string, cell: CellInput | undefined, nodes: AlignedNodeInput[] | null | undefined): CoveragePlace {
  const covered = cell?.subpoints.covered.includes(id) === true
  const touching = covered ? (nodes ?? []).filter((node) => node.subpoints.includes(id)).sort((x, y) => x.line - y.line) : []
  return {status: covered ? 'covered' : 'missing', nodes: touching.map((node) => node.node), line: touching[0]?.line ?? null, reasons: []}
}
