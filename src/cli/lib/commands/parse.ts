/**
 * `doichieu parse FILE [--json]`: one document's tree.
 */
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {outline, toJson} from '../../../report/index.js'
import {contextFor} from '../context.js'
import {readJob} from '../io.js'
import {processJob} from '../job.js'
import {formatResult} from '../messages.js'
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
    const context = await contextFor({cwd: streams.cwd, corpus: values.corpus, reference: values.reference, exclude: path})
    const result = processJob(await readJob(resolve(streams.cwd, path), streams.cwd), context)
    streams.stderr.write(formatResult(result, {verbose: values.verbose}))
    const {meta, root} = result.document
    if (result.failed || !root) return 1
    streams.stdout.write(values.json ? toJson({meta, root}) : outline(root))
    return 0
  }
}
