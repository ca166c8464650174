/**
 * The shape of a diff: what changed between two document trees, as a flat
 * list of changes, each with a `kind` and its old and new places.
 */
import type {NodeKind} from '../../types.js'

/** One run of a word-level comparison. */
export interface WordPart {
  /** Whether the run is in both texts, only the new one, or only the old one. */
  op: 'equal' | 'insert' | 'delete'
  /** Text of the run, as written in its source (the new source for `equal`). */
  value: string
}

/** Where a node sits in one of the documents. */
export interface NodePlace {
  /** Node id (`part_III__group_2__bullet_3`). */
  id: string
  /** Node kind. */
  kind: NodeKind
  /** Numbering as written (`2.`, `1.1.`, `-`), or null. */
  num: string | null
  /** First line in the source, from 1. */
  line: number
  /** Readable path of numbering from the top (`III › 2 › bullet 3`). */
  path: string
  /** Heading and text of the node itself, as written. */
  value: string
  /** The parent node, or null at the top level. */
  parent: ParentPlace | null
}

/** Short form of the parent of a place. */
export interface ParentPlace {
  /** Node id. */
  id: string
  /** Numbering as written, or null. */
  num: string | null
  /** Readable path. */
  path: string
  /** Heading or text, as written. */
  value: string
}

/** A node of the new document that the old one lacks. */
export interface AddedChange {
  kind: 'added'
  old: null
  new: NodePlace
  /** Nodes added with it: itself and its unmatched descendants. */
  nodes: number
}

/** A node of the old document that the new one lacks. */
export interface RemovedChange {
  kind: 'removed'
  old: NodePlace
  new: null
  /** Nodes removed with it: itself and its unmatched descendants. */
  nodes: number
}

/**
 * A node that now sits under another parent, or (without numbering to say
 * so) in another order among the same siblings.
 */
export interface MovedChange {
  kind: 'moved'
  old: NodePlace
  new: NodePlace
  /** Whether the parent stayed the same and only the order changed. */
  reordered: boolean
}

/** A node under the same parent whose own number changed (`2.` → `3.`). */
export interface RenumberedChange {
  kind: 'renumbered'
  old: NodePlace
  new: NodePlace
}

/** A node whose words changed. */
export interface EditedChange {
  kind: 'edited'
  old: NodePlace
  new: NodePlace
  /** Content similarity, 0 to 1, three decimals. */
  similarity: number
  /** Word-level comparison of the old and new values. */
  words: WordPart[]
}

/** A change to the structure or wording of the tree. */
export type NodeChange = AddedChange | RemovedChange | MovedChange | RenumberedChange | EditedChange

/** A quantified target as compared. */
export interface TargetPlace {
  /** Id of the node holding the target. */
  node: string
  /** Line of the target, from 1. */
  line: number
  /** The target's values as written (`90%`, `02 - 04 tập thể`). */
  value: string
  /** Year the target is due, or null. */
  year: number | null
  /** The sentence or text the target was read from. */
  text: string
}

/** A target whose values or year changed on a matched node. */
export interface TargetChangedChange {
  kind: 'target-changed'
  old: TargetPlace
  new: TargetPlace
  /** Which fields changed. */
  fields: Array<'value' | 'year'>
}

/** A target the new document adds. */
export interface TargetAddedChange {
  kind: 'target-added'
  old: null
  new: TargetPlace
}

/** A target the new document drops. */
export interface TargetRemovedChange {
  kind: 'target-removed'
  old: TargetPlace
  new: null
}

/** An assignment of a task to an agency as compared. */
export interface AssignmentPlace {
  /** Id of the task node. */
  node: string
  /** Line, from 1. */
  line: number
  /** Agency, canonical name. */
  agency: string
  /** Whether the agency leads the task (`lead`) or co-operates (`cooperate`). */
  role: string
  /** Deadline as written, or null. */
  deadline: string | null
  /** The task text. */
  text: string
}

/** An assignment whose agency or deadline changed. */
export interface AssignmentChangedChange {
  kind: 'assignment-changed'
  old: AssignmentPlace
  new: AssignmentPlace
  /** Which fields changed. */
  fields: Array<'agency' | 'deadline'>
}

/** An assignment the new document adds. */
export interface AssignmentAddedChange {
  kind: 'assignment-added'
  old: null
  new: AssignmentPlace
}

/** An assignment the new document drops. */
export interface AssignmentRemovedChange {
  kind: 'assignment-removed'
  old: AssignmentPlace
  new: null
}

/** A cited document (resolution, decision, plan…) as compared. */
export interface CitationPlace {
  /** Code, normalised (`28-NQ/TW`). */
  code: string
  /** Id of the node of the first citation. */
  node: string
  /** Line of the first citation, from 1. */
  line: number
  /** How many times the document cites the code. */
  count: number
  /** The citation as written at its first place. */
  value: string
}

/** A document the new one cites and the old one does not. */
export interface CitationAddedChange {
  kind: 'citation-added'
  old: null
  new: CitationPlace
}

/** A document the old one cites and the new one does not. */
export interface CitationRemovedChange {
  kind: 'citation-removed'
  old: CitationPlace
  new: null
}

/** A change to the records extracted from the text. */
export type RecordChange =
  | TargetChangedChange
  | TargetAddedChange
  | TargetRemovedChange
  | AssignmentChangedChange
  | AssignmentAddedChange
  | AssignmentRemovedChange
  | CitationAddedChange
  | CitationRemovedChange

/** How one document covers one task group or sub-point of the reference. */
export interface CoveragePlace {
  /** Status in that document. */
  status: CoverageStatus
  /** Ids of the document's nodes aligned to it. */
  nodes: string[]
  /** First line of those nodes, or null when there are none. */
  line: number | null
  /** Why the status (a group's matrix reasons); empty for a sub-point. */
  reasons: string[]
}

/** Coverage status of a reference unit in one document. */
export type CoverageStatus = 'covered' | 'partial' | 'missing'

/** A reference group or sub-point that the new document covers better. */
export interface CoverageGainedChange {
  kind: 'coverage-gained'
  /** Reference unit: a group (`G3`) or a sub-point (`G3.2`). */
  unit: string
  /** Its label in the reference. */
  label: string
  old: CoveragePlace
  new: CoveragePlace
}

/** A reference group or sub-point that the new document covers less. */
export interface CoverageLostChange {
  kind: 'coverage-lost'
  /** Reference unit: a group (`G3`) or a sub-point (`G3.2`). */
  unit: string
  /** Its label in the reference. */
  label: string
  old: CoveragePlace
  new: CoveragePlace
}

/** A change in coverage of the reference. */
export type CoverageChange = CoverageGainedChange | CoverageLostChange

/** Any change. */
export type Change = NodeChange | RecordChange | CoverageChange

/** Kinds of change, in the order reports list them. */
export type ChangeKind = Change['kind']

/** The kinds of change in report order. */
export const changeKinds: readonly ChangeKind[] = [
  'edited',
  'moved',
  'renumbered',
  'added',
  'removed',
  'target-changed',
  'target-added',
  'target-removed',
  'assignment-changed',
  'assignment-added',
  'assignment-removed',
  'citation-added',
  'citation-removed',
  'coverage-gained',
  'coverage-lost'
]

/** A document as the diff describes it. */
export interface DocumentInfo {
  /** Path as given, or null. */
  file: string | null
  /** Title, or null. */
  title: string | null
  /** Province, or null. */
  province: string | null
  /** Date of issue, `YYYY-MM-DD`, or null. */
  date: string | null
  /** Nodes in the tree, root excluded. */
  nodes: number
}

/** Counts over a diff. */
export interface DiffSummary {
  /** Nodes of the old document matched to a node of the new one. */
  matched: number
  /** Matched nodes whose content, number and place are all the same. */
  unchanged: number
  /** Whether nothing changed at all. */
  identical: boolean
  /** Number of changes of each kind (every kind present, zero when none). */
  counts: Record<ChangeKind, number>
  /** Whether records (targets, assignments, citations) were compared: both sides gave them. */
  records: boolean
  /** Whether a coverage comparison ran (`false` without alignments). */
  coverage: boolean
}

/** Result of {@link diff}. */
export interface DiffResult {
  /** The old document. */
  old: DocumentInfo
  /** The new document. */
  new: DocumentInfo
  /** Counts. */
  summary: DiffSummary
  /** Changes: tree changes in the new document's order, then records, citations, coverage. */
  changes: Change[]
  /** Node pairs matched, old id → new id, in old document order. */
  matches: Array<{old: string; new: string; similarity: number}>
}
