/**
 * Put a document's alignment on its tree, for `out/documents/<id>.json`.
 */
import type {DocNode} from '../../types.js'
import type {AlignedNode, DocumentAlignment} from './types.js'

/**
 * Copy of a tree whose aligned nodes carry `group`, `score`, `runnerUp`,
 * `evidence` and `subpoints`; other nodes are copied unchanged.
 *
 * @param tree
 *   Root node.
 * @param alignment
 *   The document's alignment.
 * @returns
 *   Annotated copy (the input is not changed).
 */
export function annotate(tree: DocNode, alignment: DocumentAlignment): AlignedNode {
  const byNode = new Map(alignment.nodes.map((node) => [node.node, node]))
  const sections = new Map(alignment.sections.map((section) => [section.node, section]))
  return copy(tree, {byNode, sections})
}

/**
 * Copy a node and those below it, annotated (a plain function, not a
 * closure made per tree: V8 would compile it again after every full
 * collection).
 *
 * @param node
 *   Node.
 * @param alignment
 *   Aligned nodes and sections by node id.
 * @returns
 *   Annotated copy.
 */
function copy(
  node: DocNode,
  alignment: {byNode: Map<string, DocumentAlignment['nodes'][number]>; sections: Map<string, DocumentAlignment['sections'][number]>}
): AlignedNode {
  const children: AlignedNode[] = []
  for (const child of node.children) children.push(copy(child, alignment))
  const result: AlignedNode = {...node, children}
  const aligned = alignment.byNode.get(node.id)
  const section = alignment.sections.get(node.id)
  if (aligned) {
    result.group = aligned.group
    result.score = aligned.score
    result.runnerUp = aligned.runnerUp
    result.evidence = aligned.evidence
    result.subpoints = aligned.subpoints
  } else if (section) {
    // A section heading has no items of its own: its group is that of the
    // program's group it opens.
    result.group = section.group
    result.score = section.score
    result.runnerUp = section.runnerUp
    result.evidence = {terms: section.terms, phrases: [], section: null}
  }
  return result
}
