/**
 * `doichieu extract FILE [--json]`: one document's targets, assignments and
 * references.
 */
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {formatExtract, toJson} from '../../../report/index.js'
import {contextFor} from '../context.js'
import {readJob} from '../io.js'
import {processJob} from '../job.js'
import {formatResult} from '../messages.js'
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
    const context = await contextFor({cwd: streams.cwd, corpus: values.corpus, reference: values.reference, exclude: path})
    // The pipeline extracts with the file at hand, so records carry exact source lines.
    const result = processJob(await readJob(resolve(streams.cwd, path), streams.cwd), context)
    // Thousands of OCR repairs would drown the records: counted, listed with --verbose.
    const repairs = values.verbose ? 0 : result.document.messages.filter((message) => message.ruleId === 'ocr-repair').length
    if (repairs > 0) result.document.messages = result.document.messages.filter((message) => message.ruleId !== 'ocr-repair')
    streams.stderr.write(formatResult(result, {verbose: values.verbose}))
    if (repairs > 0) streams.stderr.write(result.file + ': ' + repairs + ' OCR repairs applied before extracting (--verbose lists them)\n')
    if (result.failed || !result.document.root) return 1
    const {targets, assignments, references} = result.document
    const records = {targets, assignments, references}
    streams.stdout.write(values.json ? toJson(records) : formatExtract(records))
    return 0
  }
}
