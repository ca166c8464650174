/**
 * The command line: `execute(args, streams)` returns an exit code and never
 * touches `process`, so tests call it directly.
 */
import {diff} from './commands/diff.js'
import {extract} from './commands/extract.js'
import {decisions} from './commands/decisions.js'
import {parse} from './commands/parse.js'
import {repair} from './commands/repair.js'
import {review} from './commands/review.js'
import {run} from './commands/run.js'
import {type Command, type Streams, UsageError} from './streams.js'

const commands: Command[] = [run, parse, repair, extract, diff, review, decisions]

/**
 * Help text.
 *
 * @returns
 *   Text.
 */
function help(): string {
  return (
    'doichieu — collate Vietnamese action programs against a central resolution\n\nUsage:\n' +
    commands.map((command) => '  ' + command.usage + '\n      ' + command.summary + '\n').join('') +
    '\nExit codes: 0 success, 1 some files failed, 2 usage error.\n'
  )
}

/**
 * Run the CLI.
 *
 * @param args
 *   Arguments (without `node` and the script).
 * @param streams
 *   Output streams and working folder.
 * @returns
 *   Exit code.
 */
export async function execute(args: string[], streams: Streams): Promise<number> {
  const full: Required<Streams> = {...streams, cwd: streams.cwd ?? process.cwd()}
  const [name, ...rest] = args
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ;(name ? full.stdout : full.stderr).write(help())
    return name ? 0 : 2
  }
  const command = commands.find((candidate) => candidate.name === name)
  if (!command) {
    full.stderr.write('doichieu: unknown command `' + name + '`\n\n' + help())
    return 2
  }
  try {
    return await command.run(rest, full)
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      full.stderr.write('doichieu ' + command.name + ': ' + error.message + '\nUsage: ' + command.usage + '\n')
      return 2
    }
    throw error
  }
}

export type {Command, Streams} from './streams.js'
export {UsageError} from './streams.js'
