/**
 * The gap matrix: one row per document that implements the framework, one
 * cell per group with its status, counts, sub-points and evidence; related
 * documents apart; targets that several documents set on one subject side by
 * side.
 */
import type {DocNode, Meta} from '../../types.js'
import {groupBy} from '../../util.js'
import {closePairs, cosine, lex, spaceOf, weighCounts, type Space, type TermCounts, type Token} from './features.js'
import type {
  Cell,
  CellEvidence,
  DocumentAlignment,
  ExtractAssignment,
  ExtractLike,
  ExtractTarget,
  GapMatrix,
  MatrixRow,
  NodeAlignment,
  Reference,
  RelatedDocument,
  SharedTarget,
  SharedTargetEntry
} from './types.js'
import {nodeText} from './units.js'
import {compareText, excerpt, round} from './util.js'

/** One document as the matrix needs it. */
export interface MatrixDocument {
  /** Path to show (relative to the working folder). */
  file: string
  /** Document id. */
  id: string
  /** Metadata, or null. */
  meta: Meta | null
  /** Tree. */
  tree: DocNode
  /** Its alignment (`alignDocument`). */
  alignment: DocumentAlignment
  /** Its extraction, when there is one: counts of targets, assignments and deadlines need it. */
  extract?: ExtractLike | null
}

/** A target as the table of shared targets reads it. */
export interface MatrixTarget {
  /** The entry the table shows. */
  entry: SharedTargetEntry
  /** What it is compared by: its subject, when that says enough, else its text. */
  text: string
  /** The group its node aligns to. */
  group: string | null
}

/** One document's share of the matrix ({@link matrixPart}). */
export interface MatrixPart {
  /** Path. */
  file: string
  /** Document id. */
  id: string
  /** Its row, when it implements the framework. */
  row: MatrixRow | null
  /** Why it is not a row, otherwise. */
  related: RelatedDocument | null
  /** Its targets (an implementing document's). */
  targets: MatrixTarget[]
}

/** What {@link buildMatrix} reads. */
export interface BuildMatrixOptions {
  /** Framework. */
  reference: Reference
  /** Documents, in any order. */
  documents: MatrixDocument[]
}

/** Two targets of different documents are on one subject from this similarity up. */
const sameSubject = 0.3
/** Length of an evidence excerpt. */
const excerptSize = 200

/**
 * Build the gap matrix. Deterministic: rows, related documents and shared
 * targets are sorted, scores rounded.
 *
 * Status of a cell (see `src/align/README.md`):
 *
 * - `missing`: no task of the tasks part aligns to the group (for a document
 *   without a tasks part: no agency task either); agency tasks that touch
 *   the group are still counted and shown;
 * - `partial`: some task aligns, but a sub-point of the group is not covered,
 *   or (when extraction is given) no task of the group has both an agency and
 *   a deadline;
 * - `covered`: otherwise.
 *
 * @param options
 *   Framework and documents.
 * @returns
 *   Matrix.
 */
export function buildMatrix(options: BuildMatrixOptions): GapMatrix {
  return assembleMatrix({reference: options.reference, parts: options.documents.map((document) => matrixPart({reference: options.reference, document}))})
}

/**
 * One document's share of the gap matrix, which depends on that document
 * alone: a batch makes it where the document is processed and keeps it
 * instead of the tree and alignment.
 *
 * @param options
 *   Framework and document.
 * @returns
 *   Part.
 */
export function matrixPart(options: {reference: Reference; document: MatrixDocument}): MatrixPart {
  const {reference, document} = options
  if (document.alignment.reference !== reference.id) {
    throw new Error('Cannot `buildMatrix` with an alignment against `' + document.alignment.reference + '`, expected `' + reference.id + '`')
  }
  const part: MatrixPart = {file: document.file, id: document.id, row: null, related: null, targets: []}
  if (!document.alignment.implements) {
    part.related = {file: document.file, id: document.id, title: document.meta?.title ?? null, kind: document.meta?.kind ?? null, reason: document.alignment.reason}
    return part
  }
  const byId = index(document.tree)
  const groupOf = new Map(document.alignment.nodes.map((node) => [node.node, node.group]))
  part.row = row(reference, document, {byId, groupOf})
  for (const target of document.extract?.targets ?? []) {
    const text = targetText(target, byId.get(target.node))
    if (text === '') continue
    part.targets.push({
      entry: {file: document.file, id: document.id, province: document.meta?.province ?? null, node: target.node, line: target.line, year: targetYear(target, text), excerpt: excerpt(text, excerptSize)},
      text: target.subject && target.subject.length > 12 ? target.subject : text,
      group: groupOf.get(target.node) ?? null
    })
  }
  return part
}

/**
 * Put the parts of the documents together into the matrix. Deterministic:
 * parts are taken in file order, whatever order they come in.
 *
 * @param options
 *   Framework and parts.
 * @returns
 *   Matrix.
 */
export function assembleMatrix(options: {reference: Reference; parts: readonly MatrixPart[]}): GapMatrix {
  const {reference} = options
  const parts = [...options.parts].sort((left, right) => compareText(left.file, right.file) || compareText(left.id, right.id))
  return {
    reference: {
      id: reference.id,
      title: reference.title,
      code: reference.code,
      groups: reference.groups.map((group) => ({id: group.id, title: group.title, subpoints: group.subpoints.map((point) => ({id: point.id, name: point.name}))}))
    },
    rows: parts.flatMap((part) => (part.row ? [part.row] : [])),
    related: parts.flatMap((part) => (part.related ? [part.related] : [])),
    sharedTargets: shareTargets(parts.flatMap((part) => part.targets))
  }
}

/**
 * Row of one document.
 *
 * @param reference
 *   Framework.
 * @param document
 *   Document.
 * @param lookup
 *   Its nodes by id, and the group each aligned node goes to.
 * @returns
 *   Row.
 */
function row(reference: Reference, document: MatrixDocument, lookup: {byId: Map<string, DocNode>; groupOf: Map<string, string | null>}): MatrixRow {
  const {byId, groupOf} = lookup
  const nodes = document.alignment.nodes
  const hasTasks = nodes.some((node) => node.scope === 'task')
  const extraction = document.extract ?? null
  // Nodes, targets and assignments by group, in their order: one pass each
  // instead of one per group.
  const alignedTo = groupBy(nodes, (node) => node.group)
  const targetsOf = groupBy(extraction?.targets ?? [], (target) => groupOf.get(target.node))
  const assignedTo = groupBy(extraction?.assignments ?? [], (record) => groupOf.get(record.node))
  const cells: Record<string, Cell> = {}
  for (const group of reference.groups) {
    const aligned = alignedTo.get(group.id) ?? []
    const tasks = aligned.filter((node) => node.scope === 'task')
    const agencyTasks = aligned.filter((node) => node.scope === 'assignment')
    const own = hasTasks ? tasks : agencyTasks
    const items = aligned.filter((node) => node.scope !== 'target')
    const targets = targetsOf.get(group.id) ?? []
    const records = assignedTo.get(group.id) ?? []
    const assigned = distinctNodes(records)
    const dated = distinctNodes(records.filter((record) => hasAgency(record) && hasDeadline(record.deadline)))
    const covered = new Set(aligned.flatMap((node) => node.subpoints))
    const points = group.subpoints.map((point) => point.id)
    const missingPoints = points.filter((point) => !covered.has(point))
    const reasons: string[] = []
    let status: Cell['status']
    if (own.length === 0) {
      status = 'missing'
      reasons.push(hasTasks ? 'no task of the tasks part aligns to ' + group.id : 'no task aligns to ' + group.id)
      if (hasTasks && agencyTasks.length > 0) reasons.push(agencyTasks.length + ' agency task' + (agencyTasks.length === 1 ? '' : 's') + ' touch it, but the program sets out no task of its own for it')
    } else {
      status = 'covered'
      reasons.push(own.length + (hasTasks ? ' task' + (own.length === 1 ? '' : 's') + ' of the tasks part' : ' task' + (own.length === 1 ? '' : 's')) + ' align to ' + group.id)
      if (missingPoints.length > 0) {
        status = 'partial'
        reasons.push(missingPoints.length + ' of ' + points.length + ' sub-points not covered: ' + missingPoints.join(', '))
      }
      if (extraction && dated.size === 0) {
        status = 'partial'
        reasons.push('no task of ' + group.id + ' has both an assigned agency and a deadline')
      }
      if (!extraction) reasons.push('no extraction given: agencies and deadlines not checked')
    }
    cells[group.id] = {
      status,
      coverage: points.length > 0 ? round((points.length - missingPoints.length) / points.length) : own.length > 0 ? 1 : 0,
      reasons,
      counts: {items: items.length, targets: targets.length, assignments: assigned.size, assignmentsWithDeadline: dated.size},
      subpoints: {covered: points.filter((point) => covered.has(point)), missing: missingPoints},
      evidence: aligned
        .map((node) => evidence(node, byId))
        .sort((left, right) => right.score - left.score || left.line - right.line || compareText(left.node, right.node))
    }
  }
  return {file: document.file, id: document.id, province: document.meta?.province ?? null, title: document.meta?.title ?? null, cells}
}

/**
 * Evidence of one aligned node.
 *
 * @param node
 *   Alignment.
 * @param byId
 *   Nodes by id.
 * @returns
 *   Evidence.
 */
function evidence(node: NodeAlignment, byId: Map<string, DocNode>): CellEvidence {
  const source = byId.get(node.node)
  return {
    node: node.node,
    line: node.line,
    scope: node.scope,
    excerpt: excerpt(source ? nodeText(source) : '', excerptSize),
    score: node.score,
    terms: node.evidence.terms,
    phrases: node.evidence.phrases
  }
}

/**
 * Targets that at least two documents set on one subject: targets are linked
 * when their sentences are similar enough (TF-IDF over the targets' own
 * words), and linked targets from two or more documents make a subject.
 *
 * @param entries
 *   Targets of the implementing documents, in file order.
 * @returns
 *   Shared targets, by subject.
 */
function shareTargets(entries: MatrixTarget[]): SharedTarget[] {
  if (entries.length < 2) return []
  // Targets of a corpus repeat each other: each text is read once, and
  // targets with one text share its tokens.
  const byText = new Map<string, {tokens: Token[]; counts: TermCounts; key: string}>()
  const counted = entries.map((each) => {
    let known = byText.get(each.text)
    if (!known) {
      const {tokens, counts} = lex(each.text)
      known = {tokens, counts, key: counts.map(([feature, count]) => feature + '\u0000' + count).join('\u0001')}
      byText.set(each.text, known)
    }
    return known
  })
  const space = spaceOf({documents: counted.map((each) => each.counts)})
  // Targets with the same features have the same vector: each distinct
  // vector is compared once, and its targets follow it (by document).
  const alike = [...groupBy(counted.keys(), (position) => counted[position]?.key).values()]
  const vectors = alike.map((positions) => weighCounts(counted[positions[0] ?? 0]?.counts ?? [], space))
  const holders = alike.map((positions) => groupBy(positions, (position) => entries[position]?.entry.id))

  // Union-find over targets of different documents that are alike (each
  // cluster's root is its first target, whatever order pairs come in).
  const parent = entries.map((_, position) => position)
  const find = (position: number): number => {
    let root = position
    while (parent[root] !== root) root = parent[root] ?? root
    // Path compression: roots stay the same, later finds are short.
    for (let at = position; parent[at] !== root; ) {
      const next = parent[at] ?? root
      parent[at] = root
      at = next
    }
    return root
  }
  const union = (left: number, right: number): void => {
    const a = find(left)
    const b = find(right)
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
  }
  // Every target of one vector is alike every target of an alike vector:
  // those of different documents are linked. The targets a document has on
  // one side all meet the same targets on the other, so once they meet any
  // they are linked to each other, and through their first to the other side.
  const joined = new Set<number[]>()
  const join = (positions: number[]): void => {
    if (joined.has(positions)) return
    joined.add(positions)
    for (const position of positions) union(positions[0] ?? position, position)
  }
  const link = (left: number, right: number): void => {
    const ours = holders[left] ?? new Map<string, number[]>()
    const theirs = holders[right] ?? new Map<string, number[]>()
    if (ours.size >= 3 && theirs.size >= 3) {
      // Each document's targets meet another document's on the other side,
      // and any two meet through a third document: all are one subject, so
      // a vector that many documents share is not paired document by document.
      const [first] = ours.values()
      for (const positions of [...ours.values(), ...theirs.values()]) {
        join(positions)
        union(first?.[0] ?? 0, positions[0] ?? 0)
      }
      return
    }
    for (const [one, positions] of ours) {
      for (const [other, others] of theirs) {
        if (one === other) continue
        join(positions)
        join(others)
        union(positions[0] ?? 0, others[0] ?? 0)
      }
    }
  }
  for (const [position, vector] of vectors.entries()) if (cosine(vector, vector) >= sameSubject) link(position, position)
  for (const [left, right] of closePairs(vectors, sameSubject)) link(left, right)
  const clusters = groupBy(entries.keys(), find)
  const shared: SharedTarget[] = []
  for (const members of clusters.values()) {
    const ids = new Set(members.map((position) => entries[position]?.entry.id))
    if (ids.size < 2) continue
    const terms = commonTerms(members.map((position) => ({tokens: counted[position]?.tokens ?? [], id: entries[position]?.entry.id ?? ''})), space)
    const votes = new Map<string, number>()
    for (const position of members) {
      const group = entries[position]?.group
      if (group) votes.set(group, (votes.get(group) ?? 0) + 1)
    }
    const group = [...votes].sort((left, right) => right[1] - left[1] || compareText(left[0], right[0]))[0]?.[0] ?? null
    shared.push({
      subject: terms.slice(0, 3).join(', '),
      terms,
      group,
      entries: members.map((position) => entries[position]?.entry).filter((entry): entry is SharedTargetEntry => Boolean(entry)).sort((left, right) => compareText(left.file, right.file) || left.line - right.line || compareText(left.node, right.node))
    })
  }
  return shared.sort((left, right) => compareText(left.group ?? '~', right.group ?? '~') || compareText(left.subject, right.subject))
}

/**
 * Words that the targets of a subject share across documents: the maximal
 * runs of content words that targets of at least two documents both contain,
 * the most telling first (IDF summed, damped by the square root of the
 * length, so a long run of common words does not win), as the first target writes
 * them.
 *
 * @param members
 *   Tokens and document ids of the targets.
 * @param space
 *   Features of the targets with their IDF, to put the rarer (more telling)
 *   runs first.
 * @returns
 *   Terms.
 */
function commonTerms(members: Array<{tokens: Token[]; id: string}>, space: Space): string[] {
  // The targets of a subject mostly repeat a few sentences: each sentence is
  // searched once, knowing the first document that writes it and whether
  // another does too.
  const sentences = new Map<string, {id: string; several: boolean}>()
  for (const member of members) {
    const key = ' ' + member.tokens.map((token) => token.bare).join(' ') + ' '
    const known = sentences.get(key)
    if (!known) sentences.set(key, {id: member.id, several: false})
    else if (known.id !== member.id) known.several = true
  }
  // Whether targets of two documents contain a run; remembered, as the
  // targets of a subject repeat each other's runs.
  const known = new Map<string, boolean>()
  const shared = (run: Token[]): boolean => {
    const key = ' ' + run.map((token) => token.bare).join(' ') + ' '
    let found = known.get(key)
    if (found === undefined) {
      let first: string | null = null
      found = false
      for (const [sentence, writers] of sentences) {
        if (!sentence.includes(key)) continue
        first ??= writers.id
        if (writers.several || writers.id !== first) {
          found = true
          break
        }
      }
      known.set(key, found)
    }
    return found
  }
  const runs = new Map<string, string>()
  // Targets with one text share their tokens: the runs of a text are named
  // by its first target.
  const read = new Set<Token[]>()
  for (const member of members) {
    const {tokens} = member
    if (read.has(tokens)) continue
    read.add(tokens)
    for (let start = 0; start < tokens.length; start++) {
      // A run starts and ends on a content word, never on a number.
      if (!content(tokens[start])) continue
      let end = start + 1
      // Grow the run while targets of two documents still share it.
      while (end < tokens.length && tokens[end]?.joined && shared(tokens.slice(start, end + 1))) end++
      if (!shared(tokens.slice(start, start + 1))) continue
      while (end > start + 1 && !content(tokens[end - 1])) end--
      const run = tokens.slice(start, end)
      const key = run.map((token) => token.bare).join(' ')
      if (!runs.has(key)) runs.set(key, run.map((token) => token.surface).join(' '))
    }
  }
  // Weighed once per run, not once per comparison.
  const weights = new Map([...runs.keys()].map((key) => [key, key.split(' ').reduce((total, bare) => total + (space.idf[space.ids.get(bare) ?? -1] ?? 0), 0) / Math.sqrt(key.split(' ').length)]))
  const weight = (key: string): number => weights.get(key) ?? 0
  const ordered = [...runs.keys()].sort((left, right) => weight(right) - weight(left) || compareText(left, right))
  const result: string[] = []
  for (const key of ordered) {
    if (result.length >= 5) break
    // A run inside a longer chosen run adds nothing.
    if (result.some((other) => (' ' + other + ' ').includes(' ' + key + ' ') || (' ' + key + ' ').includes(' ' + other + ' '))) continue
    result.push(key)
  }
  return result.map((key) => runs.get(key) ?? key)
}

/**
 * Whether a token is a content word (not a function word, not a number).
 *
 * @param token
 *   Token, if any.
 * @returns
 *   Whether it is.
 */
function content(token: Token | undefined): boolean {
  return Boolean(token && !token.stop && !/^\d+$/.test(token.bare))
}

/**
 * Text of a target: its sentence, else its text, else its node's.
 *
 * @param target
 *   Target.
 * @param node
 *   Its node, if found.
 * @returns
 *   Text.
 */
function targetText(target: ExtractTarget, node: DocNode | undefined): string {
  return (target.sentence ?? '').trim() || (target.text ?? '').trim() || (node ? nodeText(node) : '')
}

/**
 * Year a target is set for: extraction's time frame, else `năm YYYY` in its
 * text.
 *
 * @param target
 *   Target.
 * @param text
 *   Its text.
 * @returns
 *   Year, or null.
 */
function targetYear(target: ExtractTarget, text: string): number | null {
  const frame = target.timeFrame
  if (frame?.year) return frame.year
  if (frame?.to) return frame.to
  const match = /\bn[aă]m\s+(20\d\d)\b/iu.exec(text.normalize('NFD').replace(/\p{M}/gu, ''))
  return match ? Number.parseInt(match[1] ?? '', 10) : null
}

/**
 * Whether an assignment names an agency.
 *
 * @param record
 *   Assignment.
 * @returns
 *   Whether it does.
 */
function hasAgency(record: ExtractAssignment): boolean {
  return typeof record.agency === 'string' && record.agency.trim() !== ''
}

/**
 * Whether a deadline, in whatever form extraction gives it (text, or an
 * object with `text` and `kinds`), says anything.
 *
 * @param value
 *   Deadline.
 * @returns
 *   Whether there is one.
 */
export function hasDeadline(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (typeof value === 'object') {
    const record = value as {text?: unknown; kinds?: unknown}
    if (Array.isArray(record.kinds)) return record.kinds.length > 0
    return typeof record.text === 'string' && record.text.trim() !== ''
  }
  return Boolean(value)
}

/**
 * Distinct node ids of records (a task assigned to a lead and to partners
 * is one task).
 *
 * @param records
 *   Records.
 * @returns
 *   Node ids.
 */
function distinctNodes(records: ExtractAssignment[]): Set<string> {
  return new Set(records.map((record) => record.node))
}

/**
 * Nodes of a tree by id.
 *
 * @param tree
 *   Root.
 * @returns
 *   Map.
 */
function index(tree: DocNode): Map<string, DocNode> {
  return addNodes(new Map(), tree)
}

/**
 * Add a node and those below it to a map by id (a plain function, not a
 * closure made per tree: V8 would compile it again after every full
 * collection).
 *
 * @param map
 *   Map.
 * @param node
 *   Node.
 * @returns
 *   The map.
 */
function addNodes(map: Map<string, DocNode>, node: DocNode): Map<string, DocNode> {
  map.set(node.id, node)
  for (const child of node.children) addNodes(map, child)
  return map
}
