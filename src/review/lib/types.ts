/**
 * The small typed interface through which review reads the pipeline's
 * outputs, and the decision records editors make.
 *
 * Review names only the fields it reads (picked from the other stages'
 * types), so `out/documents/<id>.json`, `out/gap-matrix.json` and
 * `out/repairs/<id>.json` (and the objects `doichieu run` holds in memory)
 * fit structurally, and a field the other stages add later passes through
 * untouched.
 */
import type {Evidence, NodeAlignment, RunnerUp} from '../../align/index.js'
import type {RepairChange as RepairedToken} from '../../repair/index.js'

export type {Evidence, RunnerUp} from '../../align/index.js'

/** What an editor decided about. */
export type DecisionKind =
  /** Reassign a task item to another group, or mark it as not a task (`value` null). */
  | 'group'
  /** Confirm the group shown for a task item (`value` equals `old`). */
  | 'confirm'
  /** Correct a word that OCR repair wrote. */
  | 'word'
  /** Correct a metadata field (`province`, `date`). */
  | 'meta'

/** Metadata fields editors may correct. */
export type MetaField = 'province' | 'date'

/**
 * One decision, as stored, exported and applied. Decisions are never edited
 * or deleted: the current value of a target is the value of its latest
 * decision (greatest `at`, then greatest `id`).
 */
export interface Decision {
  /** Unique id (a UUID), kept across export and import. */
  id: string
  /** Document id (`out/documents/<id>.json`). */
  document: string
  /** What was decided about. */
  kind: DecisionKind
  /**
   * What in the document: a node id (`group`, `confirm`), the place of the
   * source token as `line:column` from 1 (`word`), or the field (`meta`).
   */
  target: string
  /**
   * What the target looked like when decided: the node's text (its first
   * 200 characters) or the source token. A later run checks it, so that a
   * decision never lands on an item that changed under it.
   */
  context: string | null
  /** Value before the decision (a group id, a word, a field value), or null. */
  old: string | null
  /** Value after: a group id or null for "not a task"; a word; a field value or null for "unknown". */
  value: string | null
  /** Name the editor typed. */
  author: string
  /** When, ISO 8601 in UTC with milliseconds (`2025-03-10T08:15:00.000Z`). */
  at: string
  /** Optional comment. */
  comment: string | null
}

/** A decision before the store gives it an id and a time. */
export type DecisionDraft = Omit<Decision, 'id' | 'at'>

/** Where a decision came from and who made it, as applied outputs carry it. */
export interface DecisionRef {
  /** Decision id. */
  id: string
  /** Kind. */
  kind: DecisionKind
  /** Editor. */
  author: string
  /** When. */
  at: string
  /** Comment. */
  comment: string | null
}

/**
 * What `applyDecisions` writes on a node an editor decided about
 * (`node.review`): the machine's own choice, kept so that applying again
 * gives the same result and pages can show both.
 */
export interface NodeReview {
  /** What the editor did. */
  action: 'confirmed' | 'reassigned' | 'not-task'
  /** The machine's group (null for none; absent when the machine did not align the node). */
  machine: string | null
  /** Whether the machine aligned the node at all. */
  aligned: boolean
  /** The machine's sub-points for the node (absent when it had none). */
  subpoints?: string[]
  /** The decision that holds. */
  decision: DecisionRef
}

/** What `applyDecisions` writes beside a corrected repair (`change.review`). */
export interface ChangeReview {
  /** The machine's repair. */
  machine: string
  /** The machine's confidence. */
  confidence: number
  /** Whether the machine flagged it as low-confidence. */
  low: boolean
  /** The decision that holds. */
  decision: DecisionRef
}

/** What `applyDecisions` writes beside corrected metadata (`document.review.meta`). */
export interface MetaReview {
  /** The value the pipeline found. */
  machine: string | null
  /** The decision that holds. */
  decision: DecisionRef
}

/** Per-document summary `applyDecisions` writes (`document.review`). */
export interface DocumentReview {
  /** Corrected metadata fields. */
  meta: Partial<Record<MetaField, MetaReview>>
  /** Number of decisions applied to this document (nodes, words, metadata). */
  applied: number
}

/**
 * A node of a document tree as review reads it: the segment fields, plus
 * the alignment fields on task nodes (`group` is absent on nodes the
 * alignment did not look at).
 */
export interface ReviewNode {
  /** Id unique in the document. */
  id: string
  /** Kind of node (`part`, `group`, `item`, `bullet`…). */
  kind: string
  /** Numbering as written, or null. */
  num: string | null
  /** Title of a numbered heading, or null. */
  heading: string | null
  /** Body text of the node itself. */
  text: string
  /** First line in the source. */
  line: number
  /** Role of a part or group from its title (`tasks`, `assignments`, `targets`…). */
  role?: string | null
  /** Child nodes. */
  children: ReviewNode[]
  /** Group id of the reference, null for none; absent on nodes not aligned. */
  group?: string | null
  /** Alignment score of the chosen group. */
  score?: number | null
  /** The second-best group. */
  runnerUp?: RunnerUp | null
  /** Why the group was chosen. */
  evidence?: Evidence | null
  /** Sub-points of the group the node touches. */
  subpoints?: string[]
  /** Editors' decision, written by `applyDecisions`. */
  review?: NodeReview
}

/** Metadata as review reads it. */
export interface ReviewMeta {
  /** Province. */
  province: string | null
  /** Date of issue, `YYYY-MM-DD`. */
  date: string | null
  /** Document kind. */
  kind?: string | null
  /** Title as written. */
  title?: string | null
}

/**
 * One aligned node as the alignment lists it (`DocumentAlignment.nodes` of
 * `src/align`, which `buildMatrix` reads), with the editors' decision.
 */
export interface AlignmentNode extends NodeAlignment {
  /** Editors' decision, written by `applyDecisions`. */
  review?: NodeReview
}

/**
 * A document as review reads it: `out/documents/<id>.json` (the tree in
 * `root`, annotated with groups), or the documents `doichieu run` hands to
 * `buildMatrix` (the plain tree in `tree`, the groups in `alignment.nodes`).
 */
export interface ReviewDocument {
  /** Document id. */
  id: string
  /** Path of the source, relative to the working folder. */
  file: string
  /** Metadata. */
  meta: ReviewMeta | null
  /** Tree annotated with the alignment, or null for a document that failed. */
  root?: ReviewNode | null
  /** Tree without annotations (used to find nodes when there is no `root`). */
  tree?: ReviewNode | null
  /**
   * The alignment: the summary in `out/documents/<id>.json`, or the full
   * `DocumentAlignment`; when it lists its nodes, decisions are applied there too.
   */
  alignment?: {reference?: string; nodes?: AlignmentNode[]} | null
  /** Editors' decisions applied, written by `applyDecisions`. */
  review?: DocumentReview
}

/** One token OCR repair changed (`out/repairs/<id>.json`), as review reads it. */
export interface RepairChange extends Pick<RepairedToken, 'line' | 'column' | 'source' | 'repair' | 'confidence' | 'alternatives' | 'low'> {
  /** Editor's correction, written by `applyDecisions`. */
  review?: ChangeReview
}

/** The repairs of one document, with its repaired text when known. */
export interface RepairRecord<Change extends RepairChange = RepairChange> {
  /** Document id. */
  id: string
  /** Changed tokens. */
  changes: Change[]
  /**
   * The repaired text (`out/repairs/<id>.txt`): line N is line N of the
   * source. Null when not at hand.
   */
  text: string | null
}

/** A sub-point of a reference group. */
export interface ReferenceSubpoint {
  /** Id (`G1.3`). */
  id: string
  /** Name. */
  name: string
}

/** A group of the reference framework. */
export interface ReferenceGroup {
  /** Id (`G1`). */
  id: string
  /** Official title. */
  title: string
  /** Sub-points. */
  subpoints?: ReferenceSubpoint[]
}

/** Counts of a matrix cell. */
export interface CellCounts {
  /** Task items and agency tasks aligned to the group. */
  items: number
  /** Targets aligned to the group. */
  targets: number
  /** Assignments aligned to the group. */
  assignments: number
  /** Of those, assignments with a deadline. */
  assignmentsWithDeadline: number
}

/** One piece of evidence of a cell. */
export interface CellEvidence {
  /** Node id in the document. */
  node: string
  /** Line of the node. */
  line: number
  /** Excerpt of the node's text. */
  excerpt: string
  /** Alignment score. */
  score: number
  /** Shared terms. */
  terms?: string[]
  /** Key phrases found. */
  phrases?: string[]
}

/** One cell of the gap matrix, as review shows it. */
export interface GapCell {
  /** Coverage status: `covered`, `partial` or `missing`. */
  status: string
  /** Share of the group's sub-points covered, 0–1. */
  coverage?: number
  /** The rules that decided the status, in words. */
  reasons?: string[]
  /** Counts. */
  counts: CellCounts
  /** Sub-points covered and missing, by id. */
  subpoints: {covered: string[]; missing: string[]}
  /** Evidence, strongest first. */
  evidence: CellEvidence[]
}

/** One row of the gap matrix: an implementing document. */
export interface GapRow {
  /** Source path. */
  file: string
  /** Document id. */
  id: string
  /** Province. */
  province: string | null
  /** Title. */
  title?: string | null
  /** Cells by group id. */
  cells: Record<string, GapCell>
}

/** A related document: in the corpus but not implementing the reference. */
export interface RelatedDocument {
  /** Source path. */
  file: string
  /** Document id. */
  id: string
  /** Title, or null. */
  title?: string | null
  /** Why it is not a row. */
  reason?: string | null
}

/** The gap matrix as review reads it (`out/gap-matrix.json`). */
export interface GapMatrix {
  /** The reference framework. */
  reference: {id?: string; code?: string | null; title?: string; groups: ReferenceGroup[]}
  /** Rows. */
  rows: GapRow[]
  /** Related documents. */
  related: RelatedDocument[]
}
