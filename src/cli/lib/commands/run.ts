/**
 * `doichieu run`: the main job over a corpus, in phases: read the corpus,
 * look each document up in the cache, process the rest, make the outputs of
 * cached documents, apply editors' decisions, make the corpus-wide outputs,
 * report.
 */
import {createHash} from 'node:crypto'
import {readdir, readFile, rm} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import fg from 'fast-glob'
import type {GapMatrix} from '../../../align/index.js'
import {type DocumentJson, gapMatrixCsv, gapMatrixJson, gapMatrixMarkdown, gapMatrixTable, reportHead, reportTail, settleWrites, sweepTemporaries, type Text, toJson, toJsonParts} from '../../../report/index.js'
import {trainRepairModel} from '../../../repair/index.js'
import {applyDecisions, type Decision, decisionsPath, formatOrphans, loadDecisions, type Orphan} from '../../../review/index.js'
import {runTasks} from '../batch.js'
import {cacheFolders, cacheKey, readIndex, readModel, readPage, readResult, readSummary, readVerdicts, writeCache, writeIndex, writeModel, writeVerdicts} from '../cache.js'
import {buildContext, defaultReference, readReference, ReferenceError} from '../context.js'
import {buildCorpusOutputs, corpusEntry, type CorpusOutputs} from '../corpus.js'
import {discover, mapAhead, mapLimit, readJob} from '../io.js'
import {
  type BatchContext,
  errorsOf,
  headOf,
  type Job,
  type JobHead,
  type JobOutputs,
  type JobResult,
  type JobSummary,
  outputPaths,
  processJob,
  recordResult,
  groupIds,
  renderOutputs,
  summarize
} from '../job.js'
import {formatResult} from '../messages.js'
import {openOutputs, type Outputs} from '../outputs.js'
import {createProgress, type Progress} from '../progress.js'
import {type Command, UsageError} from '../streams.js'

/** Options of a run, as read from the command line. */
interface RunOptions {
  corpus: string[]
  out: string
  cache: string
  reference: string | undefined
  jobs: number
  noCache: boolean
  quiet: boolean
  json: boolean
  verbose: boolean
}

/** A run's documents and what it knows of each, by position in the corpus. */
interface Batch {
  options: RunOptions
  jobs: Job[]
  /** Ids of the framework's task groups, or null without one. */
  groups: string[] | null
  context: BatchContext
  /** Hash of what clean documents depend on (the framework). */
  clean: string
  decisions: Decision[]
  /** Decisions by document id. */
  decided: Map<string, Decision[]>
  outputs: Outputs
  /** Cache key of each document. */
  keys: string[]
  /** Output token of each document: its key and its decisions (marked when its thread died on it). */
  tokens: string[]
  /** Summary read from the cache, when one was. */
  summaries: Array<JobSummary | null>
}

/** Documents with decisions, read whole and reviewed. */
interface Reviewed {
  /** Result and reviewed document by document id. */
  byId: Map<string, {result: JobResult; document: DocumentJson}>
  /** Their report pages, by position. */
  pages: Map<number, Text | null>
  orphans: Orphan[]
}

export const run: Command = {
  name: 'run',
  usage: 'doichieu run [--corpus DIR|GLOB]… [--out DIR] [--reference FILE] [--jobs N] [--no-cache] [--quiet] [--json] [--verbose]',
  summary: 'process every document of the corpus and write the outputs under --out',
  async run(args, streams) {
    const options = readOptions(args, streams.cwd)
    const started = performance.now()
    const jobs = await readCorpus(options, streams.cwd)

    let reference: Awaited<ReturnType<typeof readReference>>
    try {
      reference = await readReference(options.reference, streams.cwd)
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error
      streams.stderr.write('doichieu run: ' + error.message + '\n')
      return 2
    }
    // Whether a content is damaged is remembered by its digest, so a warm run decodes no damaged document.
    const known = await readVerdicts(options.cache)
    const {context, damaged, unknown, hashes, verdicts} = buildContext({jobs, reference, verdicts: options.noCache ? undefined : known})

    // Editors' decisions flow into every output; those that no longer apply are reported.
    const corpusFolder = resolve(streams.cwd, options.corpus.find((pattern) => !fg.isDynamicPattern(pattern)) ?? 'corpus')
    const decisions = await loadDecisions({corpus: corpusFolder})
    const decided = new Map<string, Decision[]>()
    for (const decision of decisions) {
      const list = decided.get(decision.document)
      if (list) list.push(decision)
      else decided.set(decision.document, [decision])
    }

    const batch: Batch = {
      options,
      jobs,
      groups: groupIds(context.reference),
      context,
      clean: hashes.clean,
      decisions,
      decided,
      outputs: await openOutputs(options.out),
      keys: [],
      tokens: [],
      summaries: jobs.map(() => null)
    }
    const progress = createProgress({stream: streams.stderr, total: jobs.length, quiet: options.quiet})
    const heads: Array<JobHead | null> = jobs.map(() => null)
    const judged = {damaged, unknown, verdicts}
    const {pending, alternates} = await lookUp(batch, {...judged, hash: hashes.damaged, heads, progress})
    const unstored = new Set<number>()
    const trained = await prepareRepair(batch, {pending, ...judged, hash: hashes.damaged})
    const stages = await processPending(batch, {pending, alternates, verdicts, heads, unstored, progress})
    if (trained > 0) stages.train = (stages.train ?? 0) + trained
    await writeVerdicts(options.cache, verdicts, known)
    // The workers had it; let it go before the corpus-wide outputs, where memory peaks.
    context.repairModel = undefined
    progress.done()
    const done = heads as JobHead[]
    // A document whose thread died has no cache entry: the next run tries it again.
    await writeIndex(
      options.cache,
      done.flatMap((head, position): Array<[string, JobHead]> => (unstored.has(position) ? [] : [[batch.keys[position]!, head]]))
    )
    await refreshCached(batch, {done, fresh: new Set(pending)})

    const errors = done.filter((head) => head.failed).map((head) => ({file: head.file, messages: errorsOf(head)}))
    if (!options.quiet) {
      for (const [position, head] of done.entries()) {
        // Without a cache entry, the document's head is all there is.
        const result = options.verbose && !unstored.has(position) ? await resultOf(batch, position) : null
        streams.stderr.write(formatResult(result ? {file: head.file, messages: result.document.messages, changes: result.repair?.changes} : head, {verbose: options.verbose}))
      }
    }

    const complete = [...done.keys()].filter((position) => done[position]!.ok)
    const reviewed = await review(batch, {done, complete})
    if (!options.quiet) streams.stderr.write(formatOrphans(reviewed.orphans, relative(streams.cwd, decisionsPath(corpusFolder))))
    await prune(join(options.out, 'documents'), batch.outputs.paths, 'documents/')
    await prune(join(options.out, 'repairs'), batch.outputs.paths, 'repairs/')
    await batch.outputs.write('errors.json', toJson(errors))
    await batch.outputs.write('orphans.json', toJson(reviewed.orphans))

    const {names, matrix} = await writeCorpusOutputs(batch, {done, complete, reviewed})
    if (!context.reference && !options.quiet) {
      streams.stderr.write('doichieu run: no framework (' + defaultReference + ' is missing and no --reference was given): no gap matrix\n')
    }
    names.push('errors.json', 'orphans.json')
    await batch.outputs.close()
    // What killed runs left half-written goes; a run still going keeps its own.
    await mapLimit([options.out, ...(await cacheFolders(options.cache))], 16, sweepTemporaries)

    const seconds = (performance.now() - started) / 1000
    const out = relative(streams.cwd, options.out) || '.'
    if (options.json) {
      streams.stdout.write(
        toJson({
          documents: done.map((head) => ({id: head.id, file: head.file, failed: head.failed})),
          processed: pending.length,
          cached: jobs.length - pending.length,
          seconds: Math.round(seconds * 1000) / 1000,
          stages: Object.fromEntries(Object.entries(stages).map(([stage, time]) => [stage, Math.round(time)])),
          errors,
          out
        })
      )
    } else if (!options.quiet) {
      // The matrix as last written, when it was not made again.
      const shown = context.reference ? ((await matrix()) ?? (JSON.parse(await readFile(join(options.out, 'gap-matrix.json'), 'utf8')) as GapMatrix)) : null
      const table = shown ? gapMatrixTable(shown, {color: Boolean(streams.stdout.isTTY)}) + '\n' : ''
      streams.stdout.write(
        table +
          (jobs.length - errors.length) + ' of ' + jobs.length + ' documents processed (' + pending.length + ' anew, ' + (jobs.length - pending.length) +
          ' from cache) in ' + seconds.toFixed(1) + ' s' + (errors.length > 0 ? '; ' + errors.length + ' failed, see ' + join(out, 'errors.json') : '') + '\n' +
          'Written: ' + names.map((name) => join(out, name)).join(', ') + '\n'
      )
    }
    return errors.length > 0 ? 1 : 0
  }
}

/**
 * Read the command line.
 *
 * @param args
 *   Arguments.
 * @param cwd
 *   Working folder.
 * @returns
 *   Options.
 */
function readOptions(args: string[], cwd: string): RunOptions {
  const {values} = parseArgs({
    args,
    allowPositionals: false,
    options: {
      corpus: {type: 'string', multiple: true},
      out: {type: 'string'},
      reference: {type: 'string'},
      jobs: {type: 'string'},
      'no-cache': {type: 'boolean'},
      quiet: {type: 'boolean'},
      json: {type: 'boolean'},
      verbose: {type: 'boolean'}
    }
  })
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs)
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('Expected `--jobs` to be a whole number from 1, not `' + values.jobs + '`')
  const out = resolve(cwd, values.out ?? 'out')
  return {
    corpus: values.corpus ?? ['corpus'],
    out,
    cache: join(out, '.cache'),
    reference: values.reference,
    jobs,
    noCache: Boolean(values['no-cache']),
    quiet: Boolean(values.quiet || values.json),
    json: Boolean(values.json),
    verbose: Boolean(values.verbose)
  }
}

/**
 * Read the corpus: every document found, ids made unique.
 *
 * @param options
 *   Run options.
 * @param cwd
 *   Working folder.
 * @returns
 *   Documents, in corpus order.
 */
async function readCorpus(options: RunOptions, cwd: string): Promise<Job[]> {
  const jobs = await mapLimit(await discover(options.corpus, cwd), 16, (path) => readJob(path, cwd))
  const ids = new Set<string>()
  for (const job of jobs) {
    const base = job.id
    for (let n = 2; ids.has(job.id); n++) job.id = base + '-' + n
    ids.add(job.id)
  }
  return jobs
}

/**
 * Look every document up in the cache: fill in the batch's keys, tokens and
 * the heads of the documents found. A document not judged yet (damaged or
 * not) is looked up under both its keys.
 *
 * @param batch
 *   Batch.
 * @param state
 *   Damaged documents, those not judged, the verdicts by digest (filled in
 *   from the entries found), the hash damaged documents depend on, heads
 *   (filled in), progress.
 * @returns
 *   Positions of the documents to process, and the key as a damaged
 *   document of those not judged, by position.
 */
async function lookUp(
  batch: Batch,
  state: {damaged: Set<string>; unknown: Set<string>; verdicts: Map<string, boolean>; hash: string; heads: Array<JobHead | null>; progress: Progress}
): Promise<{pending: number[]; alternates: Map<number, string>}> {
  const {options} = batch
  const index = options.noCache ? new Map<string, JobHead>() : await readIndex(options.cache)
  const pending: number[] = []
  const alternates = new Map<number, string>()
  // A run killed before it wrote its index has left whole entries all the same.
  const find = async (key: string): Promise<{head: JobHead; summary: JobSummary | null} | null> => {
    const head = index.get(key)
    if (head || options.noCache) return head ? {head, summary: null} : null
    const summary = await readSummary(options.cache, key)
    return summary ? {head: headOf(summary), summary} : null
  }
  // Looked up sixteen at a time (a cold run looks for a thousand missing files), then taken in corpus order.
  const found = await mapLimit([...batch.jobs.keys()], 16, async (position) => {
    const job = batch.jobs[position]!
    // OCR-damaged documents depend on the clean texts their repair learns from.
    const key = await cacheKey(job, state.damaged.has(job.id) ? state.hash : batch.clean)
    const hit = await find(key)
    // Where a document not judged is found tells what it is; not found, it is processed with both keys.
    if (!state.unknown.has(job.id)) return {key, hit, alternate: null, damaged: null}
    if (hit) return {key, hit, alternate: null, damaged: false}
    const alternate = await cacheKey(job, state.hash)
    const other = await find(alternate)
    return other ? {key: alternate, hit: other, alternate: null, damaged: true} : {key, hit: null, alternate, damaged: null}
  })
  for (const [position, {key, hit, alternate, damaged}] of found.entries()) {
    const job = batch.jobs[position]!
    if (damaged !== null) state.verdicts.set(job.digest!, damaged)
    if (alternate !== null) alternates.set(position, alternate)
    batch.keys.push(key)
    batch.tokens.push(tokenOf(batch, job.id, key))
    if (hit) {
      if (hit.summary) batch.summaries[position] = hit.summary
      state.heads[position] = hit.head
      state.progress.tick(hit.head, true)
    } else {
      pending.push(position)
    }
  }
  return {pending, alternates}
}

/**
 * The output token of a document: a document's outputs are made from its
 * cache key and its decisions, and unchanged, they are not written again.
 *
 * @param batch
 *   Batch.
 * @param id
 *   Document id.
 * @param key
 *   Its cache key.
 * @returns
 *   Token.
 */
function tokenOf(batch: Batch, id: string, key: string): string {
  const own = batch.decided.get(id)
  return key + ':' + (own ? createHash('sha256').update(JSON.stringify(own)).digest('hex') : '')
}

/**
 * Give the batch its repair model when a document to process is, or may be,
 * damaged: the one an earlier run trained on the same texts, or one trained
 * here, once for every thread (training takes as long as repairing a few
 * documents).
 *
 * @param batch
 *   Batch (its context gets the model).
 * @param state
 *   Positions to process, damaged documents, those not judged, and the hash
 *   of the texts the model learns from.
 * @returns
 *   Milliseconds spent.
 */
async function prepareRepair(batch: Batch, state: {pending: number[]; damaged: Set<string>; unknown: Set<string>; hash: string}): Promise<number> {
  const {context, options, jobs} = batch
  const mayRepair = state.pending.some((position) => state.damaged.has(jobs[position]!.id) || state.unknown.has(jobs[position]!.id))
  if (context.repairTexts.length === 0 || !mayRepair) return 0
  const start = performance.now()
  context.repairModel = (options.noCache ? null : await readModel(options.cache, state.hash)) ?? undefined
  if (!context.repairModel) {
    context.repairModel = trainRepairModel({texts: context.repairTexts})
    // A model that cannot be kept (a full disk, say) is only trained again next time.
    await writeModel(options.cache, state.hash, context.repairModel).catch(() => {})
  }
  return performance.now() - start
}

/**
 * Process the documents the cache did not have, on worker threads; each
 * stores its cache entry and outputs itself.
 *
 * @param batch
 *   Batch.
 * @param state
 *   Positions to process, the key as a damaged document of those not
 *   judged, verdicts, heads and positions without a cache entry (filled
 *   in), progress.
 * @returns
 *   Milliseconds per stage, summed.
 */
async function processPending(
  batch: Batch,
  state: {
    pending: number[]
    alternates: Map<number, string>
    verdicts: Map<string, boolean>
    heads: Array<JobHead | null>
    unstored: Set<number>
    progress: Progress
  }
): Promise<Record<string, number>> {
  const {jobs, keys, context} = batch
  const {pending} = state
  const stages: Record<string, number> = {}
  await runTasks({
    tasks: pending.map((position) => ({job: jobs[position]!, key: keys[position]!, damagedKey: state.alternates.get(position), outputs: !batch.decided.has(jobs[position]!.id)})),
    concurrency: batch.options.jobs,
    context,
    places: {cache: batch.options.cache, out: batch.options.out},
    async onResult(result, at) {
      const position = pending[at]!
      const job = jobs[position]!
      state.heads[position] = result.head
      const alternate = state.alternates.get(position)
      if (alternate !== undefined && result.stored) {
        keys[position] = result.key
        batch.tokens[position] = tokenOf(batch, job.id, result.key)
        state.verdicts.set(job.digest!, result.key === alternate)
      }
      if (!result.stored) {
        state.unstored.add(position)
        // Outputs left without it are not those of its token: the next run, which processes it, makes them again.
        batch.tokens[position] += ':died'
      }
      for (const [stage, time] of Object.entries(result.stages)) stages[stage] = (stages[stage] ?? 0) + time
      for (const path of result.written) batch.outputs.mark(path, batch.tokens[position]!)
      state.progress.tick(result.head, false)
    }
  })
  return stages
}

/**
 * Make the outputs of cached documents again, only where missing or their
 * decisions changed.
 *
 * @param batch
 *   Batch.
 * @param state
 *   Heads, positions processed in this run.
 */
async function refreshCached(batch: Batch, state: {done: JobHead[]; fresh: Set<number>}): Promise<void> {
  for (const [position, head] of state.done.entries()) {
    if (state.fresh.has(position) || !head.ok || batch.decided.has(head.id)) continue
    let made: Promise<JobOutputs> | undefined
    const rendered = (): Promise<JobOutputs> => (made ??= outputsOf(batch, position))
    for (const [path, name] of outputPaths(head)) await batch.outputs.write(path, async () => (await rendered())[name] ?? '', batch.tokens[position])
  }
}

/**
 * Read the documents with decisions whole, apply the decisions, and make
 * their outputs again.
 *
 * @param batch
 *   Batch.
 * @param state
 *   Heads, positions of the documents that completed.
 * @returns
 *   Reviewed documents, their pages, and the decisions that no longer apply.
 */
async function review(batch: Batch, state: {done: JobHead[]; complete: number[]}): Promise<Reviewed> {
  const full = await Promise.all(
    state.complete.filter((position) => batch.decided.has(state.done[position]!.id)).map(async (position) => ({position, result: await resultOf(batch, position)}))
  )
  const applied = applyDecisions({
    documents: full.map(({result}) => result.document),
    repairs: full.flatMap(({result}) => (result.repair ? [{id: result.id, text: result.repair.text, changes: result.repair.changes}] : [])),
    decisions: batch.decisions,
    groups: batch.groups ?? undefined
  })
  const byId = new Map<string, {result: JobResult; document: DocumentJson}>()
  const pages = new Map<number, Text | null>()
  for (const [at, {position, result}] of full.entries()) {
    const document = applied.documents[at]!
    byId.set(result.id, {result, document})
    const repair = applied.repairs.find((record) => record.id === result.id)
    const rendered = renderOutputs({...result, document, repair: repair && repair.text !== null ? {text: repair.text, changes: repair.changes} : null}, {groups: batch.groups})
    pages.set(position, rendered.page)
    for (const [path, name] of outputPaths({id: document.id, repaired: rendered.repairText !== null})) await batch.outputs.write(path, rendered[name] ?? '', batch.tokens[position])
  }
  return {byId, pages, orphans: applied.orphans}
}

/**
 * Write the corpus-wide outputs. They are made from every document's token:
 * when none changed, they are not made again.
 *
 * @param batch
 *   Batch.
 * @param state
 *   Heads, positions of the documents that completed, reviewed documents.
 * @returns
 *   Names of the outputs, and the gap matrix if it was made (null otherwise).
 */
async function writeCorpusOutputs(
  batch: Batch,
  state: {done: JobHead[]; complete: number[]; reviewed: Reviewed}
): Promise<{names: string[]; matrix: () => Promise<GapMatrix | null>}> {
  const {outputs, options} = batch
  const framework = batch.context.reference
  const {done, complete} = state
  const corpusToken = createHash('sha256')
    .update(batch.clean + '\n' + batch.jobs.map((job, position) => job.id + ' ' + batch.tokens[position]).join('\n'))
    .digest('hex')
  let built: Promise<CorpusOutputs> | undefined
  const build = (): Promise<CorpusOutputs> =>
    (built ??= mapLimit(complete, 16, async (position) =>
      corpusEntry({summary: await summaryOf(batch, position), reviewed: state.reviewed.byId.get(done[position]!.id), decisions: batch.decided.get(done[position]!.id) ?? [], reference: framework})
    ).then((entries) => buildCorpusOutputs({entries, reference: framework})))
  // All at once: while one waits for the disk (the report copies a thousand
  // pages), the others are made. The CSVs are written piece by piece, as
  // each document's rows were made.
  const writes = [
    outputs.stream(
      'targets.csv',
      async function* () {
        yield* (await build()).targets
      },
      corpusToken
    ),
    outputs.stream(
      'assignments.csv',
      async function* () {
        yield* (await build()).assignments
      },
      corpusToken
    ),
    outputs.write('citations.json', async () => (await build()).citationsJson, corpusToken),
    outputs.write('citations.csv', async () => (await build()).citationsCsv, corpusToken)
  ]
  const names = ['documents/', ...(complete.some((position) => done[position]!.repaired) ? ['repairs/'] : []), 'targets.csv', 'assignments.csv', 'citations.json', 'citations.csv']
  const matrix = async (): Promise<GapMatrix | null> => (built ? (await built).matrix : null)
  if (!framework) {
    await settleWrites(writes)
    return {names, matrix}
  }

  const made = async (): Promise<GapMatrix> => (await build()).matrix!
  // The report is the matrix and every document's page, in file order.
  const order = [...complete].sort((a, b) => (done[a]!.file < done[b]!.file ? -1 : done[a]!.file > done[b]!.file ? 1 : 0))
  writes.push(
    // Row by row: as one string, the JSON of a thousand documents' matrix was the peak of a run's memory.
    outputs.stream(
      'gap-matrix.json',
      async function* () {
        yield* toJsonParts(gapMatrixJson(await made()))
      },
      corpusToken
    ),
    outputs.write('gap-matrix.csv', async () => gapMatrixCsv(await made()), corpusToken),
    outputs.write('gap-matrix.md', async () => gapMatrixMarkdown(await made()), corpusToken),
    outputs.stream(
      'report.html',
      async function* () {
        yield reportHead({matrix: await made()})
        yield* mapAhead(order, 16, async (position) => state.reviewed.pages.get(position) ?? (await readPage(options.cache, batch.keys[position]!)) ?? (await outputsOf(batch, position)).page ?? '')
        yield reportTail()
      },
      corpusToken
    )
  )
  await settleWrites(writes)
  names.push('gap-matrix.json', 'gap-matrix.csv', 'gap-matrix.md', 'report.html')
  return {names, matrix}
}

/**
 * The full result of a document: from the cache, or processed again, and
 * stored, if the entry is gone or was changed.
 *
 * @param batch
 *   Batch.
 * @param position
 *   Position of the document.
 * @returns
 *   Result.
 */
async function resultOf(batch: Batch, position: number): Promise<JobResult> {
  return (await recordOf(batch, position)).result
}

/**
 * The per-document outputs of a document, rendered (once: a document
 * processed again to store its entry anew had them rendered for it).
 *
 * @param batch
 *   Batch.
 * @param position
 *   Position of the document.
 * @returns
 *   Outputs.
 */
async function outputsOf(batch: Batch, position: number): Promise<JobOutputs> {
  const {result, outputs} = await recordOf(batch, position)
  return outputs ?? renderOutputs(result, {groups: batch.groups})
}

/**
 * The full result of a document from the cache, or, if the entry is gone or
 * was changed, processed again and stored.
 *
 * @param batch
 *   Batch.
 * @param position
 *   Position of the document.
 * @returns
 *   Result, and its rendered outputs when it was processed again.
 */
async function recordOf(batch: Batch, position: number): Promise<{result: JobResult; outputs: JobOutputs | null}> {
  const key = batch.keys[position]!
  const cached = await readResult(batch.options.cache, key)
  if (cached) return {result: cached, outputs: null}
  const result = processJob(batch.jobs[position]!, batch.context)
  const record = recordResult(result, batch.context)
  // Stored again, so that the next run finds the entry whole (one that cannot be stored is only made again next time).
  try {
    writeCache(batch.options.cache, key, record)
  } catch {}
  return {result, outputs: record.outputs}
}

/**
 * The summary of a document, read when the corpus-wide outputs are rebuilt.
 *
 * @param batch
 *   Batch.
 * @param position
 *   Position of the document.
 * @returns
 *   Summary.
 */
async function summaryOf(batch: Batch, position: number): Promise<JobSummary> {
  return batch.summaries[position] ?? (await readSummary(batch.options.cache, batch.keys[position]!)) ?? summarize(await resultOf(batch, position), batch.context.reference)
}

/**
 * Remove outputs of documents that are no longer in the corpus, so the
 * output folder always mirrors the corpus.
 *
 * @param folder
 *   Folder of per-document outputs.
 * @param keep
 *   Paths to keep, relative to the output folder.
 * @param prefix
 *   Path of `folder` relative to the output folder.
 */
async function prune(folder: string, keep: Set<string>, prefix: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return
  }
  for (const name of names) if (!keep.has(prefix + name)) await rm(join(folder, name), {force: true})
}
