/**
 * The bundled corpus, processed once per test file.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {VFile} from 'vfile'
import {processFile} from '../../src/pipeline/index.js'
import type {DocNode} from '../../src/types.js'

export const root = join(import.meta.dirname, '..', '..')

/** Corpus file names by seed number. */
export const seeds = {
  '000': 'corpus/ha-tinh.ctr-28-nq-tw.md',
  '001': 'corpus/binh-thuan.ctr-28-nq-tw.md',
  '002': 'corpus/lam-dong.ctr-28-nq-tw.ocr.txt',
  '003': 'corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt',
  '004': 'corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt'
} as const

/**
 * Process text or bytes as a document at `path`.
 *
 * @param path
 *   Path (its extension picks the reader).
 * @param value
 *   Contents.
 * @returns
 *   Processed file.
 */
export function processValue(path: string, value: string | Uint8Array): VFile {
  return processFile({file: new VFile({path, value})})
}

/**
 * Process a corpus file.
 *
 * @param name
 *   Path relative to the repository.
 * @returns
 *   Processed file.
 */
export function processSeed(name: string): VFile {
  return processValue(name, readFileSync(join(root, name)))
}

/**
 * Nodes of a tree in document order.
 *
 * @param tree
 *   Root.
 * @returns
 *   Nodes.
 */
export function flatten(tree: DocNode): DocNode[] {
  const nodes: DocNode[] = []
  const walk = (node: DocNode): void => {
    nodes.push(node)
    for (const child of node.children) walk(child)
  }
  walk(tree)
  return nodes
}

/**
 * Node by id.
 *
 * @param tree
 *   Root.
 * @param id
 *   Id.
 * @returns
 *   Node.
 */
export function byId(tree: DocNode, id: string): DocNode {
  const node = flatten(tree).find((candidate) => candidate.id === id)
  if (!node) throw new Error('No node `' + id + '`')
  return node
}
