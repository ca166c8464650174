/**
 * Diff two documents: match their nodes by content, then list tree changes
 * (added, removed, moved, renumbered, edited), record changes (targets,
 * assignments, citations) when records are given, and the coverage delta
 * against the reference when alignments are given.
 */
import type {DocNode, Meta} from '../../types.js'
import {coverageChanges, type CoverageInput, type FrameworkInput} from './coverage.js'
import {entries} from './entries.js'
import {match} from './match.js'
import {recordChanges, type RecordsInput} from './records.js'
import {treeChanges} from './tree.js'
import {changeKinds, type Change, type ChangeKind, type DiffResult, type DocumentInfo} from './types.js'

/** One side of a diff. */
export interface DiffSide {
  /** Document tree. */
  tree: DocNode
  /** Metadata, if known. */
  meta?: Meta | null
  /** Path to show, if any. */
  file?: string | null
  /** Records `extract` read from the document; compared when both sides give them. */
  records?: RecordsInput | null
  /** Coverage of the reference (alignment's matrix row); compared when both sides and `reference` are given. */
  coverage?: CoverageInput | null
}

/** Options for {@link diff}. */
export interface DiffOptions {
  /** The old document (the earlier draft, or the document compared against). */
  old: DiffSide
  /** The new document. */
  new: DiffSide
  /** The reference framework the coverage is of (the matrix's `reference`). */
  reference?: FrameworkInput | null
  /** Least content similarity (0–1) to pair two nodes anywhere (default 0.5). */
  threshold?: number | null
  /** Least similarity to pair leftover nodes under matched ancestors (default 0.3). */
  contextThreshold?: number | null
}

/**
 * Compare two documents.
 *
 * @param options
 *   The two sides and thresholds.
 * @returns
 *   The changes, with a summary.
 */
export function diff(options: DiffOptions): DiffResult {
  const left = entries(options.old.tree)
  const right = entries(options.new.tree)
  const matching = match(left, right, {threshold: options.threshold ?? 0.5, contextThreshold: options.contextThreshold ?? 0.3})
  const tree = treeChanges(left, right, matching)
  const records = options.old.records && options.new.records ? recordChanges(options.old.records, options.new.records, {old: left, new: right}, matching) : []
  const {reference} = options
  const [before, after] = [options.old.coverage, options.new.coverage]
  const coverage = reference && before && after ? coverageChanges(reference, before, after) : null
  const changes: Change[] = [...tree.changes, ...records, ...(coverage ?? [])]
  const counts = Object.fromEntries(changeKinds.map((kind) => [kind, 0])) as Record<ChangeKind, number>
  for (const change of changes) counts[change.kind]++
  return {
    old: info(options.old, left.length),
    new: info(options.new, right.length),
    summary: {
      matched: matching.forward.size,
      unchanged: tree.unchanged,
      identical: changes.length === 0,
      counts,
      records: Boolean(options.old.records && options.new.records),
      coverage: coverage !== null
    },
    changes,
    matches: left.flatMap((a) => {
      const b = matching.forward.get(a)
      return b ? [{old: a.node.id, new: b.node.id, similarity: matching.similarity.get(a) ?? 0}] : []
    })
  }
}

/**
 * Describe one side.
 *
 * @param side
 *   Side.
 * @param nodes
 *   Node count.
 * @returns
 *   Info.
 */
function info(side: DiffSide, nodes: number): DocumentInfo {
  return {
    file: side.file ?? null,
    title: side.meta?.title ?? null,
    province: side.meta?.province ?? null,
    date: side.meta?.date ?? null,
    nodes
  }
}

export {compareWords} from './words.js'
export type {AlignedNodeInput, CellInput, CoverageInput, FrameworkGroupInput, FrameworkInput} from './coverage.js'
export type {AssignmentInput, RecordsInput, ReferenceInput, TargetInput, TimeFrameInput} from './records.js'
export {changeKinds} from './types.js'
export type * from './types.js'
export {redline, type RedlineRow, type RedlineTrees, type RowStatus} from './redline.js'
