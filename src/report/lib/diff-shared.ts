/**
 * Pieces shared by the diff reports: change labels, short texts, and word
 * runs trimmed to the context around the changes.
 */
import type {Change, ChangeKind, DiffResult, DocumentInfo, NodePlace, WordPart} from '../../diff/index.js'
import {changeKinds} from '../../diff/index.js'

/** Words for each kind of change, as reports show them. */
export const kindLabels: Record<ChangeKind, string> = {
  edited: 'edited',
  moved: 'moved',
  renumbered: 'renumbered',
  added: 'added',
  removed: 'removed',
  'target-changed': 'target changed',
  'target-added': 'target added',
  'target-removed': 'target removed',
  'assignment-changed': 'assignment changed',
  'assignment-added': 'assignment added',
  'assignment-removed': 'assignment removed',
  'citation-added': 'citation added',
  'citation-removed': 'citation removed',
  'coverage-gained': 'coverage gained',
  'coverage-lost': 'coverage lost'
}

/** Sections of a report, each with the kinds it lists. */
export const sections: ReadonlyArray<{title: string; kinds: readonly ChangeKind[]}> = [
  {title: 'Structure and wording', kinds: ['edited', 'moved', 'renumbered', 'added', 'removed']},
  {title: 'Targets', kinds: ['target-changed', 'target-added', 'target-removed']},
  {title: 'Assignments', kinds: ['assignment-changed', 'assignment-added', 'assignment-removed']},
  {title: 'Citations', kinds: ['citation-added', 'citation-removed']},
  {title: 'Coverage of the reference', kinds: ['coverage-gained', 'coverage-lost']}
]

/**
 * Shorten a text to a number of characters, on a word boundary.
 *
 * @param value
 *   Text.
 * @param size
 *   Most characters.
 * @returns
 *   Text, with `…` when cut.
 */
export function short(value: string, size = 100): string {
  if (value.length <= size) return value
  const cut = value.slice(0, size - 1)
  const space = cut.lastIndexOf(' ')
  return (space > size / 2 ? cut.slice(0, space) : cut) + '…'
}

/**
 * Word runs with long unchanged stretches cut down to a few words of context
 * on each side of a change, so an edit in a long paragraph reads at a glance.
 *
 * @param parts
 *   Runs.
 * @param context
 *   Words kept on each side of a change.
 * @returns
 *   Runs; a cut is marked with `…` inside the `equal` run.
 */
export function trimContext(parts: WordPart[], context = 8): WordPart[] {
  return parts.map((part, index) => {
    if (part.op !== 'equal') return part
    const words = part.value.split(/(\s+)/)
    const count = words.filter((word) => word.trim()).length
    const first = index === 0
    const last = index === parts.length - 1
    const keep = first || last ? context : context * 2
    if (count <= keep + 2) return part
    // `split` with a capture keeps the spaces, so word i sits at index 2i.
    if (first) return {op: 'equal', value: '… ' + words.slice(words.length - 2 * context).join('').trimStart()}
    if (last) return {op: 'equal', value: words.slice(0, 2 * context).join('').trimEnd() + ' …'}
    return {op: 'equal', value: words.slice(0, 2 * context).join('') + '… ' + words.slice(words.length - 2 * context).join('').trimStart()}
  })
}

/**
 * A place as a short reference: path and line.
 *
 * @param place
 *   Place.
 * @returns
 *   Text such as `III › 2 (line 75)`.
 */
export function where(place: NodePlace): string {
  return place.path + ' (line ' + place.line + ')'
}

/**
 * A document as one line.
 *
 * @param document
 *   Document info.
 * @returns
 *   Text.
 */
export function describe(document: DocumentInfo): string {
  const parts = [document.file ?? '(no file)']
  if (document.province) parts.push(document.province)
  if (document.date) parts.push(document.date)
  parts.push(document.nodes + ' nodes')
  return parts.join(', ')
}

/**
 * The summary as one sentence.
 *
 * @param result
 *   Diff.
 * @returns
 *   Text.
 */
export function summaryLine(result: DiffResult): string {
  const {summary} = result
  if (summary.identical) return 'No change: all ' + summary.matched + ' nodes match.'
  const counts = changeKinds.filter((kind) => summary.counts[kind] > 0).map((kind) => summary.counts[kind] + ' ' + kindLabels[kind])
  return (
    summary.matched + ' of ' + result.old.nodes + ' old nodes matched (' + summary.unchanged + ' unchanged); ' + counts.join(', ') + '.' +
    (summary.records ? '' : ' Records not compared.') +
    (summary.coverage ? '' : ' Coverage not compared.')
  )
}

/**
 * Changes of one section, in the result's order.
 *
 * @param result
 *   Diff.
 * @param kinds
 *   Kinds of the section.
 * @returns
 *   Changes.
 */
export function changesOf(result: DiffResult, kinds: readonly ChangeKind[]): Change[] {
  return result.changes.filter((change) => kinds.includes(change.kind))
}

/**
 * Split a changed run into its leading space, its words and its trailing
 * space, so that reports mark the words only.
 *
 * @param value
 *   Text of a run.
 * @returns
 *   Leading space, inner text, trailing space.
 */
export function edges(value: string): [string, string, string] {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(value)
  return [match?.[1] ?? '', match?.[2] ?? '', match?.[3] ?? '']
}

/**
 * `(line 5 → 9)`, or `(line 5)` when both are the same.
 *
 * @param left
 *   Old line.
 * @param right
 *   New line.
 * @returns
 *   Text.
 */
export function lineSpan(left: number, right: number): string {
  return left === right ? '(line ' + left + ')' : '(line ' + left + ' → ' + right + ')'
}

/**
 * `with N nodes below` for a folded subtree.
 *
 * @param nodes
 *   Nodes in the subtree, itself included.
 * @returns
 *   Text, empty for a single node.
 */
export function nodesBelow(nodes: number): string {
  return nodes > 1 ? 'with ' + (nodes - 1) + (nodes === 2 ? ' node' : ' nodes') + ' below' : ''
}
