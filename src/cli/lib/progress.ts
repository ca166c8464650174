/**
 * Progress of a batch on stderr: a bar redrawn in place on a terminal, one
 * plain line per document otherwise, nothing with `--quiet`.
 */
import type {Streams} from './streams.js'

/** A progress reporter. */
export interface Progress {
  /** Count one finished document. */
  tick(result: {file: string; failed: boolean}, cached: boolean): void
  /** Clear the bar. */
  done(): void
}

/**
 * Make a progress reporter.
 *
 * @param options
 *   Stream, total, and whether to be quiet.
 * @returns
 *   Reporter.
 */
export function createProgress(options: {stream: Streams['stderr']; total: number; quiet: boolean; now?: () => number}): Progress {
  const {stream, total, quiet} = options
  const now = options.now ?? (() => performance.now())
  const start = now()
  let count = 0
  let errors = 0
  let drawn = 0
  return {
    tick(result, cached) {
      count++
      if (result.failed) errors++
      if (quiet) return
      if (!stream.isTTY) {
        stream.write((result.failed ? '✗ ' : '✓ ') + result.file + (cached ? ' (cached)' : '') + '\n')
        return
      }
      const time = now()
      if (count < total && time - drawn < 100) return
      drawn = time
      const elapsed = (time - start) / 1000
      const rate = elapsed > 0 ? count / elapsed : 0
      const left = rate > 0 ? Math.round((total - count) / rate) : 0
      const width = 24
      const filled = Math.round((count / Math.max(total, 1)) * width)
      stream.write(
        '\r[' + '='.repeat(filled) + ' '.repeat(width - filled) + '] ' + count + '/' + total + ' files, ' + errors + ' errors, ' +
          rate.toFixed(1) + ' files/s, ' + left + ' s left\u001b[K'
      )
    },
    done() {
      if (!quiet && stream.isTTY) stream.write('\r\u001b[K')
    }
  }
}
