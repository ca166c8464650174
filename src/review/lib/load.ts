/**
 * Reading decisions for `doichieu run`: the IO edge of `applyDecisions`.
 */
import {existsSync} from 'node:fs'
import {decisionsPath, openStore} from './store.js'
import type {Decision} from './types.js'

/** Options for {@link loadDecisions}. */
export interface LoadOptions {
  /** Corpus folder; decisions are read from `<corpus>/.doichieu/decisions.sqlite`. */
  corpus: string
  /** Another database file instead (`--db`). */
  db?: string | null
}

/**
 * Every decision recorded for a corpus (the full history, oldest first), or
 * none when no one has reviewed it yet. Opens the database read-only, so a
 * run never creates or changes it, and reads while editors write.
 *
 * @param options
 *   Corpus folder or database path.
 * @returns
 *   Decisions.
 */
export async function loadDecisions(options: LoadOptions): Promise<Decision[]> {
  const path = options.db ?? decisionsPath(options.corpus)
  if (!existsSync(path)) return []
  const store = openStore({path, readonly: true})
  try {
    return store.all()
  } finally {
    store.close()
  }
}
