/**
 * `doichieu run`: the main job over a corpus.
 */
import {createHash} from 'node:crypto'
import {readdir, readFile, rm} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import fg from 'fast-glob'
import type {GapMatrix} from '../../../align/index.js'
import {type DocumentJson, gapMatrixCsv, gapMatrixJson, gapMatrixMarkdown, gapMatrixTable, reportHead, reportTail, toJson} from '../../../report/index.js'
import {applyDecisions, type Decision, decisionsPath, formatOrphans, loadDecisions} from '../../../review/index.js'
import {runTasks} from '../batch.js'
import {cacheKey, readIndex, readPage, readResult, readSummary, readVerdicts, writeIndex, writeVerdicts} from '../cache.js'
import {buildContext, defaultReference, readReference, ReferenceError} from '../context.js'
import {buildCorpusOutputs, corpusEntry, type CorpusOutputs} from '../corpus.js'
import {discover, mapLimit, readJob} from '../io.js'
import {errorsOf, headOf, type JobHead, type JobOutputs, type JobResult, type JobSummary, outputPaths, processJob, renderOutputs, summarize} from '../job.js'
import {formatResult} from '../messages.js'
import {openOutputs} from '../outputs.js'
import {createProgress} from '../progress.js'
import {type Command, UsageError} from '../streams.js'

export const run: Command = {
  name: 'run',
  usage: 'doichieu run [--corpus DIR|GLOB]… [--out DIR] [--reference FILE] [--jobs N] [--no-cache] [--quiet] [--json] [--verbose]',
  summary: 'process every document of the corpus and write the outputs under --out',
  async run(args, streams) {
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
    const cwd = streams.cwd
    const out = resolve(cwd, values.out ?? 'out')
    const cache = join(out, '.cache')
    const quiet = Boolean(values.quiet || values.json)
    const started = performance.now()

    const paths = await discover(values.corpus ?? ['corpus'], cwd)
    const all = await mapLimit(paths, 16, (path) => readJob(path, cwd))
    const ids = new Set<string>()
    for (const job of all) {
      const base = job.id
      for (let n = 2; ids.has(job.id); n++) job.id = base + '-' + n
      ids.add(job.id)
    }

    let reference: Awaited<ReturnType<typeof readReference>>
    try {
      reference = await readReference(values.reference, cwd)
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error
      streams.stderr.write('doichieu run: ' + error.message + '\n')
      return 2
    }
    // Whether a content is damaged is remembered by its digest, so a warm run decodes no damaged document.
    const known = await readVerdicts(cache)
    const {context, damaged, hashes, verdicts} = buildContext({jobs: all, reference, verdicts: values['no-cache'] ? undefined : known})
    await writeVerdicts(cache, verdicts, known)
    const groups = reference ? reference.reference.groups.map((group) => group.id) : null

    // Editors' decisions flow into every output; those that no longer apply are reported.
    const corpusFolder = resolve(cwd, (values.corpus ?? ['corpus']).find((pattern) => !fg.isDynamicPattern(pattern)) ?? 'corpus')
    const decisions = await loadDecisions({corpus: corpusFolder})
    const decided = new Map<string, Decision[]>()
    for (const decision of decisions) {
      const list = decided.get(decision.document)
      if (list) list.push(decision)
      else decided.set(decision.document, [decision])
    }

    const outputs = await openOutputs(out)
    const progress = createProgress({stream: streams.stderr, total: all.length, quiet})
    const index = values['no-cache'] ? new Map<string, JobHead>() : await readIndex(cache)
    const heads: Array<JobHead | null> = all.map(() => null)
    const summaries: Array<JobSummary | null> = all.map(() => null)
    const keys: string[] = []
    // A document's outputs are made from its cache key and its decisions: unchanged, they are not written again.
    const tokens: string[] = []
    const pending: number[] = []
    for (const [position, job] of all.entries()) {
      // OCR-damaged documents depend on the clean texts their repair learns from.
      const key = await cacheKey(job, damaged.has(job.id) ? hashes.damaged : hashes.clean)
      keys.push(key)
      const own = decided.get(job.id)
      tokens.push(key + ':' + (own ? createHash('sha256').update(JSON.stringify(own)).digest('hex') : ''))
      // A run killed before it wrote its index has left whole entries all the same.
      const stored = index.has(key) || values['no-cache'] ? null : await readSummary(cache, key)
      if (stored) summaries[position] = stored
      const hit = index.get(key) ?? (stored ? headOf(stored) : null)
      if (hit) {
        heads[position] = hit
        progress.tick(hit, true)
      } else {
        pending.push(position)
      }
    }

    /** The full result of a document: from the cache, or processed again if the entry is gone. */
    const resultOf = async (position: number): Promise<JobResult> => (await readResult(cache, keys[position]!)) ?? processJob(all[position]!, context)
    /** The summary of a document, read when the corpus-wide outputs are rebuilt. */
    const summaryOf = async (position: number): Promise<JobSummary> =>
      summaries[position] ?? (await readSummary(cache, keys[position]!)) ?? summarize(await resultOf(position), reference?.reference ?? null)
    const stages: Record<string, number> = {}
    await runTasks({
      tasks: pending.map((position) => ({job: all[position]!, key: keys[position]!, outputs: !decided.has(all[position]!.id)})),
      concurrency: jobs,
      context,
      places: {cache, out},
      async onResult(result, at) {
        const position = pending[at]!
        heads[position] = result.head
        for (const [stage, time] of Object.entries(result.stages)) stages[stage] = (stages[stage] ?? 0) + time
        for (const path of result.written) outputs.mark(path, tokens[position]!)
        progress.tick(result.head, false)
      }
    })
    progress.done()
    const done = heads as JobHead[]
    await writeIndex(cache, done.map((head, position) => [keys[position]!, head]))
    // Outputs of cached documents are made again only when missing or their decisions changed.
    const fresh = new Set(pending)
    for (const [position, head] of done.entries()) {
      if (fresh.has(position) || !head.ok || decided.has(head.id)) continue
      let made: Promise<JobOutputs> | undefined
      const rendered = (): Promise<JobOutputs> => (made ??= resultOf(position).then((result) => renderOutputs(result, {groups})))
      for (const [path, name] of outputPaths(head)) await outputs.write(path, async () => (await rendered())[name] ?? '', tokens[position])
    }

    const errors = done.filter((head) => head.failed).map((head) => ({file: head.file, messages: errorsOf(head)}))
    if (!quiet) {
      for (const [position, head] of done.entries()) {
        const result = values.verbose ? await resultOf(position) : null
        streams.stderr.write(formatResult(result ? {file: head.file, messages: result.document.messages, changes: result.repair?.changes} : head, {verbose: values.verbose}))
      }
    }

    // Documents with decisions are read whole, the decisions applied, and their outputs made again.
    const complete = [...done.keys()].filter((position) => done[position]!.ok)
    const full = await Promise.all(complete.filter((position) => decided.has(done[position]!.id)).map(async (position) => ({position, result: await resultOf(position)})))
    const applied = applyDecisions({
      documents: full.map(({result}) => result.document),
      repairs: full.flatMap(({result}) => (result.repair ? [{id: result.id, text: result.repair.text, changes: result.repair.changes}] : [])),
      decisions,
      groups: groups ?? undefined
    })
    if (!quiet) streams.stderr.write(formatOrphans(applied.orphans, relative(cwd, decisionsPath(corpusFolder))))
    const reviewed = new Map<string, {result: JobResult; document: DocumentJson}>()
    const pages = new Map<number, string | null>()
    for (const [at, {position, result}] of full.entries()) {
      const document = applied.documents[at]!
      reviewed.set(result.id, {result, document})
      const repair = applied.repairs.find((record) => record.id === result.id)
      const rendered = renderOutputs({...result, document, repair: repair && repair.text !== null ? {text: repair.text, changes: repair.changes} : null}, {groups})
      pages.set(position, rendered.page)
      for (const [path, name] of outputPaths({id: document.id, repaired: rendered.repairText !== null})) await outputs.write(path, rendered[name] ?? '', tokens[position])
    }
    await prune(join(out, 'documents'), outputs.paths, 'documents/')
    await prune(join(out, 'repairs'), outputs.paths, 'repairs/')
    await outputs.write('errors.json', toJson(errors))
    await outputs.write('orphans.json', toJson(applied.orphans))

    // The corpus-wide outputs are made from every document's token: when none changed, they are not made again.
    const corpusToken = createHash('sha256').update(hashes.clean + '\n' + all.map((job, position) => job.id + ' ' + tokens[position]).join('\n')).digest('hex')
    let built: Promise<CorpusOutputs> | undefined
    const framework = reference?.reference ?? null
    const build = (): Promise<CorpusOutputs> =>
      (built ??= mapLimit(complete, 16, async (position) => corpusEntry({summary: await summaryOf(position), reviewed: reviewed.get(done[position]!.id), decisions, reference: framework})).then((entries) =>
        buildCorpusOutputs({entries, reference: framework})
      ))
    // The CSVs are written piece by piece, as each document's rows were made.
    await outputs.stream(
      'targets.csv',
      async function* () {
        yield* (await build()).targets
      },
      corpusToken
    )
    await outputs.stream(
      'assignments.csv',
      async function* () {
        yield* (await build()).assignments
      },
      corpusToken
    )
    await outputs.write('citations.json', async () => (await build()).citationsJson, corpusToken)
    await outputs.write('citations.csv', async () => (await build()).citationsCsv, corpusToken)
    const names = ['documents/', ...(complete.some((position) => done[position]!.repaired) ? ['repairs/'] : []), 'targets.csv', 'assignments.csv', 'citations.json', 'citations.csv']

    let table = ''
    if (reference && groups) {
      const matrix = async (): Promise<GapMatrix> => (await build()).matrix!
      await outputs.write('gap-matrix.json', async () => toJson(gapMatrixJson(await matrix())), corpusToken)
      await outputs.write('gap-matrix.csv', async () => gapMatrixCsv(await matrix()), corpusToken)
      await outputs.write('gap-matrix.md', async () => gapMatrixMarkdown(await matrix()), corpusToken)
      // The report is the matrix and every document's page, in file order; it is written piece by piece.
      const order = [...complete].sort((a, b) => (done[a]!.file < done[b]!.file ? -1 : done[a]!.file > done[b]!.file ? 1 : 0))
      await outputs.stream(
        'report.html',
        async function* () {
          yield reportHead({matrix: await matrix()})
          for (const position of order) {
            yield pages.get(position) ?? (await readPage(cache, keys[position]!)) ?? renderOutputs(await resultOf(position), {groups}).page ?? ''
          }
          yield reportTail()
        },
        corpusToken
      )
      names.push('gap-matrix.json', 'gap-matrix.csv', 'gap-matrix.md', 'report.html')
      if (!quiet) {
        // The matrix as last written, when it was not made again.
        const shown = built ? await matrix() : (JSON.parse(await readFile(join(out, 'gap-matrix.json'), 'utf8')) as GapMatrix)
        table = gapMatrixTable(shown, {color: Boolean(streams.stdout.isTTY)})
      }
    } else if (!quiet) {
      streams.stderr.write('doichieu run: no framework (' + defaultReference + ' is missing and no --reference was given): no gap matrix\n')
    }
    names.push('errors.json', 'orphans.json')
    await outputs.close()

    const seconds = (performance.now() - started) / 1000
    if (values.json) {
      streams.stdout.write(
        toJson({
          documents: done.map((head) => ({id: head.id, file: head.file, failed: head.failed})),
          processed: pending.length,
          cached: all.length - pending.length,
          seconds: Math.round(seconds * 1000) / 1000,
          stages: Object.fromEntries(Object.entries(stages).map(([stage, time]) => [stage, Math.round(time)])),
          errors,
          out: relative(cwd, out) || '.'
        })
      )
    } else if (!values.quiet) {
      const folder = relative(cwd, out) || '.'
      streams.stdout.write(
        table +
          (table ? '\n' : '') +
          (all.length - errors.length) + ' of ' + all.length + ' documents processed (' + pending.length + ' anew, ' + (all.length - pending.length) +
          ' from cache) in ' + seconds.toFixed(1) + ' s' + (errors.length > 0 ? '; ' + errors.length + ' failed, see ' + join(folder, 'errors.json') : '') + '\n' +
          'Written: ' + names.map((name) => join(folder, name)).join(', ') + '\n'
      )
    }
    return errors.length > 0 ? 1 : 0
  }
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
