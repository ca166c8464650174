/**
 * Segment: clean blocks to the document tree and its metadata.
 */
import type {VFile} from 'vfile'
import type {DocNode} from '../../types.js'
import {readMeta} from './meta.js'
import {buildTree} from './tree.js'

/**
 * Segment a file whose blocks have been read: sets `file.data.tree` and
 * `file.data.meta`.
 *
 * @param file
 *   File with `data.blocks`.
 * @returns
 *   Root node.
 */
export function segment(file: VFile): DocNode {
  const tree = buildTree({blocks: file.data.blocks ?? [], footnotes: file.data.footnotes ?? [], file})
  file.data.tree = tree
  file.data.meta = readMeta(tree)
  return tree
}

/**
 * Visit every node of a tree, parents before children.
 *
 * @param tree
 *   Root node.
 * @param visitor
 *   Called with each node and its ancestors.
 */
export function visit(tree: DocNode, visitor: (node: DocNode, ancestors: DocNode[]) => void): void {
  const walk = (node: DocNode, ancestors: DocNode[]): void => {
    visitor(node, ancestors)
    const next = [...ancestors, node]
    for (const child of node.children) walk(child, next)
  }
  walk(tree, [])
}

export {classify, romanValue, toRoman} from './classify.js'
export {levenshtein, readMeta} from './meta.js'
export {roleOf} from './role.js'
export {buildTree} from './tree.js'
