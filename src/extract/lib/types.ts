/**
 * Records that extraction produces: targets, assignments, references, and
 * the citation graph over a corpus. Every record keeps the source's text as
 * written; normalised keys are only ever used to match.
 */
import type {Meta} from '../../types.js'

/** How a target's figure relates to what must be reached. */
export type Comparator = 'exact' | 'min' | 'max' | 'range' | 'aspiration'

/** What a target counts: a share (`%`), a count of units, or nothing numeric. */
export type TargetKind = 'share' | 'count' | 'qualitative'

/** Kind of time frame a target is set for. */
export type TimeFrameKind = 'year' | 'term' | 'period' | 'recurring' | 'none'

/** When a target is to be reached. */
export interface TimeFrame {
  /** Kind: by a year (`đến năm 2025`), a term (`nhiệm kỳ 2025 - 2030`), a period (`giai đoạn 2021 - 2025`), recurring (`hằng năm`), or none. */
  kind: TimeFrameKind
  /** Year for `year`, else null. */
  year: number | null
  /** First year of a term or period, else null. */
  from: number | null
  /** Last year of a term or period, else null. */
  to: number | null
  /** How often a recurring target recurs (`year`, `term`, `quarter`, `month`), else null. */
  every: 'year' | 'term' | 'quarter' | 'month' | null
  /** The phrase as written, or null. */
  text: string | null
}

/** A measurable commitment. */
export interface Target {
  /** Id of the node the target is in. */
  node: string
  /** Source line of the figure (or of the statement, for a qualitative target), from 1. */
  line: number
  /** Inline numbering of the target in its paragraph (`(3)`), or null. */
  item: string | null
  /** The sentence (or inline item) the target is in, as written. */
  sentence: string
  /** The figure with its comparator words as written (`tối thiểu 80%`); the statement for a qualitative target. */
  text: string
  /** What is measured, as written. */
  subject: string
  /** Figures: one, or two for a range; empty for a qualitative target. */
  values: number[]
  /** `%`, a counted noun (`tập thể`, `đơn vị hành chính`), or null for a qualitative target. */
  unit: string | null
  /** How the figure binds, or null for a qualitative target. */
  comparator: Comparator | null
  /** Share, count or qualitative. */
  kind: TargetKind
  /** Whether the target is something to strive for (`phấn đấu`) rather than a firm commitment. */
  aspirational: boolean
  /** When it is to be reached. */
  timeFrame: TimeFrame
}

/** What a deadline says. */
export type DeadlineKind = 'recurring' | 'from' | 'by' | 'range' | 'conditional'

/** A task's deadline, read from the parenthesis at its end. */
export interface Deadline {
  /** The parenthesis' content as written, or null when the task has none. */
  text: string | null
  /** What it says, in a fixed order (`recurring`, `from`, `by`, `range`, `conditional`); empty when there is no deadline. */
  kinds: DeadlineKind[]
  /** Start: `YYYY` or `YYYY-MM` (`từ năm 2023`, `từ tháng 4 năm 2023`, the first year of a range), else null. */
  from: string | null
  /** End: `YYYY` (`hoàn thành trong năm 2024`, the last year of a range), else null. */
  by: string | null
  /** The condition as written (`sau khi có văn bản chỉ đạo của Trung ương`), else null. */
  condition: string | null
}

/** Role of an agency in a task. */
export type AgencyRole = 'lead' | 'cooperate'

/** A task given to an agency. */
export interface Assignment {
  /** Id of the node the task is in. */
  node: string
  /** Source line where the task starts, from 1. */
  line: number
  /** Canonical agency name (`Ban cán sự đảng Ủy ban nhân dân tỉnh`). */
  agency: string
  /** The agency as written (`Ban Cán sự đảng UBND tỉnh`). */
  agencyText: string
  /** Lead (heading the task sits under, subject, or `chủ trì`) or co-operating (`phối hợp với …`). */
  role: AgencyRole
  /** Whether the agency comes from a heading over the task (`block`) or from the task's own sentence (`inline`). */
  source: 'block' | 'inline'
  /** The task as written. */
  task: string
  /** Deadline from the task's closing parenthesis. */
  deadline: Deadline
}

/** Issuer level a document code's suffix implies. */
export type Level = 'central' | 'provincial' | 'district' | 'local'

/** A cited document. */
export interface Reference {
  /** Id of the node the citation is in. */
  node: string
  /** Source line of the citation, from 1. */
  line: number
  /** The citation as written, from its type word to its issuer, date or code. */
  text: string
  /** Document type (`Nghị quyết`, `Kế hoạch`, …), or null when neither a type word nor the code says. */
  type: string | null
  /** Number as written (`28`, `08`), or null. */
  number: string | null
  /** Code with spaces removed (`28-NQ/TW`, `08-QĐi/TW`), or null. */
  code: string | null
  /** Code suffix (`TW`, `TU`), or null. */
  suffix: string | null
  /** Level from the suffix, else from a known issuer, else null. */
  level: Level | null
  /** Date of the cited document, ISO `YYYY-MM-DD`, or null. */
  date: string | null
  /** Canonical issuer, or null. */
  issuer: string | null
  /** Issuer as written, or null. */
  issuerText: string | null
  /** Title after `về`, as written, or null. */
  title: string | null
}

/** Everything extracted from one document. */
export interface ExtractResult {
  /** Quantified and listed targets. */
  targets: Target[]
  /** Tasks given to agencies. */
  assignments: Assignment[]
  /** Cited documents. */
  references: Reference[]
}

/** A corpus document as citation resolution sees it. */
export interface CitationDocument {
  /** Document id (`out/documents/<id>.json`). */
  id: string
  /** Its metadata. */
  meta: Meta
  /** Its references. */
  references: Reference[]
  /** Title to match on, when it differs from `meta.title`. */
  title?: string | null
  /** The document's own code when its text states one (see `documentCode`). */
  code?: string | null
}

/** A document in the citation graph: one of the corpus, or cited but absent. */
export interface CitationNode {
  /** Corpus document id, or the cited document's key (its code, else type and date, else its text). */
  id: string
  /** Whether the document is in the corpus. */
  inCorpus: boolean
  /** Code, when known. */
  code: string | null
  /** Type (`Nghị quyết`) or the corpus document's kind. */
  type: string | null
  /** Date, ISO. */
  date: string | null
  /** Title. */
  title: string | null
  /** Issuer. */
  issuer: string | null
  /** Level. */
  level: Level | null
  /** Province of a corpus document, else null. */
  province: string | null
}

/** How a citation was resolved to a corpus document. */
export type ResolveMethod = 'code' | 'date-title' | 'alias'

/** One citation: a corpus document citing a document from one of its nodes. */
export interface CitationEdge {
  /** Citing document id. */
  source: string
  /** Cited graph node id. */
  target: string
  /** Id of the citing node. */
  node: string
  /** Source line of the citation in the citing document. */
  line: number
  /** The citation as written. */
  text: string
  /** Code as written, or null. */
  code: string | null
  /** Whether the cited document is in the corpus. */
  resolved: boolean
  /** How it was resolved: by its code, by date plus title words, or by a code learnt from another date-and-title match; null when unresolved. */
  method: ResolveMethod | null
}

/** Documents and the citations between them. */
export interface CitationGraph {
  /** Corpus documents first (in input order), then cited-but-absent documents sorted by id. */
  nodes: CitationNode[]
  /** Every citation, in input order; unresolved ones point at absent documents. */
  edges: CitationEdge[]
}
