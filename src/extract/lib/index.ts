/**
 * Extract: a document tree to the records researchers count and compare —
 * targets, assignments and references — each with its node id and source
 * line. Pure: no file system, no process; the file is read, never changed.
 */
import type {VFile} from 'vfile'
import type {DocNode, Meta, Role} from '../../types.js'
import {agencyHeading, type AgencyItem} from './agencies.js'
import {blockAssignments, inlineAssignments} from './assignments.js'
import {references as findReferences} from './references.js'
import {headingStrives, headingTimeFrame, noTimeFrame, qualitativeTarget, unitTargets, type TargetContext} from './targets.js'
import {fold, inlineItems, Locator, sentences, type Span} from './text.js'
import type {Assignment, ExtractResult, Reference, Target} from './types.js'

/** Options for {@link extract}. */
export interface ExtractOptions {
  /** Document tree (`file.data.tree`). */
  tree: DocNode
  /** Metadata (`file.data.meta`); kept in the signature for callers, not needed to read the tree. */
  meta?: Meta | null
  /** The file the tree was built from: gives exact source lines, and tolerant agency matching when its text is OCR-damaged. */
  file?: VFile
}

/** Time frame and aspiration that headings give the text below them. */
type Frame = Pick<TargetContext, 'timeFrame' | 'aspirational'>

/** A node with what lies above it. */
interface Visit {
  /** Node. */
  node: DocNode
  /** Ancestors, root first. */
  ancestors: DocNode[]
  /** Role of the nearest of the node and its ancestors that has one. */
  role: Role | null
  /** Frame from the headings of the ancestors (for the node's heading). */
  above: Frame
  /** Frame from the headings of the ancestors and the node (for its text). */
  within: Frame
  /** Folded heading (empty when the node has none). */
  headingKey: string
  /** Folded text. */
  textKey: string
  /** Sentences of the text, once split (see {@link textSentences}). */
  sentences: Span[] | null
}

/**
 * Extract a document's targets, assignments and references.
 *
 * @param options
 *   Tree, metadata and file.
 * @returns
 *   Records in document order.
 */
export function extract(options: ExtractOptions): ExtractResult {
  const {tree, file} = options
  const locator = new Locator(file)
  const fuzzy = file?.data.damage?.damaged === true
  const hasParts = tree.children.some((node) => node.kind === 'part')
  const visits: Visit[] = []
  // Role and frame are carried down the tree: each heading is read once, not
  // once per node below it.
  const walk = (node: DocNode, ancestors: DocNode[], role: Role | null, above: Frame): void => {
    // Recipients and signatures cite and assign nothing.
    if (node.kind === 'closing') return
    const own = node.role ? node.role : role
    // Each heading and text is folded once, for every extractor.
    const headingKey = fold(node.heading ?? '')
    const textKey = fold(node.text)
    const within = frameOf(node, node.heading === null ? textKey : headingKey, above)
    visits.push({node, ancestors, role: own, above, within, headingKey, textKey, sentences: null})
    for (const child of node.children) walk(child, [...ancestors, node], own, within)
  }
  walk(tree, [], null, {timeFrame: noTimeFrame, aspirational: false})
  const targets: Target[] = []
  const assignments: Assignment[] = []
  const references: Reference[] = []
  const blocks = new Map<DocNode, AgencyItem[]>()
  const consumed = new Set<DocNode>()

  for (const visit of visits) {
    const {node, ancestors} = visit
    if (node.kind === 'root') continue
    for (const [value, key] of [
      [node.heading, visit.headingKey],
      [node.text, visit.textKey]
    ] as const) {
      if (!value) continue
      for (const found of findReferences(value, key)) {
        references.push({node: node.id, line: locator.line(node, key, found.offset), ...found.reference})
      }
    }
    // The opening lines (title, date, preamble) and footnotes commit to nothing
    // and assign nothing, nor does an assessment of the past.
    const body = !hasParts || ancestors.some((ancestor) => ancestor.kind === 'part') || node.kind === 'part'
    if (!body || node.kind === 'footnote' || visit.role === 'situation') continue
    extractTargets(visit, locator, targets)
    extractAssignments(visit, {locator, fuzzy, blocks, consumed}, assignments)
  }
  return {targets, assignments, references}
}

/**
 * Targets of a node: figures in its heading and text; in a targets part
 * (`Chỉ tiêu`), also each listed target without a figure.
 *
 * @param visit
 *   Node, with its role and frames.
 * @param locator
 *   Source lines.
 * @param targets
 *   Where to add them.
 */
function extractTargets(visit: Visit, locator: Locator, targets: Target[]): void {
  const {node} = visit
  const listed = visit.role === 'targets'
  for (const [value, key, heading] of [
    [node.heading, visit.headingKey, true],
    [node.text, visit.textKey, false]
  ] as const) {
    if (!value) continue
    // A heading's own time frame applies to the text after it, not to itself.
    const {timeFrame, aspirational} = heading ? visit.above : visit.within
    const items = inlineItems(value)
    const units = items.length > 0 ? items : [{start: 0, end: value.length, label: null}]
    for (const unit of units) {
      const text = value.slice(unit.start, unit.end)
      const textKey = key.slice(unit.start, unit.end)
      // Made field by field, not spread from the frame: spread objects took
      // their frame's shapes, and the code reading them was compiled again.
      const context: TargetContext = {item: unit.label, timeFrame, aspirational, listed}
      // A text that is one unit has the sentences assignments read: split once.
      const spans = !heading && items.length === 0 ? textSentences(visit) : sentences(text)
      const found = spans.flatMap((span) =>
        unitTargets(text.slice(span.start, span.end), textKey.slice(span.start, span.end), context).map((item) => ({...item, offset: item.offset + span.start}))
      )
      for (const item of found) targets.push({node: node.id, line: locator.line(node, key, unit.start + item.offset), ...item.target})
      if (found.length === 0 && listed && !heading && !/:\s*$/u.test(text)) {
        targets.push({node: node.id, line: locator.line(node, key, unit.start), ...qualitativeTarget(text, textKey, context)})
      }
    }
  }
}

/**
 * Sentences of a node's text, split once for targets and assignments.
 *
 * @param visit
 *   Node, with its folded statements.
 * @returns
 *   Sentence spans of `visit.node.text`.
 */
function textSentences(visit: Visit): Span[] {
  visit.sentences ??= sentences(visit.node.text)
  return visit.sentences
}

/**
 * Time frame and aspiration under a node: the time frame its heading names
 * (`3.1. Đến đầu nhiệm kỳ 2025 - 2030`), else the one from above; aspiration
 * when its heading or one above strives (`* Phấn đấu đến năm 2025`).
 *
 * @param node
 *   Node.
 * @param key
 *   Folded heading of the node (its text when it has no heading).
 * @param above
 *   Frame from the headings above it.
 * @returns
 *   Frame.
 */
function frameOf(node: DocNode, key: string, above: Frame): Frame {
  const heading = node.heading ?? (node.kind === 'header' ? node.text : null)
  if (!heading) return above
  return {timeFrame: headingTimeFrame(heading, key) ?? above.timeFrame, aspirational: headingStrives(key) || above.aspirational}
}

/** State shared while reading assignments. */
interface AssignmentState {
  /** Source lines. */
  locator: Locator
  /** Whether to match agency headings tolerantly. */
  fuzzy: boolean
  /** Agency headings found so far. */
  blocks: Map<DocNode, AgencyItem[]>
  /** Paragraphs already read as the rest of a heading above. */
  consumed: Set<DocNode>
}

/**
 * Assignments of a node: under an agency heading, each task of its text;
 * elsewhere, sentences with an agency subject.
 *
 * @param visit
 *   Node, with its ancestors and folded statements.
 * @param state
 *   Shared state.
 * @param assignments
 *   Where to add them.
 */
function extractAssignments(visit: Visit, state: AssignmentState, assignments: Assignment[]): void {
  const {node, ancestors} = visit
  const {locator, blocks, consumed} = state
  if (consumed.has(node)) return
  const own = node.heading ? agencyHeading(node.heading, visit.headingKey, state.fuzzy) : []
  if (own.length > 0) blocks.set(node, own)
  let block = own.length > 0 ? own : undefined
  // The agencies of the nearest ancestor that names some.
  for (let at = ancestors.length - 1; !block && at >= 0; at--) block = blocks.get(ancestors[at]!)
  let statement: string | null = null
  let key = ''
  // Whether the statement is the node's text alone, whose sentences targets may have split.
  let textAlone = false
  if (node.heading && own.length === 0) {
    // The key of a join is the join of the keys.
    statement = node.heading + (node.text ? ': ' + node.text : '')
    key = visit.headingKey + (node.text ? ': ' + visit.textKey : '')
    const next = node.children[0]
    // A heading that is a sentence cut by a page break goes on in the paragraph below.
    if (!node.text && next?.kind === 'paragraph' && !/[.;:!?]["”)]*\s*$/u.test(node.heading)) {
      statement += ' ' + next.text
      key += ' ' + fold(next.text)
      consumed.add(next)
    }
  } else if (node.text) {
    statement = node.text
    key = visit.textKey
    textAlone = true
  }
  if (!statement) return
  const found = block ? blockAssignments(statement, key, block) : inlineAssignments(statement, key, textAlone ? textSentences(visit) : sentences(statement))
  for (const item of found) {
    assignments.push({node: node.id, line: locator.line(node, key, item.offset), ...item.assignment})
  }
}
