/**
 * `doichieu run`: the main job over a corpus.
 */
import {availableParallelism} from 'node:os'
import {readdir, rm} from 'node:fs/promises'
import {createHash} from 'node:crypto'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import fg from 'fast-glob'
import {buildMatrix} from '../../../align/index.js'
import {documentCode, resolveCitations} from '../../../extract/index.js'
import {
  assignmentsCsv,
  citationsCsv,
  citationsJson,
  gapMatrixCsv,
  gapMatrixJson,
  gapMatrixMarkdown,
  gapMatrixTable,
  reportHtml,
  targetsCsv,
  toJson
} from '../../../report/index.js'
import {applyDecisions, decisionsPath, formatOrphans, loadDecisions} from '../../../review/index.js'
import type {DocNode} from '../../../types.js'
import {runJobs} from '../batch.js'
import {cacheKey, readCache, writeCache} from '../cache.js'
import {buildContext, defaultReference, readReference, ReferenceError} from '../context.js'
import {discover, readJob} from '../io.js'
import {errorsOf, type Job, type JobResult} from '../job.js'
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
    const all: Job[] = []
    const ids = new Set<string>()
    for (const path of paths) {
      const job = await readJob(path, cwd)
      const base = job.id
      for (let n = 2; ids.has(job.id); n++) job.id = base + '-' + n
      ids.add(job.id)
      all.push(job)
    }

    let reference: Awaited<ReturnType<typeof readReference>>
    try {
      reference = await readReference(values.reference, cwd)
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error
      streams.stderr.write('doichieu run: ' + error.message + '\n')
      return 2
    }
    const {context, damaged, hashes} = buildContext({jobs: all, reference})

    const progress = createProgress({stream: streams.stderr, total: all.length, quiet})
    const results: Array<JobResult | null> = all.map(() => null)
    const keys: string[] = []
    const pending: number[] = []
    for (const [index, job] of all.entries()) {
      // OCR-damaged documents depend on the clean texts their repair learns from.
      const key = await cacheKey(job, damaged.has(job.id) ? hashes.damaged : hashes.clean)
      keys.push(key)
      const hit = values['no-cache'] ? null : await readCache(cache, key)
      if (hit) {
        results[index] = hit
        progress.tick(hit, true)
      } else {
        pending.push(index)
      }
    }
    const fresh = await runJobs({
      jobs: pending.map((index) => all[index]!),
      concurrency: jobs,
      context,
      onResult: (result) => progress.tick(result, false)
    })
    progress.done()
    for (const [position, index] of pending.entries()) {
      const result = fresh[position]!
      results[index] = result
      await writeCache(cache, keys[index]!, result)
    }

    const done = results as JobResult[]
    const errors = done.filter((result) => result.failed).map((result) => ({file: result.file, messages: errorsOf(result)}))
    if (!quiet) for (const result of done) streams.stderr.write(formatResult(result, {verbose: values.verbose}))
    const ok = done.filter((result) => !result.failed && result.document.meta && result.document.root)

    // Editors' decisions flow into every output; those that no longer apply are reported.
    const corpusFolder = resolve(cwd, (values.corpus ?? ['corpus']).find((pattern) => !fg.isDynamicPattern(pattern)) ?? 'corpus')
    const decisions = await loadDecisions({corpus: corpusFolder})
    const groups = reference?.reference.groups.map((group) => group.id)
    const reviewed = applyDecisions({
      documents: ok.map((result) => result.document),
      repairs: ok.flatMap((result) => (result.repair ? [{id: result.id, text: result.repair.text, changes: result.repair.changes}] : [])),
      decisions,
      groups
    })
    if (!quiet) streams.stderr.write(formatOrphans(reviewed.orphans, relative(cwd, decisionsPath(corpusFolder))))
    const outputs = await openOutputs(out)
    // A document's outputs are made from its cache key and the decisions: unchanged, they are not written again.
    const decided = createHash('sha256').update(JSON.stringify(decisions)).digest('hex')
    const tokens = new Map(all.map((job, index) => [job.id, keys[index] + ':' + decided]))
    for (const document of reviewed.documents) {
      await outputs.write('documents/' + document.id + '.json', () => toJson(document), tokens.get(document.id))
    }
    for (const repair of reviewed.repairs) {
      const token = tokens.get(repair.id)
      if (repair.text !== null) await outputs.write('repairs/' + repair.id + '.txt', repair.text, token)
      // Editors start with the changes repair is least sure of.
      const changes = () => [...repair.changes].sort((a, b) => Number(b.low) - Number(a.low) || a.offset - b.offset)
      await outputs.write('repairs/' + repair.id + '.json', () => toJson({id: repair.id, changes: changes()}), token)
    }
    await prune(join(out, 'documents'), outputs.paths, 'documents/')
    await prune(join(out, 'repairs'), outputs.paths, 'repairs/')
    await outputs.write('errors.json', toJson(errors))
    await outputs.write('orphans.json', toJson(reviewed.orphans))

    const records = reviewed.documents.map((document) => ({id: document.id, meta: document.meta, targets: document.targets, assignments: document.assignments}))
    await outputs.write('targets.csv', targetsCsv(records))
    await outputs.write('assignments.csv', assignmentsCsv(records))
    const graph = resolveCitations({
      documents: reviewed.documents.map((document) => ({
        id: document.id,
        meta: document.meta!,
        references: document.references,
        code: documentCode(document.root as DocNode)
      }))
    })
    await outputs.write('citations.json', citationsJson(graph))
    await outputs.write('citations.csv', citationsCsv(graph))
    const names = ['documents/', ...(reviewed.repairs.length > 0 ? ['repairs/'] : []), 'targets.csv', 'assignments.csv', 'citations.json', 'citations.csv']

    let table = ''
    if (reference) {
      const inputs = ok.flatMap((result) =>
        result.alignment
          ? [{file: result.file, id: result.id, meta: result.document.meta, tree: result.document.root as DocNode, alignment: result.alignment, extract: {targets: result.document.targets, assignments: result.document.assignments}}]
          : []
      )
      const matrixDocuments = applyDecisions({documents: inputs, decisions, groups, kinds: ['group', 'confirm', 'meta']}).documents
      const matrix = buildMatrix({reference: reference.reference, documents: matrixDocuments})
      await outputs.write('gap-matrix.json', toJson(gapMatrixJson(matrix)))
      await outputs.write('gap-matrix.csv', gapMatrixCsv(matrix))
      await outputs.write('gap-matrix.md', gapMatrixMarkdown(matrix))
      const pages = reviewed.documents.map((document) => ({
        id: document.id,
        file: document.file,
        title: document.meta?.title ?? null,
        province: document.meta?.province ?? null,
        tree: document.root as DocNode,
        alignment: ok.find((result) => result.id === document.id)?.alignment ?? null
      }))
      await outputs.write('report.html', reportHtml({matrix, documents: pages}))
      names.push('gap-matrix.json', 'gap-matrix.csv', 'gap-matrix.md', 'report.html')
      table = gapMatrixTable(matrix, {color: Boolean(streams.stdout.isTTY)})
    } else if (!quiet) {
      streams.stderr.write('doichieu run: no framework (' + defaultReference + ' is missing and no --reference was given): no gap matrix\n')
    }
    names.push('errors.json', 'orphans.json')
    await outputs.close()

    const seconds = (performance.now() - started) / 1000
    if (values.json) {
      streams.stdout.write(
        toJson({
          documents: done.map((result) => ({id: result.id, file: result.file, failed: result.failed})),
          processed: pending.length,
          cached: all.length - pending.length,
          seconds: Math.round(seconds * 1000) / 1000,
          stages: stageTotals(fresh),
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
 * Milliseconds per stage summed over the documents processed in this run.
 *
 * @param results
 *   Fresh results.
 * @returns
 *   Milliseconds by stage.
 */
function stageTotals(results: JobResult[]): Record<string, number> {
  const totals: Record<string, number> = {}
  for (const result of results) {
    for (const [stage, time] of Object.entries(result.stages)) totals[stage] = (totals[stage] ?? 0) + time
  }
  return Object.fromEntries(Object.entries(totals).map(([stage, time]) => [stage, Math.round(time)]))
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
