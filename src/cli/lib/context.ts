/**
 * The batch context: the framework to align with and the clean texts the
 * repair language model learns from, read from the corpus.
 */
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {parseReference, ReferenceSyntaxError} from '../../align/index.js'
import {decode, measureDamage} from '../../ingest/index.js'
import {discover, readJob} from './io.js'
import {type BatchContext, type Job, type JobResult, processJob} from './job.js'
import {formatResult} from './messages.js'
import {type Streams, UsageError} from './streams.js'

/** Default framework, relative to the working folder. */
export const defaultReference = 'corpus/reference/28-nq-tw.md'
/** Most clean text the repair model learns from: enough for its n-grams, bounded in time and memory. */
const maxRepairText = 4 * 1024 * 1024

/** Why a framework file could not be used. */
export class ReferenceError extends Error {}

/**
 * Read and parse the framework.
 *
 * @param path
 *   Path given with `--reference`, or undefined for the default.
 * @param cwd
 *   Working folder.
 * @returns
 *   Framework and its text, or null when the default file is absent.
 * @throws {ReferenceError}
 *   When a given file is missing or malformed (the message names file and line).
 */
export async function readReference(path: string | undefined, cwd: string): Promise<{reference: NonNullable<BatchContext['reference']>; value: string} | null> {
  const full = resolve(cwd, path ?? defaultReference)
  let value: string
  try {
    value = await readFile(full, 'utf8')
  } catch (error) {
    if (path === undefined) return null
    throw new ReferenceError('Cannot read framework `' + path + '`: ' + (error instanceof Error ? error.message : String(error)))
  }
  try {
    return {reference: parseReference({value, path: path ?? defaultReference}), value}
  } catch (error) {
    if (error instanceof ReferenceSyntaxError) {
      throw new ReferenceError((path ?? defaultReference) + ':' + (error.line ?? 1) + ':' + (error.column ?? 1) + ': ' + error.reason)
    }
    throw error
  }
}

/**
 * Build the context of a batch. Documents are read in corpus order until
 * the clean texts the repair model learns from are gathered; the rest are
 * judged where they are processed (whether one is damaged matters here
 * only for its cache key, and the run looks both keys up), so that the
 * batch starts after a few documents rather than after all of them.
 *
 * @param options
 *   Jobs of the corpus (their bytes are decoded here to tell clean texts
 *   from damaged ones), the framework and its text, and what earlier runs
 *   found: whether each content (by digest) is damaged.
 * @returns
 *   Context, which documents are damaged and which were not judged, hashes
 *   for cache keys, and the verdicts by digest (the given ones and the new).
 */
export function buildContext(options: {
  jobs: Job[]
  reference: {reference: NonNullable<BatchContext['reference']>; value: string} | null
  verdicts?: ReadonlyMap<string, boolean> | undefined
}): {
  context: BatchContext
  damaged: Set<string>
  unknown: Set<string>
  hashes: {clean: string; damaged: string}
  verdicts: Map<string, boolean>
} {
  const repairTexts: string[] = []
  const damaged = new Set<string>()
  const unknown = new Set<string>()
  const verdicts = new Map<string, boolean>()
  let size = 0
  // Whether the texts are gathered: the clean documents that fit, in corpus order, up to the first that does not.
  let full = false
  if (options.reference) {
    repairTexts.push(options.reference.value)
    size += options.reference.value.length
  }
  for (const job of options.jobs) {
    if (!job.bytes || !job.digest) continue
    const known = options.verdicts?.get(job.digest)
    if (known !== undefined) verdicts.set(job.digest, known)
    // A damaged document is never read here again: only its verdict counts.
    if (known === true) {
      damaged.add(job.id)
      continue
    }
    if (full) {
      if (known === undefined) unknown.add(job.id)
      continue
    }
    let value: string
    try {
      value = decode(job.bytes).value
    } catch {
      continue
    }
    const verdict = known ?? measureDamage(value).damaged
    verdicts.set(job.digest, verdict)
    if (verdict) {
      damaged.add(job.id)
    } else if (size + value.length <= maxRepairText) {
      repairTexts.push(value)
      size += value.length
    } else {
      full = true
    }
  }
  const clean = createHash('sha256').update(options.reference?.value ?? '').digest('hex')
  const all = createHash('sha256').update(clean)
  for (const text of repairTexts) all.update('\0' + text)
  return {context: {repairTexts, reference: options.reference?.reference ?? null}, damaged, unknown, hashes: {clean, damaged: all.digest('hex')}, verdicts}
}

/**
 * Contexts for a command on documents (one, or the two sides of a diff):
 * the framework, and for each document repair texts from the clean
 * documents of the corpus other than itself. The corpus is read once, each
 * context made once, and documents whose repair texts are the same share
 * one context, so that its repair model is trained once.
 *
 * @param options
 *   Working folder, corpus patterns, framework path, the documents' paths.
 * @returns
 *   Context of each document, in order.
 */
export async function contextsFor(options: {cwd: string; corpus?: string[] | undefined; reference?: string | undefined; exclude: string[]}): Promise<BatchContext[]> {
  const reference = await readReference(options.reference, options.cwd)
  const paths = await discover(options.corpus ?? ['corpus'], options.cwd)
  const jobs = await Promise.all(paths.map((path) => readJob(path, options.cwd)))
  // Contexts by the position of the document left out (-1: none of the corpus), and by the hash of their repair texts.
  const built = new Map<number, BatchContext>()
  const byTexts = new Map<string, BatchContext>()
  return options.exclude.map((exclude) => {
    const own = paths.indexOf(resolve(options.cwd, exclude))
    let context = built.get(own)
    if (!context) {
      const made = buildContext({jobs: jobs.filter((_, index) => index !== own), reference})
      context = byTexts.get(made.hashes.damaged) ?? made.context
      byTexts.set(made.hashes.damaged, context)
      built.set(own, context)
    }
    return context
  })
}

/**
 * Process one document for a single-document command (`parse`, `extract`):
 * the context from the corpus, the pipeline, and its messages on stderr.
 *
 * @param options
 *   Path as typed, corpus patterns, framework path, streams, verbosity.
 * @returns
 *   Result.
 */
async function processOne(options: {
  path: string
  corpus?: string[] | undefined
  reference?: string | undefined
  verbose?: boolean | undefined
  streams: Required<Streams>
}): Promise<JobResult> {
  const {streams} = options
  const context = (await contextsFor({cwd: streams.cwd, corpus: options.corpus, reference: options.reference, exclude: [options.path]}))[0]!
  const result = processJob(await readJob(resolve(streams.cwd, options.path), streams.cwd), context)
  streams.stderr.write(formatResult({file: result.file, messages: result.document.messages, changes: result.repair?.changes}, {verbose: options.verbose}))
  return result
}

/**
 * Read the arguments of a single-document command (`parse`, `extract`):
 * `FILE [--json] [--corpus DIR|GLOB]… [--reference FILE] [--verbose]`, and
 * process the file.
 *
 * @param args
 *   Arguments after the command name.
 * @param streams
 *   Streams.
 * @returns
 *   Whether JSON was asked for, and the result.
 * @throws {UsageError}
 *   Without exactly one FILE.
 */
export async function processArgument(args: string[], streams: Required<Streams>): Promise<{json: boolean; result: JobResult}> {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {json: {type: 'boolean'}, verbose: {type: 'boolean'}, corpus: {type: 'string', multiple: true}, reference: {type: 'string'}}
  })
  const path = positionals[0]
  if (!path || positionals.length > 1) throw new UsageError('Expected one FILE')
  const result = await processOne({path, corpus: values.corpus, reference: values.reference, verbose: values.verbose, streams})
  return {json: Boolean(values.json), result}
}
