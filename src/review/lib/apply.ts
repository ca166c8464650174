/**
 * Apply editors' decisions to the pipeline's outputs: groups of task items,
 * metadata, and repaired words. Pure: inputs are not changed, the result is a
 * copy. A decision that finds nothing to apply to is returned as an orphan,
 * never dropped. Applying to an output that already carries decisions gives
 * the same result (the machine's values are kept beside the editors').
 */
import {toBareKey} from '../../ingest/index.js'
import {compareDecisions, latestBySlot, nodeContext} from './decision.js'
import type {
  AlignmentNode,
  ChangeReview,
  Decision,
  DecisionKind,
  DecisionRef,
  DocumentReview,
  MetaField,
  NodeReview,
  RepairChange,
  RepairRecord,
  ReviewDocument,
  ReviewNode
} from './types.js'

/** Why a decision could not be applied. */
export type OrphanReason =
  /** No document with that id in this run (renamed, removed, or it failed). */
  | 'document'
  /** No node with that id in the document. */
  | 'node'
  /** The node or source token with that id or place now holds other text. */
  | 'changed'
  /** No repaired token at that place. */
  | 'word'
  /** The group is not in the reference used by this run. */
  | 'group'

/** A decision that no longer applies. */
export interface Orphan {
  /** The decision. */
  decision: Decision
  /** Why. */
  reason: OrphanReason
  /** Explanation for people (`Unexpected …, expected …`). */
  message: string
}

/** Options for {@link applyDecisions}. */
export interface ApplyOptions<D extends ReviewDocument, C extends RepairChange = RepairChange> {
  /** The documents of the run (aligned trees, metadata). */
  documents: readonly D[]
  /** The repairs of the damaged documents, if the run repaired any (changes may carry more fields: they are kept). */
  repairs?: readonly RepairRecord<C>[]
  /** Decisions: the full history, in any order (only the latest per target applies). */
  decisions: readonly Decision[]
  /** Group ids of the reference used by this run; a decision naming another group is an orphan. */
  groups?: readonly string[]
  /**
   * The sub-points of `group` a node touches, for a node an editor moved to
   * that group (the machine's sub-points belong to its own group). Without
   * it, a moved node covers no sub-point: it counts as an item of its new
   * group, and the sub-points stay as the machine found them elsewhere.
   */
  subpoints?: (node: ReviewNode, group: string) => string[]
  /**
   * Kinds of decision to apply (default: all). Decisions of other kinds are
   * left out altogether, neither applied nor orphans: for a second call on
   * the same documents in another shape (the matrix's), so the orphans are
   * reported once.
   */
  kinds?: readonly DecisionKind[]
}

/** What {@link applyDecisions} gives back. */
export interface ApplyResult<D extends ReviewDocument, C extends RepairChange = RepairChange> {
  /**
   * Copies of the documents with the decisions applied: `meta`, `review`;
   * on annotated trees (`root`) `node.group`, `node.subpoints`, `node.review`;
   * in `alignment.nodes` the same (a node the machine did not align is added).
   */
  documents: D[]
  /** Copies of the repairs with corrected words (`change.repair`, `change.review`, `text`). */
  repairs: RepairRecord<C>[]
  /** The decisions applied (the latest per target), oldest first. */
  applied: Decision[]
  /** Decisions that no longer apply, oldest first. */
  orphans: Orphan[]
}

/** Options for {@link correctRepair}. */
export interface CorrectOptions<Change extends RepairChange = RepairChange> {
  /** The repair of one document (its changes may carry more fields, such as offsets: they are kept). */
  repair: RepairRecord<Change>
  /** Decisions (any documents; only this one's word decisions are used). */
  decisions: readonly Decision[]
}

/** How alike a node's text must stay (bare-key trigram Dice) for its decisions to hold. */
const sameNode = 0.6

/**
 * Apply decisions to a run's documents and repairs. Call it after alignment
 * and before the matrix is built, so the matrix, CSVs and report reflect the
 * editors' work.
 *
 * @param options
 *   Documents, repairs, decisions, and the reference's groups.
 * @returns
 *   Copies with decisions applied, what was applied, and the orphans.
 */
export function applyDecisions<D extends ReviewDocument, C extends RepairChange = RepairChange>(options: ApplyOptions<D, C>): ApplyResult<D, C> {
  const documents = options.documents.map((document) => structuredClone(document))
  const repairs = (options.repairs ?? []).map((record) => structuredClone(record))
  const byId = new Map(documents.map((document) => [document.id, document]))
  const repairsById = new Map(repairs.map((record) => [record.id, record]))
  const groups = options.groups ? new Set(options.groups) : null
  const applied: Decision[] = []
  const orphans: Orphan[] = []
  const counts = new Map<string, number>()
  const metaReviews = new Map<string, DocumentReview['meta']>()
  const nodeIndexes = new Map<string, Map<string, Place>>()

  // Start from the machine's values when the input already carries decisions.
  for (const document of documents) restoreDocument(document)
  for (const record of repairs) restoreRepair(record)

  const kinds = options.kinds ? new Set(options.kinds) : null
  const current = [...latestBySlot(options.decisions).values()].filter((decision) => !kinds || kinds.has(decision.kind)).sort(compareDecisions)
  for (const decision of current) {
    const orphan = (reason: OrphanReason, message: string): void => {
      orphans.push({decision, reason, message})
    }
    const document = byId.get(decision.document)
    if (decision.kind === 'word') {
      const record = repairsById.get(decision.document)
      if (!record) {
        orphan(document ? 'word' : 'document', document ? 'Unexpected word decision on `' + decision.document + '`, expected a document with OCR repairs' : missingDocument(decision))
        continue
      }
      const problem = applyWord(record, decision)
      if (problem) orphan(problem.reason, problem.message)
      else {
        applied.push(decision)
        counts.set(decision.document, (counts.get(decision.document) ?? 0) + 1)
      }
      continue
    }
    const tree = document?.root ?? document?.tree ?? null
    if (!document || !tree) {
      orphan('document', missingDocument(decision))
      continue
    }
    if (decision.kind === 'meta') {
      if (!document.meta) {
        orphan('document', 'Unexpected metadata decision on `' + decision.document + '`, expected a document with metadata')
        continue
      }
      const field = decision.target as MetaField
      const reviews = metaReviews.get(document.id) ?? {}
      reviews[field] = {machine: document.meta[field] ?? null, decision: refOf(decision)}
      document.meta[field] = decision.value
      metaReviews.set(document.id, reviews)
      applied.push(decision)
      counts.set(document.id, (counts.get(document.id) ?? 0) + 1)
      continue
    }
    let index = nodeIndexes.get(document.id)
    if (!index) {
      index = indexNodes(tree)
      nodeIndexes.set(document.id, index)
    }
    const place = index.get(decision.target)
    if (!place) {
      orphan('node', 'Unexpected decision on `' + decision.target + '` in `' + decision.document + '`, expected an item with that id (the document changed)')
      continue
    }
    const node = place.node
    if (decision.context !== null && dice(trigrams(decision.context), trigrams(nodeContext(node))) < sameNode) {
      orphan(
        'changed',
        'Unexpected text in `' + decision.target + '` of `' + decision.document + '`: “' + clip(nodeContext(node)) + '”, expected the item decided on: “' + clip(decision.context) + '”'
      )
      continue
    }
    if (decision.value !== null && groups && !groups.has(decision.value)) {
      orphan('group', 'Unexpected group `' + decision.value + '` for `' + decision.target + '` of `' + decision.document + '`, expected one of the reference: ' + [...groups].join(', '))
      continue
    }
    const entries = document.alignment?.nodes ?? null
    const entry = entries?.find((candidate) => candidate.node === decision.target)
    const machine = entry ? entry.group : node.group ?? null
    const machineSubpoints = entry ? entry.subpoints : node.subpoints
    const subpoints =
      decision.value === machine ? machineSubpoints ?? [] : decision.value === null ? [] : options.subpoints?.(node, decision.value) ?? []
    const review: NodeReview = {
      action: decision.kind === 'confirm' ? 'confirmed' : decision.value === null ? 'not-task' : 'reassigned',
      machine,
      aligned: entry !== undefined || node.group !== undefined,
      ...(machineSubpoints ? {subpoints: [...machineSubpoints]} : {}),
      decision: refOf(decision)
    }
    if (document.root) {
      node.group = decision.value
      if (node.subpoints !== undefined || subpoints.length > 0) node.subpoints = [...subpoints]
      node.review = review
    }
    if (entries) {
      if (entry) {
        entry.group = decision.value
        entry.subpoints = [...subpoints]
        entry.review = review
      } else if (decision.value !== null) {
        // An item the machine passed over: the matrix counts it from now on.
        entries.push({
          node: node.id,
          line: node.line,
          scope: place.scope,
          group: decision.value,
          score: 1,
          runnerUp: null,
          evidence: {terms: [], phrases: [], section: null},
          subpoints: [...subpoints],
          review
        })
        entries.sort((a, b) => a.line - b.line)
      }
    }
    applied.push(decision)
    counts.set(document.id, (counts.get(document.id) ?? 0) + 1)
  }

  for (const document of documents) {
    const applied = counts.get(document.id) ?? 0
    if (applied > 0) document.review = {meta: metaReviews.get(document.id) ?? {}, applied}
  }
  return {documents, repairs, applied, orphans}
}

/**
 * Apply the word decisions of one document to its repair, before the
 * repaired text is segmented, so the tree and the alignment read the
 * editors' words. Pure.
 *
 * @param options
 *   Repair and decisions.
 * @returns
 *   Corrected copy of the repair, with what was applied and the orphans.
 */
export function correctRepair<Change extends RepairChange>(options: CorrectOptions<Change>): {repair: RepairRecord<Change>; applied: Decision[]; orphans: Orphan[]} {
  const repair = structuredClone(options.repair)
  restoreRepair(repair)
  const applied: Decision[] = []
  const orphans: Orphan[] = []
  const words = options.decisions.filter((decision) => decision.kind === 'word' && decision.document === repair.id)
  for (const decision of [...latestBySlot(words).values()].sort(compareDecisions)) {
    const problem = applyWord(repair, decision)
    if (problem) orphans.push({decision, ...problem})
    else applied.push(decision)
  }
  return {repair, applied, orphans}
}

/**
 * Orphans as warnings for the terminal, one a line, in the CLI's format
 * (`place: warning reason [rule]`), naming each decision so an editor can
 * find it in the history.
 *
 * @param orphans
 *   Orphans.
 * @param place
 *   What to name as their place (the database path).
 * @returns
 *   Text (empty without orphans).
 */
export function formatOrphans(orphans: readonly Orphan[], place: string): string {
  return orphans
    .map(
      (orphan) =>
        place + ': warning ' + orphan.message + ' (decision ' + orphan.decision.id + ', ' + orphan.decision.kind + ' by ' + orphan.decision.author + ' at ' + orphan.decision.at + ') [review-orphan]\n'
    )
    .join('')
}

/**
 * Where a token of the source sits in the repaired text, whose line N is
 * line N of the source: its column shifted by the length changes of the
 * repairs before it on the line.
 *
 * @param changes
 *   All changes of the document.
 * @param change
 *   The change.
 * @returns
 *   Column from 1 in the repaired line.
 */
export function repairedColumn(changes: readonly RepairChange[], change: RepairChange): number {
  let shift = 0
  for (const other of changes) {
    if (other.line === change.line && other.column < change.column) shift += other.repair.length - other.source.length
  }
  return change.column + shift
}

/**
 * Apply one word decision to a repair (in place).
 *
 * @param record
 *   Repair (a copy owned by the caller).
 * @param decision
 *   Word decision.
 * @returns
 *   Why it does not apply, or null when applied.
 */
function applyWord(record: RepairRecord, decision: Decision): {reason: OrphanReason; message: string} | null {
  const [line, column] = decision.target.split(':').map(Number)
  const change = record.changes.find((candidate) => candidate.line === line && candidate.column === column)
  if (!change) {
    return {reason: 'word', message: 'Unexpected word decision at ' + decision.target + ' of `' + decision.document + '`, expected a repaired token there (the document changed)'}
  }
  if (decision.context !== null && change.source.normalize('NFC') !== decision.context.normalize('NFC')) {
    return {
      reason: 'changed',
      message: 'Unexpected source token `' + change.source + '` at ' + decision.target + ' of `' + decision.document + '`, expected `' + decision.context + '`'
    }
  }
  const review: ChangeReview = {machine: change.repair, confidence: change.confidence, low: change.low, decision: refOf(decision)}
  rewrite(record, change, decision.value ?? change.repair)
  change.confidence = 1
  change.low = false
  change.review = review
  return null
}

/**
 * Replace a change's repair, in the change and in the repaired text.
 *
 * @param record
 *   Repair (changed in place).
 * @param change
 *   One of its changes.
 * @param value
 *   New repair.
 */
function rewrite(record: RepairRecord, change: RepairChange, value: string): void {
  if (record.text !== null) {
    const lines = record.text.split('\n')
    const text = lines[change.line - 1]
    const start = repairedColumn(record.changes, change) - 1
    // Patch only where the text holds the repair this record says; a text out of step with its changes is left alone.
    if (text !== undefined && text.slice(start, start + change.repair.length) === change.repair) {
      lines[change.line - 1] = text.slice(0, start) + value + text.slice(start + change.repair.length)
      record.text = lines.join('\n')
    }
  }
  change.repair = value
}

/**
 * Put back the machine's values in a document that carries decisions (in place).
 *
 * @param document
 *   Document copy.
 */
function restoreDocument(document: ReviewDocument): void {
  if (document.review && document.meta) {
    for (const [field, review] of Object.entries(document.review.meta)) {
      if (review) document.meta[field as MetaField] = review.machine
    }
  }
  delete document.review
  const stack = document.root ? [document.root] : []
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.review) {
      if (node.review.aligned) node.group = node.review.machine
      else delete node.group
      if (node.review.subpoints) node.subpoints = node.review.subpoints
      else delete node.subpoints
      delete node.review
    }
    stack.push(...node.children)
  }
  const entries = document.alignment?.nodes
  if (entries) {
    const kept: AlignmentNode[] = []
    for (const entry of entries) {
      if (!entry.review) kept.push(entry)
      else if (entry.review.aligned) {
        entry.group = entry.review.machine
        entry.subpoints = entry.review.subpoints ?? []
        delete entry.review
        kept.push(entry)
      }
    }
    entries.splice(0, entries.length, ...kept)
  }
}

/**
 * Put back the machine's repairs in a repair that carries decisions (in place).
 *
 * @param record
 *   Repair copy.
 */
function restoreRepair(record: RepairRecord): void {
  for (const change of record.changes) {
    if (!change.review) continue
    rewrite(record, change, change.review.machine)
    change.confidence = change.review.confidence
    change.low = change.review.low
    delete change.review
  }
}

/**
 * Message for a decision whose document is not in the run.
 *
 * @param decision
 *   Decision.
 * @returns
 *   Message.
 */
function missingDocument(decision: Decision): string {
  return 'Unexpected decision on document `' + decision.document + '`, expected a document of this run with that id (renamed, removed, or failed)'
}

/**
 * The reference to a decision that outputs carry.
 *
 * @param decision
 *   Decision.
 * @returns
 *   Reference.
 */
function refOf(decision: Decision): DecisionRef {
  return {id: decision.id, kind: decision.kind, author: decision.author, at: decision.at, comment: decision.comment}
}

/** A node and where it sits. */
interface Place {
  /** The node. */
  node: ReviewNode
  /** Scope an alignment would give it, from the role of the part or group above it. */
  scope: 'task' | 'assignment' | 'target'
}

/** Roles whose items are agency tasks or targets rather than tasks. */
const scopes: Record<string, Place['scope']> = {tasks: 'task', assignments: 'assignment', implementation: 'assignment', targets: 'target', objectives: 'target'}

/**
 * Nodes of a tree by id, with their scope.
 *
 * @param root
 *   Root.
 * @returns
 *   Index.
 */
function indexNodes(root: ReviewNode): Map<string, Place> {
  const index = new Map<string, Place>()
  const stack: Array<{node: ReviewNode; scope: Place['scope']}> = [{node: root, scope: 'task'}]
  while (stack.length > 0) {
    const {node, scope} = stack.pop()!
    const own = (node.role && scopes[node.role]) || scope
    if (!index.has(node.id)) index.set(node.id, {node, scope: own})
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({node: node.children[i]!, scope: own})
  }
  return index
}

/**
 * Character trigrams of a text's bare key (no diacritics), so repaired OCR
 * and tone-mark variants of the same item still look alike.
 *
 * @param value
 *   Text.
 * @returns
 *   Trigram counts.
 */
function trigrams(value: string): Map<string, number> {
  const key = ' ' + toBareKey(value) + ' '
  const counts = new Map<string, number>()
  for (let i = 0; i + 3 <= key.length; i++) {
    const gram = key.slice(i, i + 3)
    counts.set(gram, (counts.get(gram) ?? 0) + 1)
  }
  return counts
}

/**
 * Dice coefficient of two multisets.
 *
 * @param a
 *   Counts.
 * @param b
 *   Counts.
 * @returns
 *   Similarity from 0 to 1 (1 for two empty texts).
 */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0
  let shared = 0
  for (const [gram, count] of a) {
    total += count
    shared += Math.min(count, b.get(gram) ?? 0)
  }
  for (const count of b.values()) total += count
  return total === 0 ? 1 : (2 * shared) / total
}

/**
 * Cut a text for a message.
 *
 * @param value
 *   Text.
 * @returns
 *   At most 60 characters.
 */
function clip(value: string): string {
  return value.length > 60 ? value.slice(0, 59) + '…' : value
}
