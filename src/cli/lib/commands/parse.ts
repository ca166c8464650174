/**
 * `doichieu parse FILE [--json]`: one document's tree.
 */
import {outline, toJson} from '../../../report/index.js'
import {processArgument} from '../context.js'
import type {Command} from '../streams.js'

export const parse: Command = {
  name: 'parse',
  usage: 'doichieu parse FILE [--json] [--corpus DIR|GLOB]… [--reference FILE] [--verbose]',
  summary: 'print the document tree of FILE (repaired first if OCR-damaged) as an outline, or as JSON ({meta, root})',
  async run(args, streams) {
    const {json, result} = await processArgument(args, streams)
    const {meta, root} = result.document
    if (result.failed || !root) return 1
    streams.stdout.write(json ? toJson({meta, root}) : outline(root))
    return 0
  }
}
