/**
 * `doichieu decisions export|import`: editors' decisions as JSON.
 */
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {toJson, writeAtomic} from '../../../report/index.js'
import {DecisionError, decisionsPath, loadDecisions, openStore, parseExport, toExport} from '../../../review/index.js'
import {type Command, UsageError} from '../streams.js'

/** The `decisions` command: `export` and `import`. */
export const decisions: Command = {
  name: 'decisions',
  usage: 'doichieu decisions export [--out FILE] | import FILE  [--corpus DIR] [--db FILE]',
  summary: 'export the review decisions of the corpus as JSON, or import them (importing twice adds nothing)',
  async run(args, streams) {
    const {values, positionals} = parseArgs({
      args,
      allowPositionals: true,
      options: {out: {type: 'string'}, corpus: {type: 'string'}, db: {type: 'string'}}
    })
    const [action, ...rest] = positionals
    const corpus = resolve(streams.cwd, values.corpus ?? 'corpus')
    const path = values.db ? resolve(streams.cwd, values.db) : decisionsPath(corpus)
    if (action === 'export') {
      if (rest.length > 0) throw new UsageError('Unexpected argument `' + rest[0] + '`, expected `export [--out FILE]`')
      const text = toJson(toExport(await loadDecisions({corpus, db: path})))
      if (values.out) await writeAtomic(resolve(streams.cwd, values.out), text)
      else streams.stdout.write(text)
      return 0
    }
    if (action === 'import') {
      const file = rest[0]
      if (!file || rest.length > 1) throw new UsageError('Expected one FILE to import')
      if (values.out) throw new UsageError('Unexpected `--out` with `import`')
      let text: string
      try {
        text = await readFile(resolve(streams.cwd, file), 'utf8')
      } catch (error) {
        streams.stderr.write(file + ': error Cannot read file: ' + (error instanceof Error ? error.message : String(error)) + '\n')
        return 1
      }
      const store = openStore({path})
      try {
        const result = store.importDecisions(parseExport(text))
        streams.stdout.write('imported ' + result.added + ' decision' + (result.added === 1 ? '' : 's') + ', ' + result.skipped + ' already present\n')
        return 0
      } catch (error) {
        if (!(error instanceof DecisionError)) throw error
        streams.stderr.write(file + ': error ' + error.message + ' (nothing imported)\n')
        return 1
      } finally {
        store.close()
      }
    }
    throw new UsageError(action ? 'Unexpected action `' + action + '`, expected `export` or `import`' : 'Expected `export` or `import`')
  }
}
