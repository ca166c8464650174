/**
 * The nodes of a tree flattened for comparison, each with its display value,
 * matching key, readable path and place among its siblings.
 */
import {toKey} from '../../ingest/index.js'
import type {DocNode, NodeKind} from '../../types.js'
import type {NodePlace} from './types.js'

/** A node of one document, ready to compare. */
export interface Entry {
  /** The node. */
  node: DocNode
  /** The parent entry, or null under the root. */
  parent: Entry | null
  /** Child entries, in order. */
  children: Entry[]
  /** Index in document order (preorder), from 0. */
  order: number
  /** Index among its siblings, from 0. */
  index: number
  /** Heading and text of the node itself, as written. */
  value: string
  /** `toKey` of the value: equal keys mean unchanged content. */
  key: string
  /** Readable path from the top (`III › 2 › bullet 3`). */
  path: string
}

/** Words naming unnumbered kinds in paths. */
const labels: Partial<Record<NodeKind, string>> = {
  title: 'title',
  dateline: 'dateline',
  bullet: 'bullet',
  subbullet: 'sub-bullet',
  paragraph: 'para',
  closing: 'closing',
  recipients: 'recipients',
  signature: 'signature',
  footnote: 'footnote',
  header: 'header'
}

/**
 * Heading and text of a node itself, as written.
 *
 * @param node
 *   Node.
 * @returns
 *   Value.
 */
export function valueOf(node: DocNode): string {
  return [node.heading ?? '', node.text].filter((part) => part.length > 0).join(' ')
}

/**
 * Flatten a tree into entries in document order, the root left out.
 *
 * @param tree
 *   Root node.
 * @returns
 *   Entries.
 */
export function entries(tree: DocNode): Entry[] {
  const all: Entry[] = []
  const walk = (node: DocNode, parent: Entry | null, siblings: Entry[]): void => {
    const ordinals = new Map<NodeKind, number>()
    for (const [index, child] of node.children.entries()) {
      const ordinal = (ordinals.get(child.kind) ?? 0) + 1
      ordinals.set(child.kind, ordinal)
      const step = child.numValue ?? (child.num && !/^[-+*•–]$/.test(child.num) ? child.num : (labels[child.kind] ?? child.kind) + ' ' + ordinal)
      const value = valueOf(child)
      const entry: Entry = {
        node: child,
        parent,
        children: [],
        order: all.length,
        index,
        value,
        key: toKey(value),
        path: parent ? parent.path + ' › ' + step : step
      }
      all.push(entry)
      siblings.push(entry)
      walk(child, entry, entry.children)
    }
  }
  walk(tree, null, [])
  return all
}

/**
 * The place of an entry as changes report it.
 *
 * @param entry
 *   Entry.
 * @returns
 *   Place.
 */
export function placeOf(entry: Entry): NodePlace {
  const {node, parent} = entry
  return {
    id: node.id,
    kind: node.kind,
    num: node.num,
    line: node.line,
    path: entry.path,
    value: entry.value,
    parent: parent ? {id: parent.node.id, num: parent.node.num, path: parent.path, value: parent.value} : null
  }
}
