/**
 * `doichieu repair FILE [--json]`: the repaired text, line for line, or the
 * changes as JSON.
 */
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {VFile} from 'vfile'
import {decodeFile} from '../../../ingest/index.js'
import {repairText, trainRepairModel} from '../../../repair/index.js'
import {toJson} from '../../../report/index.js'
import {contextsFor} from '../context.js'
import {readJob} from '../io.js'
import {type Command, UsageError} from '../streams.js'

export const repair: Command = {
  name: 'repair',
  usage: 'doichieu repair FILE [--json] [--corpus DIR|GLOB]…',
  summary: 'print FILE with its OCR damage repaired, line N for line N; --json gives each changed token',
  async run(args, streams) {
    const {values, positionals} = parseArgs({args, allowPositionals: true, options: {json: {type: 'boolean'}, corpus: {type: 'string', multiple: true}}})
    const path = positionals[0]
    if (!path || positionals.length > 1) throw new UsageError('Expected one FILE')
    const job = await readJob(resolve(streams.cwd, path), streams.cwd)
    const file = new VFile({path: job.file, value: job.bytes ?? new Uint8Array()})
    if (!job.bytes || !decodeFile(file)) {
      const reason = job.error ?? file.messages.find((message) => message.fatal)?.reason ?? 'Cannot read file'
      streams.stderr.write(job.file + ':1:1: error ' + reason + '\n')
      return 1
    }
    // The language model learns from the corpus's clean texts, never from FILE itself.
    const context = (await contextsFor({cwd: streams.cwd, corpus: values.corpus, exclude: [path]}))[0]!
    const model = trainRepairModel({texts: context.repairTexts})
    const result = repairText({value: String(file.value), model})
    if (values.json) {
      streams.stdout.write(
        toJson({
          file: job.file,
          damaged: file.data.damage?.damaged ?? false,
          syllables: result.syllables,
          changes: result.changes.map(({line, column, source, repair: value, confidence, alternatives, low}) => ({line, column, source, repair: value, confidence, alternatives, low}))
        })
      )
    } else {
      streams.stdout.write(result.value)
    }
    return 0
  }
}
