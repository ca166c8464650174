/**
 * `doichieu run`: the main job over a corpus.
 */
import {availableParallelism} from 'node:os'
import {readdir, rm} from 'node:fs/promises'
import {join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {documentCode, resolveCitations} from '../../../extract/index.js'
import {assignmentsCsv, citationsCsv, citationsJson, targetsCsv, toJson, writeAtomic} from '../../../report/index.js'
import type {DocNode} from '../../../types.js'
import {runJobs} from '../batch.js'
import {cacheKey, readCache, writeCache} from '../cache.js'
import {buildContext, readReference, ReferenceError} from '../context.js'
import {discover, readJob} from '../io.js'
import {errorsOf, type Job, type JobResult} from '../job.js'
import {formatResult} from '../messages.js'
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
    const written = new Set<string>()
    const repaired = new Set<string>()
    for (const result of done) {
      if (!quiet) streams.stderr.write(formatResult(result, {verbose: values.verbose}))
      if (result.failed) continue
      await writeAtomic(join(out, 'documents', result.id + '.json'), toJson(result.document))
      written.add(result.id + '.json')
      if (result.repair) {
        // Editors start with the changes repair is least sure of.
        const changes = [...result.repair.changes].sort((a, b) => Number(b.low) - Number(a.low) || a.offset - b.offset)
        await writeAtomic(join(out, 'repairs', result.id + '.txt'), result.repair.text)
        await writeAtomic(join(out, 'repairs', result.id + '.json'), toJson({id: result.id, file: result.file, changes}))
        repaired.add(result.id + '.txt').add(result.id + '.json')
      }
    }
    await prune(join(out, 'documents'), written)
    await prune(join(out, 'repairs'), repaired)
    await writeAtomic(join(out, 'errors.json'), toJson(errors))

    const documents = done.filter((result) => !result.failed && result.document.meta && result.document.root)
    const records = documents.map((result) => ({id: result.id, meta: result.document.meta, targets: result.document.targets, assignments: result.document.assignments}))
    await writeAtomic(join(out, 'targets.csv'), targetsCsv(records))
    await writeAtomic(join(out, 'assignments.csv'), assignmentsCsv(records))
    const graph = resolveCitations({
      documents: documents.map((result) => ({
        id: result.id,
        meta: result.document.meta!,
        references: result.document.references,
        code: documentCode(result.document.root as DocNode)
      }))
    })
    await writeAtomic(join(out, 'citations.json'), citationsJson(graph))
    await writeAtomic(join(out, 'citations.csv'), citationsCsv(graph))

    const seconds = (performance.now() - started) / 1000
    if (values.json) {
      streams.stdout.write(
        toJson({
          documents: done.map((result) => ({id: result.id, file: result.file, failed: result.failed})),
          processed: pending.length,
          cached: all.length - pending.length,
          errors,
          out: relative(cwd, out) || '.'
        })
      )
    } else if (!values.quiet) {
      streams.stdout.write(
        (all.length - errors.length) + ' of ' + all.length + ' documents written to ' + (relative(cwd, out) || '.') + '/documents (' +
          pending.length + ' processed, ' + (all.length - pending.length) + ' from cache, ' + seconds.toFixed(1) + ' s)\n' +
          (errors.length > 0 ? errors.length + ' failed: see ' + relative(cwd, join(out, 'errors.json')) + '\n' : '')
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
 *   File names to keep.
 */
async function prune(folder: string, keep: Set<string>): Promise<void> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return
  }
  for (const name of names) if (!keep.has(name)) await rm(join(folder, name), {force: true})
}
