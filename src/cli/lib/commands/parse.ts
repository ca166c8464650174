/**
 * `doichieu parse FILE [--json]`: one document's tree.
 */
import {parseArgs} from 'node:util'
import {outline, toJson} from '../../../report/index.js'
import {processOne} from '../context.js'
import {type Command, UsageError} from '../streams.js'

export const parse: Command = {
  name: 'parse',
  usage: 'doichieu parse FILE [--json] [--corpus DIR|GLOB]… [--reference FILE] [--verbose]',
  summary: 'print the document tree of FILE (repaired first if OCR-damaged) as an outline, or as JSON ({meta, root})',
  async run(args, streams) {
    const {values, positionals} = parseArgs({
      args,
      allowPositionals: true,
      options: {json: {type: 'boolean'}, verbose: {type: 'boolean'}, corpus: {type: 'string', multiple: true}, reference: {type: 'string'}}
    })
    const path = positionals[0]
    if (!path || positionals.length > 1) throw new UsageError('Expected one FILE')
    const result = await processOne({path, corpus: values.corpus, reference: values.reference, verbose: values.verbose, streams})
    const {meta, root} = result.document
    if (result.failed || !root) return 1
    streams.stdout.write(values.json ? toJson({meta, root}) : outline(root))
    return 0
  }
}
