/**
 * A diff laid out as one merged document for a redline view: the new
 * document in reading order, with removed nodes and the old places of moved
 * nodes slotted in where they used to stand.
 */
import type {DocNode} from '../../types.js'
import {entries, placeOf, type Entry} from './entries.js'
import type {Change, DiffResult, NodePlace, WordPart} from './types.js'

/** What a redline row shows. */
export type RowStatus = 'same' | 'edited' | 'added' | 'removed' | 'moved' | 'moved-away'

/** One line of a redline: a node and what happened to it. */
export interface RedlineRow {
  /** What happened to the node. */
  status: RowStatus
  /** Depth in its tree, from 0 for the top level. */
  depth: number
  /** The node in the old document, if it is there. */
  old: NodePlace | null
  /** The node in the new document, if it is there. */
  new: NodePlace | null
  /** Numbering runs: one `equal` run when unchanged, else the old and the new. */
  num: WordPart[]
  /** Text runs: the word-level comparison for an edit, else one run. */
  words: WordPart[]
  /** Whether the node was reported renumbered (its numbers may differ without that, following its parent). */
  renumbered: boolean
  /** Whether the node's words changed. */
  edited: boolean
  /** For moved nodes: the other place (where it came from, or went to). */
  other: NodePlace | null
}

/** The two trees a result was computed from. */
export interface RedlineTrees {
  /** Old tree. */
  old: DocNode
  /** New tree. */
  new: DocNode
}

/**
 * Lay out a diff as merged rows.
 *
 * @param result
 *   Result of `diff` on these trees.
 * @param trees
 *   The trees.
 * @returns
 *   Rows in reading order.
 */
export function redline(result: DiffResult, trees: RedlineTrees): RedlineRow[] {
  const left = entries(trees.old)
  const right = entries(trees.new)
  const leftById = new Map(left.map((entry) => [entry.node.id, entry]))
  const rightById = new Map(right.map((entry) => [entry.node.id, entry]))
  const forward = new Map<Entry, Entry>()
  const backward = new Map<Entry, Entry>()
  for (const pair of result.matches) {
    const a = leftById.get(pair.old)
    const b = rightById.get(pair.new)
    if (a && b) {
      forward.set(a, b)
      backward.set(b, a)
    }
  }
  const byNew = new Map<string, Change[]>()
  for (const change of result.changes) {
    const place = change.new
    if (place && 'id' in place) byNew.set(place.id, [...(byNew.get(place.id) ?? []), change])
  }

  // Old-side rows (removed nodes, old places of moved nodes), keyed by the
  // new entry they follow (null: before everything).
  const slots = new Map<Entry | null, RedlineRow[]>()
  let after: Entry | null = null
  for (const a of left) {
    const b = forward.get(a)
    if (b) {
      const moved = byNew.get(b.node.id)?.some((change) => change.kind === 'moved' && !change.reordered) ?? false
      if (moved) push(after, row('moved-away', a, null, b))
      else after = b
      continue
    }
    push(after, row('removed', a, null, null))
  }

  const rows: RedlineRow[] = [...(slots.get(null) ?? [])]
  for (const b of right) {
    const a = backward.get(b)
    const changes = byNew.get(b.node.id) ?? []
    const edited = changes.find((change) => change.kind === 'edited')
    const moved = changes.some((change) => change.kind === 'moved')
    if (!a) rows.push(row('added', null, b, null))
    else {
      const current = row(moved ? 'moved' : edited ? 'edited' : 'same', a, b, moved ? a : null)
      current.renumbered = changes.some((change) => change.kind === 'renumbered')
      if (edited && edited.kind === 'edited') {
        current.words = edited.words
        current.edited = true
      }
      rows.push(current)
    }
    rows.push(...(slots.get(b) ?? []))
  }
  return rows

  /**
   * Queue an old-side row after a new entry.
   *
   * @param anchor
   *   New entry, or null.
   * @param value
   *   Row.
   */
  function push(anchor: Entry | null, value: RedlineRow): void {
    slots.set(anchor, [...(slots.get(anchor) ?? []), value])
  }
}

/**
 * Make a row.
 *
 * @param status
 *   Status.
 * @param a
 *   Old entry, or null.
 * @param b
 *   New entry, or null.
 * @param other
 *   Entry at the other end of a move, or null.
 * @returns
 *   Row.
 */
function row(status: RowStatus, a: Entry | null, b: Entry | null, other: Entry | null): RedlineRow {
  const shown = b ?? a
  const depth = shown ? depthOf(shown) : 0
  const oldNum = a?.node.num ?? null
  const newNum = b?.node.num ?? null
  const differs = a !== null && b !== null && a.node.numValue !== b.node.numValue
  let num: WordPart[]
  if (status === 'removed' || status === 'moved-away') num = oldNum ? [{op: 'delete', value: oldNum}] : []
  else if (status === 'added') num = newNum ? [{op: 'insert', value: newNum}] : []
  else if (differs) num = [...(oldNum ? [{op: 'delete' as const, value: oldNum}] : []), ...(newNum ? [{op: 'insert' as const, value: newNum}] : [])]
  else num = newNum ? [{op: 'equal', value: newNum}] : []
  let words: WordPart[]
  if (status === 'removed' || status === 'moved-away') words = [{op: 'delete', value: a?.value ?? ''}]
  else if (status === 'added') words = [{op: 'insert', value: b?.value ?? ''}]
  else words = [{op: 'equal', value: b?.value ?? ''}]
  return {
    status,
    depth,
    old: a ? placeOf(a) : null,
    new: b ? placeOf(b) : null,
    num,
    words: words.filter((part) => part.value.length > 0),
    renumbered: false,
    edited: false,
    other: other ? placeOf(other) : null
  }
}

/**
 * Depth of an entry.
 *
 * @param entry
 *   Entry.
 * @returns
 *   Depth from 0.
 */
function depthOf(entry: Entry): number {
  let depth = 0
  let parent = entry.parent
  while (parent) {
    depth++
    parent = parent.parent
  }
  return depth
}
