/**
 * Messages of a processed document for the terminal.
 */
import type {MessageJson} from '../../report/index.js'

/**
 * One line per message, `file:line:column: severity reason [rule]`.
 *
 * @param result
 *   Processed document.
 * @param options
 *   Whether to include information messages.
 * @returns
 *   Text (empty when there is nothing to say).
 */
export function formatResult(result: {file: string; document: {messages: MessageJson[]}}, options: {verbose?: boolean | undefined} = {}): string {
  return result.document.messages
    .filter((message) => options.verbose || message.severity !== 'info')
    .map((message) => result.file + ':' + (message.line ?? 1) + ':' + (message.column ?? 1) + ': ' + message.severity + ' ' + message.reason + (message.ruleId ? ' [' + message.ruleId + ']' : '') + '\n')
    .join('')
}
