/**
 * Types of the alignment stage: the framework, what extraction hands over,
 * a document's alignment, the model, and the gap matrix.
 */
import type {DocNode} from '../../types.js'
import type {Space, Vector} from './features.js'

/** A sub-point of a group (`G1.3 Lãnh đạo Hội đồng nhân dân`). */
export interface ReferenceSubpoint {
  /** Id, the group's id and a dot first (`G1.3`). */
  id: string
  /** Name. */
  name: string
  /** Key phrases. */
  phrases: string[]
  /** Where the sub-point comes from, as the file says. */
  source: string[]
  /** Line of its heading in the framework file. */
  line: number
}

/** A task group of the framework (`G1`). */
export interface ReferenceGroup {
  /** Id (`G1`). */
  id: string
  /** Official title. */
  title: string
  /** Other wordings of the title. */
  titles: string[]
  /** Key phrases of the group as a whole. */
  phrases: string[]
  /** Where the group comes from, as the file says. */
  source: string[]
  /** Sub-points, in file order. */
  subpoints: ReferenceSubpoint[]
  /** Line of its heading in the framework file. */
  line: number
}

/** A framework: a resolution's task groups, as read by `parseReference`. */
export interface Reference {
  /** Short id (`28-nq-tw`). */
  id: string
  /** Title. */
  title: string
  /** Code programs cite (`28-NQ/TW`), or null. */
  code: string | null
  /** Other spellings of the code. */
  aliases: string[]
  /** Date of issue, as written in the file. */
  date: string | null
  /** Issuing body. */
  issuer: string | null
  /** Path of the file it was read from, or null. */
  path: string | null
  /** Groups, in file order. */
  groups: ReferenceGroup[]
}

/** Any extraction record: the node it was found in and its line. */
export interface ExtractRecord {
  /** Node id. */
  node: string
  /** Line, from 1. */
  line: number
}

/** A target as extraction reports it (only what alignment reads). */
export interface ExtractTarget extends ExtractRecord {
  /** The figure with its words (`tối thiểu 80%`), when extraction gives it. */
  text?: string | null
  /** What is measured, as written. */
  subject?: string | null
  /** The sentence the target is in. */
  sentence?: string | null
  /** When it is to be reached. */
  timeFrame?: {year: number | null; to?: number | null} | null
}

/** An assignment as extraction reports it (only what alignment reads). */
export interface ExtractAssignment extends ExtractRecord {
  /** Agency in charge, or null. */
  agency: string | null
  /** Deadline in any form extraction uses (text or object), or null. */
  deadline?: unknown
}

/**
 * What alignment needs from `extract({tree, meta, file})`: a structural
 * subset, so the extraction result can be passed as it is.
 */
export interface ExtractLike {
  /** Targets. */
  targets: ExtractTarget[]
  /** Assignments. */
  assignments: ExtractAssignment[]
}

/** Where an aligned node sits: a task of the tasks part, an agency's task, or a target. */
export type Scope = 'task' | 'assignment' | 'target'

/** The second-best candidate of an alignment. */
export interface RunnerUp {
  /** Group id, or null for “no group”. */
  group: string | null
  /** Its score. */
  score: number
}

/** Why a node aligned where it did. */
export interface Evidence {
  /** Words and word pairs shared with the group, as the node writes them, strongest first. */
  terms: string[]
  /** Key phrases of the framework found in the node. */
  phrases: string[]
  /** Id of the section whose alignment lent its weight, or null. */
  section: string | null
}

/** The alignment of one node. */
export interface NodeAlignment {
  /** Node id. */
  node: string
  /** Line of the node. */
  line: number
  /** Where it sits. */
  scope: Scope
  /** Group id, or null when it carries out no group. */
  group: string | null
  /** Score of the chosen candidate (rounded). */
  score: number
  /** The second-best candidate. */
  runnerUp: RunnerUp | null
  /** Why. */
  evidence: Evidence
  /** Sub-points of the chosen group the node touches. */
  subpoints: string[]
}

/** The alignment of a section heading of the tasks part (a group of the program). */
export interface SectionAlignment {
  /** Node id. */
  node: string
  /** Line. */
  line: number
  /** Heading as written. */
  heading: string
  /** Group id, or null when no group is clear. */
  group: string | null
  /** Score (rounded). */
  score: number
  /** The second-best group. */
  runnerUp: RunnerUp | null
  /** Heading words shared with the group. */
  terms: string[]
}

/** Everything alignment finds in one document. */
export interface DocumentAlignment {
  /** Framework id. */
  reference: string
  /** Whether the document implements the framework (a matrix row) or is only related. */
  implements: boolean
  /** Why, in a sentence. */
  reason: string
  /** Whether the document cites the framework's code in its metadata or title. */
  cites: boolean
  /** Groups that have a section of their own in the tasks part. */
  sectionGroups: string[]
  /** Sections of the tasks part. */
  sections: SectionAlignment[]
  /** Aligned nodes, in source order. */
  nodes: NodeAlignment[]
}

/** A unit of the model's memory: an item whose group its section tells. */
export interface Exemplar {
  /** Node id. */
  node: string
  /** Text, to recognise the node itself. */
  text: string
  /** Group of its section. */
  group: string
  /** Feature vector. */
  vector: Vector
}

/**
 * The content model: IDF weights over the corpus, one profile per group
 * (framework text plus the items the programs file under it) and the
 * exemplars for nearest-neighbour votes.
 */
export interface AlignModel {
  /** Framework. */
  reference: Reference
  /** Its features, numbered, with their IDF. */
  space: Space
  /** Vector of each group's framework text. */
  groupText: Map<string, Vector>
  /** Vector of each sub-point's text. */
  subpointText: Map<string, Vector>
  /** Profile of each group. */
  profiles: Map<string, Vector>
  /** Profile of a program's roll-out of itself (aligns to no group). */
  rollOut: Vector
  /** Exemplars. */
  exemplars: Exemplar[]
}

/** A node with its alignment, as written to `out/documents/<id>.json`. */
export interface AlignedNode extends DocNode {
  /** Group id or null; absent on nodes that are not aligned. */
  group?: string | null
  /** Score. */
  score?: number
  /** Runner-up. */
  runnerUp?: RunnerUp | null
  /** Evidence. */
  evidence?: Evidence
  /** Sub-points touched. */
  subpoints?: string[]
  /** Children. */
  children: AlignedNode[]
}

/** Status of a matrix cell. */
export type CellStatus = 'covered' | 'partial' | 'missing'

/** One piece of evidence in a cell. */
export interface CellEvidence {
  /** Node id. */
  node: string
  /** Line. */
  line: number
  /** Where the node sits. */
  scope: Scope
  /** Start of its text. */
  excerpt: string
  /** Alignment score. */
  score: number
  /** Shared terms. */
  terms: string[]
  /** Key phrases found. */
  phrases: string[]
}

/** Counts of a cell. */
export interface CellCounts {
  /** Task items and agency tasks aligned to the group. */
  items: number
  /** Targets aligned to the group. */
  targets: number
  /** Assignments (extraction) aligned to the group. */
  assignments: number
  /** Of those, assignments with a deadline. */
  assignmentsWithDeadline: number
}

/** One cell of the matrix: a document × a group. */
export interface Cell {
  /** Status, by the rules in the README. */
  status: CellStatus
  /** Share of the group's sub-points covered, 0–1 (for the heat map). */
  coverage: number
  /** The rules that decided the status, in words. */
  reasons: string[]
  /** Counts. */
  counts: CellCounts
  /** Sub-points covered and missing, by id. */
  subpoints: {covered: string[]; missing: string[]}
  /** Evidence, strongest first. */
  evidence: CellEvidence[]
}

/** A row: one document that implements the framework. */
export interface MatrixRow {
  /** Path of the document. */
  file: string
  /** Document id. */
  id: string
  /** Province, or null. */
  province: string | null
  /** Title, or null. */
  title: string | null
  /** Cells by group id. */
  cells: Record<string, Cell>
}

/** A document that does not implement the framework. */
export interface RelatedDocument {
  /** Path. */
  file: string
  /** Id. */
  id: string
  /** Title, or null. */
  title: string | null
  /** Document kind, or null. */
  kind: string | null
  /** Why it is not a row. */
  reason: string
}

/** One province's target in a shared-target subject. */
export interface SharedTargetEntry {
  /** Path. */
  file: string
  /** Document id. */
  id: string
  /** Province, or null. */
  province: string | null
  /** Node id of the target. */
  node: string
  /** Line. */
  line: number
  /** Year the target names (`đến năm 2025`), or null. */
  year: number | null
  /** Text of the target. */
  excerpt: string
}

/** Targets that several documents set on the same subject. */
export interface SharedTarget {
  /** Subject, from the words the targets share. */
  subject: string
  /** Shared words, as written. */
  terms: string[]
  /** Group most of the targets align to, or null. */
  group: string | null
  /** One entry per target, by document. */
  entries: SharedTargetEntry[]
}

/** The gap matrix. */
export interface GapMatrix {
  /** The framework, in short. */
  reference: {
    id: string
    title: string
    code: string | null
    groups: Array<{id: string; title: string; subpoints: Array<{id: string; name: string}>}>
  }
  /** One row per implementing document, sorted by file. */
  rows: MatrixRow[]
  /** Related documents, sorted by file. */
  related: RelatedDocument[]
  /** Targets shared by several documents. */
  sharedTargets: SharedTarget[]
}

declare module 'vfile' {
  interface DataMap {
    /** Alignment against the framework. */
    alignment: DocumentAlignment
  }
}
