/** Where the CLI writes: injected, so tests need no process. */
export interface Streams {
  /** Standard output. */
  stdout: {write(chunk: string): unknown; isTTY?: boolean}
  /** Standard error. */
  stderr: {write(chunk: string): unknown; isTTY?: boolean}
  /** Working folder; defaults to the process's. */
  cwd?: string
}

/** A command: its usage line and what it does. */
export interface Command {
  /** Name as typed. */
  name: string
  /** Usage text. */
  usage: string
  /** One-line summary. */
  summary: string
  /**
   * Run the command.
   *
   * @param args
   *   Arguments after the command name.
   * @param streams
   *   Streams.
   * @returns
   *   Exit code: 0 success, 1 some files failed, 2 usage error.
   */
  run(args: string[], streams: Required<Streams>): Promise<number>
}

/** A usage error: exit code 2 with the message and the usage. */
export class UsageError extends Error {}
