/**
 * The decisions database: SQLite through `better-sqlite3`, one append-only
 * table. SQLite gives what editors need without a server: WAL mode lets
 * pages read while another editor writes, a write transaction serialises two
 * editors (in one process or several) without losing either's decision, and
 * a process killed in the middle of a save leaves the last committed state.
 */
import {mkdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {randomUUID} from 'node:crypto'
import Database from 'better-sqlite3'
import {compareDecisions, DecisionError, slotOf} from './decision.js'
import type {Decision, DecisionDraft} from './types.js'

/** Schema version, in `PRAGMA user_version`. */
const version = 1

/** Folder, beside the corpus's documents, that holds review state. */
export const stateFolder = '.doichieu'

/** File name of the database in that folder. */
export const databaseName = 'decisions.sqlite'

/** Options for {@link openStore}. */
export interface StoreOptions {
  /** Path of the database file (see {@link decisionsPath}). */
  path: string
  /** Open without writing (the file must exist). */
  readonly?: boolean
  /** Clock (tests pass a fixed one). */
  now?: () => Date
  /** Id maker (tests pass a counter). */
  newId?: () => string
}

/** What {@link DecisionStore.record} gives back. */
export type RecordResult =
  | {
      /** The decision was recorded. */
      ok: true
      /** As stored, with its id and time. */
      decision: Decision
    }
  | {
      /** Someone changed the target since the editor saw it: nothing recorded. */
      ok: false
      /** The target's current value. */
      current: string | null
      /** The decision that set it (null: the machine's value). */
      latest: Decision | null
    }

/** What {@link DecisionStore.importDecisions} gives back. */
export interface ImportResult {
  /** Decisions added. */
  added: number
  /** Decisions already present (same id, same content). */
  skipped: number
}

/** An open decisions database. */
export interface DecisionStore {
  /** Path of the file. */
  readonly path: string
  /**
   * Every decision, oldest first.
   *
   * @returns
   *   Decisions.
   */
  all(): Decision[]
  /**
   * The decisions about one document, oldest first.
   *
   * @param document
   *   Document id.
   * @returns
   *   Decisions.
   */
  forDocument(document: string): Decision[]
  /**
   * Record a decision if its target still holds the value the editor saw
   * (`draft.old`): check and write are one transaction, so of two editors
   * who saw the same value, the second is told instead of overwriting.
   *
   * @param draft
   *   Decision without id and time.
   * @param machine
   *   The target's value before any decision (from the pipeline's output).
   * @returns
   *   The decision, or the conflict.
   */
  record(draft: DecisionDraft, machine: string | null): RecordResult
  /**
   * Add decisions from another database, all or none; a decision whose id
   * is already present is skipped, so importing twice changes nothing.
   *
   * @param decisions
   *   Decisions (read inside the transaction).
   * @returns
   *   Counts.
   * @throws {DecisionError}
   *   When an id is present with other content (nothing is imported).
   */
  importDecisions(decisions: Iterable<Decision>): ImportResult
  /** Close the database (checkpoints the WAL). */
  close(): void
}

/** A row of the decisions table, as selected (without `seq` and `slot`). */
type Row = Decision

/**
 * Where the decisions of a corpus live: `<corpus>/.doichieu/decisions.sqlite`.
 * The dot folder is skipped by corpus discovery.
 *
 * @param corpus
 *   Corpus folder.
 * @returns
 *   Path.
 */
export function decisionsPath(corpus: string): string {
  return join(corpus, stateFolder, databaseName)
}

/**
 * Open (and create, unless read-only) a decisions database.
 *
 * @param options
 *   Path and options.
 * @returns
 *   Store.
 */
export function openStore(options: StoreOptions): DecisionStore {
  const readonly = options.readonly === true
  if (!readonly) mkdirSync(dirname(options.path), {recursive: true})
  // `timeout`: a writer waits for another's transaction instead of failing with SQLITE_BUSY.
  const db = new Database(options.path, {readonly, fileMustExist: readonly, timeout: 10_000})
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? randomUUID
  if (!readonly) migrate(db)
  else if (db.pragma('user_version', {simple: true}) !== version) {
    db.close()
    throw new Error('Unexpected decisions database version in `' + options.path + '`, expected ' + version)
  }

  const columns = 'id, document, kind, target, context, old, value, author, at, comment'
  const selectAll = db.prepare<[], Row>('SELECT ' + columns + ' FROM decisions ORDER BY at, id')
  const selectDocument = db.prepare<[string], Row>('SELECT ' + columns + ' FROM decisions WHERE document = ? ORDER BY at, id')
  const selectLatest = db.prepare<[string], Row>('SELECT ' + columns + ' FROM decisions WHERE slot = ? ORDER BY at DESC, id DESC LIMIT 1')
  const selectId = db.prepare<[string], Row>('SELECT ' + columns + ' FROM decisions WHERE id = ?')
  const insert = readonly
    ? null
    : db.prepare<[Row & {slot: string}]>(
        'INSERT INTO decisions (id, document, kind, target, context, old, value, author, at, comment, slot) ' +
          'VALUES (@id, @document, @kind, @target, @context, @old, @value, @author, @at, @comment, @slot)'
      )

  const record = db.transaction((draft: DecisionDraft, machine: string | null): RecordResult => {
    const slot = slotOf(draft)
    const latest = selectLatest.get(slot) ?? null
    const current = latest ? latest.value : machine
    if (current !== draft.old) return {ok: false, current, latest: latest ? toDecision(latest) : null}
    // Keep decisions on one slot strictly ordered even when the clock repeats or steps back.
    let at = now().toISOString()
    if (latest && latest.at >= at) at = new Date(Date.parse(latest.at) + 1).toISOString()
    const decision: Decision = {...draft, id: newId(), at}
    insert?.run({...decision, slot})
    return {ok: true, decision}
  })

  const importAll = db.transaction((decisions: Iterable<Decision>): ImportResult => {
    let added = 0
    let skipped = 0
    for (const decision of decisions) {
      const existing = selectId.get(decision.id)
      if (existing) {
        if (!same(toDecision(existing), decision)) {
          throw new DecisionError(
            'Unexpected decision `' + decision.id + '` with other content than the one already recorded, expected the same record',
            'Quyết định `' + decision.id + '` đã có với nội dung khác'
          )
        }
        skipped++
        continue
      }
      insert?.run({...decision, slot: slotOf(decision)})
      added++
    }
    return {added, skipped}
  })

  return {
    path: options.path,
    all: () => selectAll.all().map(toDecision),
    forDocument: (document) => selectDocument.all(document).map(toDecision),
    record(draft, machine) {
      if (readonly) throw new Error('Cannot `record` in a read-only decisions database')
      // IMMEDIATE takes the write lock before reading, so the check cannot go stale before the write.
      return record.immediate(draft, machine)
    },
    importDecisions(decisions) {
      if (readonly) throw new Error('Cannot `importDecisions` in a read-only decisions database')
      return importAll.immediate(decisions)
    },
    close() {
      if (db.open) db.close()
    }
  }
}

/**
 * Create or check the schema.
 *
 * @param db
 *   Database.
 */
function migrate(db: Database.Database): void {
  db.pragma('journal_mode = WAL')
  // FULL: a decision acknowledged to the editor survives a power cut too, not only a crash.
  db.pragma('synchronous = FULL')
  db.transaction(() => {
    const current = db.pragma('user_version', {simple: true})
    if (current === version) return
    if (current !== 0) throw new Error('Unexpected decisions database version ' + String(current) + ', expected ' + version)
    db.exec(`
      CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        document TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('group', 'confirm', 'word', 'meta')),
        target TEXT NOT NULL,
        context TEXT,
        old TEXT,
        value TEXT,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        comment TEXT,
        slot TEXT NOT NULL
      );
      CREATE INDEX decisions_slot ON decisions (slot, at, id);
      CREATE INDEX decisions_document ON decisions (document, at, id);
      CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
      CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
      PRAGMA user_version = ${version};
    `)
  }).immediate()
}

/**
 * A row as a decision (fresh object, fields in export order).
 *
 * @param row
 *   Row.
 * @returns
 *   Decision.
 */
function toDecision(row: Row): Decision {
  return {
    id: row.id,
    document: row.document,
    kind: row.kind,
    target: row.target,
    context: row.context,
    old: row.old,
    value: row.value,
    author: row.author,
    at: row.at,
    comment: row.comment
  }
}

/**
 * Whether two decisions are the same record.
 *
 * @param a
 *   Decision.
 * @param b
 *   Decision.
 * @returns
 *   Whether every field is equal.
 */
function same(a: Decision, b: Decision): boolean {
  return compareDecisions(a, b) === 0 && JSON.stringify(toDecision(a)) === JSON.stringify(toDecision(b))
}
