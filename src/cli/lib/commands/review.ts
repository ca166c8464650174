/**
 * `doichieu review [--port N]`: the editors' workspace on 127.0.0.1.
 */
import {statSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {decisionsPath, openStore, outSource, startReview} from '../../../review/index.js'
import {type Command, UsageError} from '../streams.js'

/** Default port: fixed, so editors can bookmark the workspace. */
const defaultPort = 7878

/** The `review` command: serves the workspace until stopped. */
export const review: Command = {
  name: 'review',
  usage: 'doichieu review [--port N] [--corpus DIR] [--out DIR] [--db FILE]',
  summary: 'serve the review workspace on 127.0.0.1 (matrix, trees, OCR repairs); decisions go to DIR/.doichieu/decisions.sqlite',
  async run(args, streams) {
    const {values} = parseArgs({
      args,
      allowPositionals: false,
      options: {port: {type: 'string'}, corpus: {type: 'string'}, out: {type: 'string'}, db: {type: 'string'}}
    })
    const port = values.port === undefined ? defaultPort : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('Unexpected port `' + values.port + '`, expected a number from 0 to 65535')
    const corpus = resolve(streams.cwd, values.corpus ?? 'corpus')
    if (!values.db && !isFolder(corpus)) throw new UsageError('Unexpected corpus `' + (values.corpus ?? 'corpus') + '`, expected a folder (decisions are kept in it)')
    const path = values.db ? resolve(streams.cwd, values.db) : decisionsPath(corpus)
    const out = resolve(streams.cwd, values.out ?? 'out')
    const store = openStore({path})
    let server
    try {
      server = await startReview({
        store,
        source: outSource(out),
        port,
        onError: (error) => streams.stderr.write('doichieu review: ' + (error instanceof Error ? error.stack ?? error.message : String(error)) + '\n')
      })
    } catch (error) {
      store.close()
      if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
        streams.stderr.write('doichieu review: port ' + port + ' is in use; pick another with --port (0 for any free port)\n')
        return 1
      }
      throw error
    }
    streams.stdout.write(
      'doichieu review: ' + server.url + '\n' +
        '  decisions: ' + (relative(streams.cwd, path) || path) + '\n' +
        '  outputs:   ' + (relative(streams.cwd, out) || '.') + '/ (run `doichieu run` after reviewing to update the matrix)\n' +
        '  Ctrl-C to stop\n'
    )
    // The one command that runs until stopped: on Ctrl-C or a kill it closes
    // the database, which checkpoints the WAL. (An abrupt kill is safe too:
    // every decision is its own committed transaction.)
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        resolve()
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await server.close()
    store.close()
    streams.stdout.write('doichieu review: stopped\n')
    return 0
  }
}

/**
 * Whether a path is a folder.
 *
 * @param path
 *   Path.
 * @returns
 *   Whether it is.
 */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
