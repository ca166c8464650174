/**
 * Field-level changes of the records extraction reads from each document:
 * targets and assignments are compared on matched nodes (a record follows
 * its node wherever the node moved), citations over the whole document.
 *
 * The input types are the part of `extract`'s records this stage reads, so
 * an extraction result is passed as it is.
 */
import {toKey} from '../../ingest/index.js'
import type {Entry} from './entries.js'
import type {Matching} from './match.js'
import {cosine, features, vectorize} from './similarity.js'
import type {AssignmentPlace, CitationPlace, RecordChange, TargetPlace} from './types.js'

/** When a target is to be reached, as extraction gives it. */
export interface TimeFrameInput {
  /** Kind (`year`, `term`, `period`, `recurring`, `none`). */
  kind: string
  /** Year for `year`, else null. */
  year: number | null
  /** First year of a term or period, else null. */
  from: number | null
  /** Last year of a term or period, else null. */
  to: number | null
  /** The phrase as written, or null. */
  text: string | null
}

/** A target as extraction gives it. */
export interface TargetInput {
  /** Id of the node the target is in. */
  node: string
  /** Line, from 1. */
  line: number
  /** The sentence the target is in. */
  sentence: string
  /** The figure with its comparator words as written (`tối thiểu 80%`). */
  text: string
  /** What is measured, as written. */
  subject: string
  /** Figures. */
  values: number[]
  /** Unit, or null. */
  unit: string | null
  /** How the figure binds, or null. */
  comparator: string | null
  /** When it is to be reached. */
  timeFrame: TimeFrameInput
}

/** An assignment as extraction gives it. */
export interface AssignmentInput {
  /** Id of the task node. */
  node: string
  /** Line, from 1. */
  line: number
  /** Canonical agency name. */
  agency: string
  /** The agency as written. */
  agencyText: string
  /** `lead` or `cooperate`. */
  role: string
  /** The task as written. */
  task: string
  /** Deadline; `text` is the parenthesis as written, or null. */
  deadline: {text: string | null}
}

/** A citation as extraction gives it. */
export interface ReferenceInput {
  /** Id of the node holding the citation. */
  node: string
  /** Line, from 1. */
  line: number
  /** The citation as written. */
  text: string
  /** Code (`28-NQ/TW`), or null. */
  code: string | null
}

/** The records of one document, as `extract` returns them. */
export interface RecordsInput {
  /** Targets. */
  targets: TargetInput[]
  /** Assignments. */
  assignments: AssignmentInput[]
  /** Citations. */
  references: ReferenceInput[]
}

/**
 * Compare the records of two documents.
 *
 * @param left
 *   Old records.
 * @param right
 *   New records.
 * @param entries
 *   Old and new entries, to find the node pairs.
 * @param matching
 *   Node matching.
 * @returns
 *   Changes: targets, then assignments, then citations, each in the new
 *   document's order.
 */
export function recordChanges(left: RecordsInput, right: RecordsInput, entries: {old: Entry[]; new: Entry[]}, matching: Matching): RecordChange[] {
  const partner = new Map<string, string>()
  for (const [a, b] of matching.forward) partner.set(a.node.id, b.node.id)
  const order = new Map<string, number>()
  for (const entry of entries.new) order.set(entry.node.id, entry.order)
  const oldOrder = new Map<string, number>()
  for (const entry of entries.old) oldOrder.set(entry.node.id, entry.order)
  /** Where a change sorts: its new node, else the new node its old node matched, else after everything. */
  const rank = (change: RecordChange): [number, number] => {
    const place = change.new ?? change.old
    const node = place && 'node' in place ? place.node : ''
    const at = change.new ? order.get(node) : order.get(partner.get(node) ?? '')
    return [at ?? Number.MAX_SAFE_INTEGER, change.old ? (oldOrder.get(change.old.node) ?? 0) : 0]
  }
  const sorted = (changes: RecordChange[]): RecordChange[] =>
    changes
      .map((change, index) => ({change, index, rank: rank(change)}))
      .sort((x, y) => x.rank[0] - y.rank[0] || x.rank[1] - y.rank[1] || x.index - y.index)
      .map((item) => item.change)
  return [
    ...sorted(targets(left.targets, right.targets, partner)),
    ...sorted(assignments(left.assignments, right.assignments, partner)),
    ...citations(left.references, right.references)
  ]
}

/**
 * Pair records node by node: records of an old node with those of its
 * partner, best first by the score given, each record at most once.
 *
 * @param left
 *   Old records.
 * @param right
 *   New records.
 * @param partner
 *   Old node id → new node id.
 * @param score
 *   Score of a pair, or null when the two cannot pair.
 * @returns
 *   Pairs and the records left over on each side.
 */
function pairByNode<T extends {node: string}>(
  left: T[],
  right: T[],
  partner: Map<string, string>,
  score: (a: T, b: T, i: number, j: number) => number | null
): {pairs: Array<[T, T]>; removed: T[]; added: T[]} {
  const byNode = new Map<string, T[]>()
  for (const record of right) byNode.set(record.node, [...(byNode.get(record.node) ?? []), record])
  const taken = new Set<T>()
  const pairs: Array<[T, T]> = []
  const removed: T[] = []
  const oldByNode = new Map<string, T[]>()
  for (const record of left) oldByNode.set(record.node, [...(oldByNode.get(record.node) ?? []), record])
  for (const [node, olds] of oldByNode) {
    const target = partner.get(node)
    const news = target ? (byNode.get(target) ?? []) : []
    const candidates: Array<{a: T; b: T; score: number; i: number; j: number}> = []
    for (const [i, a] of olds.entries()) {
      for (const [j, b] of news.entries()) {
        const value = score(a, b, i, j)
        if (value !== null) candidates.push({a, b, score: value, i, j})
      }
    }
    candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j)
    const used = new Set<T>()
    for (const candidate of candidates) {
      if (used.has(candidate.a) || taken.has(candidate.b)) continue
      used.add(candidate.a)
      taken.add(candidate.b)
      pairs.push([candidate.a, candidate.b])
    }
    for (const a of olds) if (!used.has(a)) removed.push(a)
  }
  return {pairs, removed, added: right.filter((record) => !taken.has(record))}
}

/**
 * Target changes.
 *
 * @param left
 *   Old targets.
 * @param right
 *   New targets.
 * @param partner
 *   Node pairs.
 * @returns
 *   Changes.
 */
function targets(left: TargetInput[], right: TargetInput[], partner: Map<string, string>): RecordChange[] {
  const vectors = vectorize([...left, ...right].map((target) => features(target.subject)))
  const vectorOf = new Map<TargetInput, Map<string, number>>()
  for (const [index, target] of [...left, ...right].entries()) vectorOf.set(target, vectors[index] ?? new Map())
  // Targets of one node pair with the same subject, or at the same place
  // among the node's targets, are one target (possibly changed).
  const {pairs, removed, added} = pairByNode(left, right, partner, (a, b, i, j) => {
    const similarity = cosine(vectorOf.get(a) ?? new Map(), vectorOf.get(b) ?? new Map())
    if (similarity < 0.3 && i !== j) return null
    return similarity + (i === j ? 0.2 : 0) + (a.unit === b.unit ? 0.1 : 0)
  })
  const changes: RecordChange[] = []
  for (const [a, b] of pairs) {
    const fields: Array<'value' | 'year'> = []
    if (a.values.join(',') !== b.values.join(',') || toKey(a.unit ?? '') !== toKey(b.unit ?? '') || a.comparator !== b.comparator) fields.push('value')
    const frame = (target: TargetInput): string => [target.timeFrame.kind, target.timeFrame.year, target.timeFrame.from, target.timeFrame.to].join(',')
    if (frame(a) !== frame(b)) fields.push('year')
    if (fields.length > 0) changes.push({kind: 'target-changed', old: targetPlace(a), new: targetPlace(b), fields})
  }
  for (const a of removed) changes.push({kind: 'target-removed', old: targetPlace(a), new: null})
  for (const b of added) changes.push({kind: 'target-added', old: null, new: targetPlace(b)})
  return changes
}

/**
 * Assignment changes.
 *
 * @param left
 *   Old assignments.
 * @param right
 *   New assignments.
 * @param partner
 *   Node pairs.
 * @returns
 *   Changes.
 */
function assignments(left: AssignmentInput[], right: AssignmentInput[], partner: Map<string, string>): RecordChange[] {
  // The same agency in the same role on a node pair is one assignment; a
  // lone lead agency on each side is one assignment whose agency changed.
  const {pairs, removed, added} = pairByNode(left, right, partner, (a, b, i, j) => {
    if (a.role !== b.role) return null
    if (toKey(a.agency) === toKey(b.agency)) return 2 - Math.abs(i - j) * 0.01
    return a.role === 'lead' && i === j ? 1 : null
  })
  const changes: RecordChange[] = []
  for (const [a, b] of pairs) {
    const fields: Array<'agency' | 'deadline'> = []
    if (toKey(a.agency) !== toKey(b.agency)) fields.push('agency')
    if (toKey(a.deadline.text ?? '') !== toKey(b.deadline.text ?? '')) fields.push('deadline')
    if (fields.length > 0) changes.push({kind: 'assignment-changed', old: assignmentPlace(a), new: assignmentPlace(b), fields})
  }
  for (const a of removed) changes.push({kind: 'assignment-removed', old: assignmentPlace(a), new: null})
  for (const b of added) changes.push({kind: 'assignment-added', old: null, new: assignmentPlace(b)})
  return changes
}

/**
 * Citation changes: codes one document cites and the other does not.
 *
 * @param left
 *   Old citations.
 * @param right
 *   New citations.
 * @returns
 *   Removed citations in old order, then added ones in new order.
 */
function citations(left: ReferenceInput[], right: ReferenceInput[]): RecordChange[] {
  const group = (references: ReferenceInput[]): Map<string, CitationPlace> => {
    const codes = new Map<string, CitationPlace>()
    for (const reference of references) {
      if (!reference.code) continue
      const key = toKey(reference.code)
      const known = codes.get(key)
      if (known) known.count++
      else codes.set(key, {code: reference.code, node: reference.node, line: reference.line, count: 1, value: reference.text})
    }
    return codes
  }
  const olds = group(left)
  const news = group(right)
  const changes: RecordChange[] = []
  for (const [key, place] of olds) if (!news.has(key)) changes.push({kind: 'citation-removed', old: place, new: null})
  for (const [key, place] of news) if (!olds.has(key)) changes.push({kind: 'citation-added', old: null, new: place})
  return changes
}

/**
 * A target as changes report it.
 *
 * @param target
 *   Target.
 * @returns
 *   Place.
 */
function targetPlace(target: TargetInput): TargetPlace {
  const frame = target.timeFrame
  return {node: target.node, line: target.line, value: target.text, year: frame.year ?? frame.to ?? null, text: target.sentence}
}

/**
 * An assignment as changes report it.
 *
 * @param assignment
 *   Assignment.
 * @returns
 *   Place.
 */
function assignmentPlace(assignment: AssignmentInput): AssignmentPlace {
  return {node: assignment.node, line: assignment.line, agency: assignment.agency, role: assignment.role, deadline: assignment.deadline.text, text: assignment.task}
}
