/**
 * Which nodes of a program get aligned: the items of the tasks part, the
 * agencies' tasks of the assignments and implementation parts, and the
 * sections (the program's own groups) of the tasks part.
 */
import {collapse, toBareKey} from '../../ingest/index.js'
import type {DocNode, Role} from '../../types.js'
import deadlines from '../data/deadlines.json' with {type: 'json'}
import type {Scope} from './types.js'

/** A node to align, with where it sits. */
export interface Unit {
  /** The node. */
  node: DocNode
  /** Its text for matching: heading and body. */
  text: string
  /** Tasks part or agencies' tasks. */
  scope: Exclude<Scope, 'target'>
  /** The section of the tasks part it belongs to, or null. */
  section: DocNode | null
  /**
   * Whether it sits right in the implementation part, outside any agency's
   * block: where programs say how they roll themselves out.
   */
  direct: boolean
}

/** A section of the tasks part: a numbered heading with items under it. */
export interface Section {
  /** The heading node. */
  node: DocNode
  /** Heading text. */
  heading: string
  /** Units under it. */
  units: Unit[]
}

/** Units and sections of a document. */
export interface Collected {
  /** Units in source order. */
  units: Unit[]
  /** Sections in source order. */
  sections: Section[]
  /** Every node by id, for extraction records. */
  byId: Map<string, DocNode>
  /** Parent of every node by id. */
  parents: Map<string, DocNode>
}

const scopes: Partial<Record<Role, Unit['scope']>> = {tasks: 'task', assignments: 'assignment', implementation: 'assignment'}
const content = new Set(['group', 'item', 'point', 'header', 'bullet', 'subbullet', 'paragraph'])

const markers = deadlines.markers.map((marker) => ' ' + marker + ' ')

/**
 * Text of a node for matching: heading and body, without the parenthesised
 * deadline notes (`(thực hiện từ năm 2023)`), which say when, not what.
 *
 * @param node
 *   Node.
 * @returns
 *   Text.
 */
export function nodeText(node: DocNode): string {
  const joined = node.heading && node.text ? node.heading + ' ' + node.text : node.heading || node.text
  // Most texts have no note in brackets to look into.
  const bare = joined.includes('(')
    ? joined.replace(/\(([^()]*)\)/g, (whole, inner: string) => {
        const key = ' ' + toBareKey(inner) + ' '
        return markers.some((marker) => key.includes(marker)) ? ' ' : whole
      })
    : joined
  return collapse(bare)
}

/**
 * Collect the units and sections of a tree.
 *
 * @param tree
 *   Root node.
 * @returns
 *   Units, sections and nodes by id.
 */
export function collect(tree: DocNode): Collected {
  const state: Collecting = {byId: new Map(), parents: new Map(), units: [], sections: new Map(), anyScope: hasScope(tree)}
  collectNode(state, tree, null, null, null, null)
  return {units: state.units, sections: [...state.sections.values()], byId: state.byId, parents: state.parents}
}

/**
 * A tree being collected. Its steps are plain functions, not closures made
 * per tree: V8 would compile them again after every full collection.
 */
interface Collecting {
  byId: Map<string, DocNode>
  parents: Map<string, DocNode>
  units: Unit[]
  sections: Map<DocNode, Section>
  /** Whether any part title was recognised. */
  anyScope: boolean
}

/**
 * Whether a node or one below it has a role that maps to a scope.
 *
 * @param node
 *   Node.
 * @returns
 *   Whether one does.
 */
function hasScope(node: DocNode): boolean {
  if (node.role && scopes[node.role]) return true
  for (const child of node.children) if (hasScope(child)) return true
  return false
}

/**
 * Collect a node and those below it.
 *
 * @param state
 *   Tree being collected.
 * @param node
 *   Node.
 * @param scope
 *   Scope of its part, or null.
 * @param container
 *   The tasks node it is under, or null.
 * @param section
 *   The section it is in, or null.
 * @param parent
 *   Its parent, or null.
 */
function collectNode(state: Collecting, node: DocNode, scope: Unit['scope'] | null, container: DocNode | null, section: DocNode | null, parent: DocNode | null): void {
  state.byId.set(node.id, node)
  if (parent) state.parents.set(node.id, parent)
  let nextScope = scope
  let nextContainer = container
  let nextSection = section
  if (node.role) {
    const mapped = scopes[node.role]
    nextScope = mapped ?? null
    // The deepest tasks node holds the program's groups as its children.
    nextContainer = node.role === 'tasks' ? node : null
    nextSection = null
  } else if (!state.anyScope && node.kind === 'part') {
    // No part title was recognised: every part that says nothing of
    // purpose or objectives is taken for tasks.
    nextScope = 'task'
    nextContainer = node
    nextSection = null
  }
  // Read once: the text is what a unit and a section heading both hold.
  let text: string | undefined
  const isUnit = nextScope !== null && content.has(node.kind) && (node.text !== '' || node.children.length === 0) && (text ??= nodeText(node)) !== ''
  // A numbered heading right under the tasks node is one of the program's
  // groups; one with a sentence of its own (`1. … các nội dung sau:`) is a
  // unit too.
  if (!node.role && nextScope === 'task' && container && section === null && node.children.length > 0) {
    nextSection = node
    state.sections.set(node, {node, heading: (text ??= nodeText(node)), units: []})
  }
  if (isUnit && nextScope) {
    const direct = parent?.role === 'implementation'
    const unit: Unit = {node, text: (text ??= nodeText(node)), scope: nextScope, section: nextSection, direct}
    state.units.push(unit)
    if (nextSection) state.sections.get(nextSection)?.units.push(unit)
  }
  for (const child of node.children) collectNode(state, child, nextScope, nextContainer, nextSection, node)
}
