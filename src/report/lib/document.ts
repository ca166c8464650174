/**
 * The JSON form of one processed document (`out/documents/<id>.json`) and its
 * text outline (`doichieu parse`).
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {annotate, type AlignedNode} from '../../align/index.js'
import type {Assignment, Reference, Target} from '../../extract/index.js'
import type {DocNode, Meta} from '../../types.js'

/** A message as written to JSON. */
export interface MessageJson {
  ruleId: string | null
  severity: 'error' | 'warning' | 'info'
  reason: string
  line: number | null
  column: number | null
  offset: number | null
  actual: string | null
}

/** A document as written to JSON. */
export interface DocumentJson {
  id: string
  file: string
  format: 'md' | 'txt' | null
  damage: VFile['data']['damage'] | null
  meta: Meta | null
  /** The tree; with alignment, task nodes carry `group`, `score`, `runnerUp`, `evidence`, `subpoints`. */
  root: DocNode | AlignedNode | null
  targets: Target[]
  assignments: Assignment[]
  references: Reference[]
  /** Whether and why the document implements the framework, or null without one. */
  alignment: {reference: string; implements: boolean; reason: string; cites: boolean; sectionGroups: string[]} | null
  messages: MessageJson[]
}

/**
 * JSON of a processed document.
 *
 * @param file
 *   Processed file.
 * @param path
 *   Path to show (relative to the working folder).
 * @returns
 *   Plain object.
 */
export function documentJson(file: VFile, path: string): DocumentJson {
  const tree = file.data.tree
  const alignment = file.data.alignment
  return {
    id: file.data.id ?? '',
    file: path,
    format: file.data.format ?? null,
    damage: file.data.damage ?? null,
    meta: file.data.meta ?? null,
    root: tree && alignment ? annotate(tree, alignment) : tree ?? null,
    targets: file.data.extract?.targets ?? [],
    assignments: file.data.extract?.assignments ?? [],
    references: file.data.extract?.references ?? [],
    alignment: alignment
      ? {reference: alignment.reference, implements: alignment.implements, reason: alignment.reason, cites: alignment.cites, sectionGroups: alignment.sectionGroups}
      : null,
    // A confident repair is in the document's repairs (`repairs/<id>.json`,
    // with its alternatives): thousands of copies here would only weigh.
    // The pipeline does not message them (`messages: 'low'`): this guards a
    // file repaired with every message (`repairText`'s default), whose
    // confident repairs `--verbose` would otherwise list twice (it adds them
    // from the changes).
    messages: file.messages.filter((message) => message.ruleId !== 'ocr-repair' || message.fatal !== undefined).map((message) => messageJson(message))
  }
}

/**
 * JSON of a message.
 *
 * @param message
 *   Message.
 * @returns
 *   Plain object.
 */
export function messageJson(message: VFileMessage): MessageJson {
  return {
    ruleId: message.ruleId ?? null,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    reason: message.reason,
    line: message.line ?? null,
    column: message.column ?? null,
    offset: message.place && 'start' in message.place ? message.place.start.offset ?? null : message.place?.offset ?? null,
    actual: message.actual ?? null
  }
}

/**
 * Indented outline of a tree, one node a line: numbering, heading or the
 * start of the text, kind, role, id and source line.
 *
 * @param tree
 *   Root node.
 * @returns
 *   Text.
 */
export function outline(tree: DocNode): string {
  const lines: string[] = []
  const walk = (node: DocNode, depth: number): void => {
    if (node.kind !== 'root') {
      const label = node.heading ?? node.text
      const short = label.length > 90 ? label.slice(0, 89) + '…' : label
      const role = node.role ? ' ' + node.role : ''
      lines.push('  '.repeat(depth) + (node.num ? node.num + ' ' : '') + short + '  [' + node.kind + role + '] #' + node.id + ' :' + node.line)
    }
    for (const child of node.children) walk(child, node.kind === 'root' ? depth : depth + 1)
  }
  walk(tree, 0)
  return lines.join('\n') + '\n'
}
