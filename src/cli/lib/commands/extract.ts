/**
 * `doichieu extract FILE [--json]`: one document's targets, assignments and
 * references.
 */
import {formatExtract, toJson} from '../../../report/index.js'
import {processArgument} from '../context.js'
import type {Command} from '../streams.js'

/** The `extract` command: one document's records, as a listing or as JSON. */
export const extract: Command = {
  name: 'extract',
  usage: 'doichieu extract FILE [--json] [--corpus DIR|GLOB]… [--reference FILE] [--verbose]',
  summary: 'print the targets, assignments and references of FILE (repaired first if OCR-damaged) as a listing, or as JSON ({targets, assignments, references})',
  async run(args, streams) {
    const {json, result} = await processArgument(args, streams)
    if (result.failed || !result.document.root) return 1
    const {targets, assignments, references} = result.document
    const records = {targets, assignments, references}
    streams.stdout.write(json ? toJson(records) : formatExtract(records))
    return 0
  }
}
