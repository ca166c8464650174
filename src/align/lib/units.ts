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
  const byId = new Map<string, DocNode>()
  const parents = new Map<string, DocNode>()
  const units: Unit[] = []
  const sections = new Map<DocNode, Section>()
  let anyScope = false
  const probe = (node: DocNode): void => {
    if (node.role && scopes[node.role]) anyScope = true
    for (const child of node.children) probe(child)
  }
  probe(tree)

  const walk = (node: DocNode, scope: Unit['scope'] | null, container: DocNode | null, section: DocNode | null, parent: DocNode | null): void => {
    byId.set(node.id, node)
    if (parent) parents.set(node.id, parent)
    let nextScope = scope
    let nextContainer = container
    let nextSection = section
    if (node.role) {
      const mapped = scopes[node.role]
      nextScope = mapped ?? null
      // The deepest tasks node holds the program's groups as its children.
      nextContainer = node.role === 'tasks' ? node : null
      nextSection = null
    } else if (!anyScope && node.kind === 'part') {
      // No part title was recognised: every part that says nothing of
      // purpose or objectives is taken for tasks.
      nextScope = 'task'
      nextContainer = node
      nextSection = null
    }
    // Read once: the text is what a unit and a section heading both hold.
    let text: string | undefined
    const textOf = (): string => (text ??= nodeText(node))
    const isUnit = nextScope !== null && content.has(node.kind) && (node.text !== '' || node.children.length === 0) && textOf() !== ''
    // A numbered heading right under the tasks node is one of the program's
    // groups; one with a sentence of its own (`1. … các nội dung sau:`) is a
    // unit too.
    if (!node.role && nextScope === 'task' && container && section === null && node.children.length > 0) {
      nextSection = node
      sections.set(node, {node, heading: textOf(), units: []})
    }
    if (isUnit && nextScope) {
      const direct = parent?.role === 'implementation'
      const unit: Unit = {node, text: textOf(), scope: nextScope, section: nextSection, direct}
      units.push(unit)
      if (nextSection) sections.get(nextSection)?.units.push(unit)
    }
    for (const child of node.children) walk(child, nextScope, nextContainer, nextSection, node)
  }
  walk(tree, null, null, null, null)
  return {units, sections: [...sections.values()], byId, parents}
}
