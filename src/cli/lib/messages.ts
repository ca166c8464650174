/**
 * Messages of a processed document for the terminal.
 */
import {repairReason, type RepairChange} from '../../repair/index.js'
import type {MessageJson} from '../../report/index.js'

/**
 * One line per message, `file:line:column: severity reason [rule]`.
 *
 * @param result
 *   Path of a processed document, its messages and, for a repaired one, its
 *   repair changes (the confident ones are information messages that the
 *   document's messages leave out).
 * @param options
 *   Whether to include information messages.
 * @returns
 *   Text (empty when there is nothing to say).
 */
export function formatResult(
  result: {file: string; messages: readonly MessageJson[]; changes?: readonly RepairChange[] | null | undefined},
  options: {verbose?: boolean | undefined} = {}
): string {
  let messages = result.messages.filter((message) => options.verbose || message.severity !== 'info')
  if (options.verbose && result.changes) {
    const confident = result.changes
      .filter((change) => !change.low)
      .map((change): MessageJson => ({ruleId: 'ocr-repair', severity: 'info', reason: repairReason(change), line: change.line, column: change.column, offset: change.offset, actual: change.source}))
    messages = [...confident, ...messages].sort((a, b) => (a.line ?? 1) - (b.line ?? 1) || (a.column ?? 1) - (b.column ?? 1))
  }
  return messages
    .map((message) => result.file + ':' + (message.line ?? 1) + ':' + (message.column ?? 1) + ': ' + message.severity + ' ' + message.reason + (message.ruleId ? ' [' + message.ruleId + ']' : '') + '\n')
    .join('')
}
