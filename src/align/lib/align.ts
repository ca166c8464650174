/**
 * Align one document: every task item and agency task to one group of the
 * framework or to none, with a score, the runner-up and the evidence.
 */
import type {DocNode, Meta} from '../../types.js'
import {cites} from './cites.js'
import {modelOf, sectionQuorum} from './model.js'
import {scoreText} from './score.js'
import {alignSections} from './sections.js'
import type {AlignModel, DocumentAlignment, ExtractLike, NodeAlignment, Reference, Scope} from './types.js'
import {collect, nodeText} from './units.js'

/** What {@link alignDocument} reads. */
export interface AlignDocumentOptions {
  /** The document tree. */
  tree: DocNode
  /** Extraction result (targets and assignments), when there is one. */
  extract?: ExtractLike | null
  /** Framework. */
  reference: Reference
  /** Model built over the corpus; without one, a model of this document alone. */
  model?: AlignModel | null
  /** Metadata, to see whether the document cites the framework. */
  meta?: Meta | null
}

/**
 * Align a document.
 *
 * @param options
 *   Tree, extraction, framework, model and metadata.
 * @returns
 *   Its alignment.
 */
export function alignDocument(options: AlignDocumentOptions): DocumentAlignment {
  const {tree, reference} = options
  const collected = collect(tree)
  const model = options.model ?? modelOf(reference, [{document: {tree, meta: options.meta ?? null}, ...collected}])
  if (model.reference.id !== reference.id) {
    throw new Error('Cannot `alignDocument` with a model of `' + model.reference.id + '`, expected a model of `' + reference.id + '`')
  }
  const {units, sections, byId, parents} = collected
  const sectionAlignments = alignSections(sections, model)
  const sectionGroup = new Map<string, string | null>()
  for (const section of sectionAlignments) sectionGroup.set(section.node, section.group)
  const aligned = new Map<string, NodeAlignment>()

  for (const unit of units) {
    const prior = unit.section ? (sectionGroup.get(unit.section.id) ?? null) : null
    aligned.set(unit.node.id, scoreText(unit.node, unit.text, {scope: unit.scope, prior, section: prior ? (unit.section?.id ?? null) : null, direct: unit.direct}, model))
  }
  // Extraction may point at nodes that are no unit (a target among the
  // objectives, an inline assignment in a lead-in): those align by content.
  const extra: Array<[string, Scope]> = [
    ...(options.extract?.targets ?? []).map((record): [string, Scope] => [record.node, 'target']),
    ...(options.extract?.assignments ?? []).map((record): [string, Scope] => [record.node, 'assignment'])
  ]
  for (const [id, scope] of extra) {
    const node = byId.get(id)
    if (!node || aligned.has(id)) continue
    const text = nodeText(node)
    if (text === '') continue
    aligned.set(id, scoreText(node, text, {scope, prior: null, section: null, direct: parents.get(id)?.role === 'implementation'}, model))
  }

  const cited = cites(options.meta ?? null, tree, reference)
  const sectionGroups = [...new Set(sectionAlignments.flatMap((section) => (section.group ? [section.group] : [])))].sort()
  const taskGroups = new Set([...aligned.values()].flatMap((node) => (node.scope !== 'target' && node.group ? [node.group] : [])))
  const {implements: does, reason} = decide(reference, cited, sectionGroups, taskGroups.size)
  return {
    reference: reference.id,
    implements: does,
    reason,
    cites: cited,
    sectionGroups,
    sections: sectionAlignments,
    nodes: [...aligned.values()].sort((left, right) => left.line - right.line || (left.node < right.node ? -1 : left.node > right.node ? 1 : 0))
  }
}

/**
 * Whether a document implements the framework: its tasks part has sections
 * for four in five groups (cited or not), or it cites the framework and its
 * items carry out at least two groups.
 *
 * @param reference
 *   Framework.
 * @param cited
 *   Whether it cites the framework.
 * @param sectionGroups
 *   Groups with a section.
 * @param taskGroups
 *   Number of groups any item aligns to.
 * @returns
 *   Decision and reason.
 */
function decide(reference: Reference, cited: boolean, sectionGroups: string[], taskGroups: number): {implements: boolean; reason: string} {
  const total = reference.groups.length
  const code = reference.code ?? reference.id
  const quorum = sectionQuorum(reference)
  const sectionsSay = sectionGroups.length + ' of ' + total + ' groups have a section of their own' + (sectionGroups.length > 0 ? ' (' + sectionGroups.join(', ') + ')' : '')
  if (sectionGroups.length >= quorum) {
    return {implements: true, reason: (cited ? 'cites ' + code + '; ' : 'does not cite ' + code + ', but ') + sectionsSay}
  }
  if (cited && taskGroups >= 2) {
    return {implements: true, reason: 'cites ' + code + '; its items carry out ' + taskGroups + ' of ' + total + ' groups; ' + sectionsSay}
  }
  if (cited) return {implements: false, reason: 'cites ' + code + ', but its items carry out ' + taskGroups + ' of ' + total + ' groups'}
  return {implements: false, reason: 'does not cite ' + code + '; ' + sectionsSay + ', fewer than the ' + quorum + ' a program has'}
}
