/**
 * Whether a document names the framework it would implement.
 */
import {toBareKey} from '../../ingest/index.js'
import type {DocNode, Meta} from '../../types.js'
import type {Reference} from './types.js'

/**
 * Whether a document cites the framework's code (or an alias) in the codes
 * its metadata says it implements, in its title, or in its title lines.
 *
 * @param meta
 *   Metadata, or null.
 * @param tree
 *   Root node.
 * @param reference
 *   Framework.
 * @returns
 *   Whether it does.
 */
export function cites(meta: Meta | null, tree: DocNode, reference: Reference): boolean {
  const codes = [reference.code, ...reference.aliases].filter((code): code is string => Boolean(code)).map((code) => ' ' + toBareKey(code) + ' ')
  if (codes.length === 0) return false
  const places = [...(meta?.implements ?? []), meta?.title ?? '', ...tree.children.filter((node) => node.kind === 'title').map((node) => node.text)]
  return places.some((place) => {
    const key = ' ' + toBareKey(place) + ' '
    return codes.some((code) => key.includes(code))
  })
}
