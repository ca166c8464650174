/**
 * `doichieu extract FILE [--json]`: one document's targets, assignments and
 * references.
 */
import {parseArgs} from 'node:util'
import {formatExtract, toJson} from '../../../report/index.js'
import {processOne} from '../context.js'
import {type Command, UsageError} from '../streams.js'

/** The `extract` command: one document's records, as a listing or as JSON. */
export const extract: Command = {
  name: 'extract',
  usage: 'doichieu extract FILE [--json] [--corpus DIR|GLOB]… [--reference FILE] [--verbose]',
  summary: 'print the targets, assignments and references of FILE (repaired first if OCR-damaged) as a listing, or as JSON ({targets, assignments, references})',
  async run(args, streams) {
    const {values, positionals} = parseArgs({
      args,
      allowPositionals: true,
      options: {json: {type: 'boolean'}, verbose: {type: 'boolean'}, corpus: {type: 'string', multiple: true}, reference: {type: 'string'}}
    })
    const path = positionals[0]
    if (!path || positionals.length > 1) throw new UsageError('Expected one FILE')
    const result = await processOne({path, corpus: values.corpus, reference: values.reference, verbose: values.verbose, streams})
    if (result.failed || !result.document.root) return 1
    const {targets, assignments, references} = result.document
    const records = {targets, assignments, references}
    streams.stdout.write(values.json ? toJson(records) : formatExtract(records))
    return 0
  }
}
