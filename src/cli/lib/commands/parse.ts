/**
 * `doichieu parse FILE [--json]`: one document's tree.
 */
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {failed, processFile} from '../../../pipeline/index.js'
import {documentJson, formatMessages, outline, toJson} from '../../../report/index.js'
import {readDocument} from '../io.js'
import {type Command, UsageError} from '../streams.js'

export const parse: Command = {
  name: 'parse',
  usage: 'doichieu parse FILE [--json] [--verbose]',
  summary: 'print the document tree of FILE as an outline, or as JSON ({meta, root})',
  async run(args, streams) {
    const {values, positionals} = parseArgs({args, allowPositionals: true, options: {json: {type: 'boolean'}, verbose: {type: 'boolean'}}})
    const path = positionals[0]
    if (!path || positionals.length > 1) throw new UsageError('Expected one FILE')
    const {file, meta} = await readDocument(resolve(streams.cwd, path), streams.cwd)
    if (!failed(file)) processFile({file, meta})
    streams.stderr.write(formatMessages(file, {verbose: values.verbose}))
    if (failed(file)) return 1
    const json = documentJson(file, file.path)
    streams.stdout.write(values.json ? toJson({meta: json.meta, root: json.root}) : outline(file.data.tree ?? json.root!))
    return 0
  }
}
