/**
 * `doichieu diff OLD NEW [--format text|md|json|html]`: what changed between
 * two documents (two drafts of one program, or a draft and a peer's program),
 * and what the change does to their coverage of the reference framework.
 */
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'
import type {VFile} from 'vfile'
import {buildMatrix, type Reference} from '../../../align/index.js'
import {diff as compare, type DiffSide, type FrameworkInput} from '../../../diff/index.js'
import {failed} from '../../../pipeline/index.js'
import {diffHtml, diffJson, diffMarkdown, diffText, documentJson, toJson} from '../../../report/index.js'
import {contextsFor, readReference, ReferenceError} from '../context.js'
import {readJob} from '../io.js'
import {loadFile} from '../job.js'
import {formatResult} from '../messages.js'
import {type Command, UsageError} from '../streams.js'

/** Output formats. */
const formats = ['text', 'md', 'json', 'html'] as const

export const diff: Command = {
  name: 'diff',
  usage: 'doichieu diff OLD NEW [--format text|md|json|html] [--corpus DIR|GLOB]… [--reference FILE] [--threshold N] [--verbose]',
  summary: 'compare two documents by content: moved, renumbered, edited, added and removed nodes, word by word',
  async run(args, streams) {
    const {values, positionals} = parseArgs({
      args,
      allowPositionals: true,
      options: {format: {type: 'string', default: 'text'}, corpus: {type: 'string', multiple: true}, reference: {type: 'string'}, threshold: {type: 'string'}, verbose: {type: 'boolean'}}
    })
    if (positionals.length !== 2) throw new UsageError('Expected two files, OLD and NEW')
    const format = formats.find((name) => name === values.format)
    if (!format) throw new UsageError('Unexpected format `' + values.format + '`, expected one of ' + formats.join(', '))
    let threshold: number | null = null
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold)
      if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) throw new UsageError('Unexpected threshold `' + values.threshold + '`, expected a number in (0, 1]')
    }
    let framework: Awaited<ReturnType<typeof readReference>>
    try {
      framework = await readReference(values.reference, streams.cwd)
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error
      streams.stderr.write('doichieu diff: ' + error.message + '\n')
      return 1
    }
    // Repair of an OCR-damaged side learns from the clean documents of the corpus, never from itself.
    const contexts = await contextsFor({cwd: streams.cwd, corpus: values.corpus, reference: values.reference, exclude: positionals})
    const files: VFile[] = []
    for (const [index, path] of positionals.entries()) {
      const job = await readJob(resolve(streams.cwd, path), streams.cwd)
      const file = loadFile(job, contexts[index]!)
      streams.stderr.write(formatResult({file: job.file, messages: documentJson(file, job.file).messages, changes: file.data.repair?.changes}, {verbose: values.verbose}))
      files.push(file)
    }
    const [left, right] = files.map((file) => side(file))
    if (!left || !right) return 1
    const reference = framework ? coverage(framework.reference, files, [left, right]) : null
    const result = compare({old: left, new: right, reference, threshold})
    const trees = {old: left.tree, new: right.tree}
    let output: string
    if (format === 'json') output = toJson(diffJson(result))
    else if (format === 'md') output = diffMarkdown(result)
    else if (format === 'html') output = diffHtml(result, trees)
    else output = diffText(result, {color: streams.stdout.isTTY === true})
    streams.stdout.write(output)
    return 0
  }
}

/**
 * One side of the diff from a processed file: tree, metadata and records.
 *
 * @param file
 *   Processed file.
 * @returns
 *   Side, or null when the file failed.
 */
function side(file: VFile): DiffSide | null {
  const tree = file.data.tree
  if (failed(file) || !tree) return null
  return {tree, meta: file.data.meta ?? null, file: file.path, records: file.data.extract ?? null}
}

/**
 * Set each side's coverage of the framework (its gap-matrix row) when both
 * documents were aligned and both implement the framework.
 *
 * @param reference
 *   Framework.
 * @param files
 *   The processed files, old then new.
 * @param sides
 *   The sides, old then new (their `coverage` is set).
 * @returns
 *   The matrix's framework, or null when coverage cannot be compared.
 */
function coverage(reference: Reference, files: VFile[], sides: DiffSide[]): FrameworkInput | null {
  const documents = []
  for (const [index, file] of files.entries()) {
    const alignment = file.data.alignment
    const tree = file.data.tree
    if (!alignment || !tree) return null
    // Ids keep the two apart even when both are one file.
    documents.push({file: String(index), id: String(index), meta: file.data.meta ?? null, tree, alignment, extract: file.data.extract ?? null})
  }
  const matrix = buildMatrix({reference, documents})
  for (const [index, item] of sides.entries()) {
    const row = matrix.rows.find((candidate) => candidate.id === String(index))
    const alignment = documents[index]?.alignment
    if (!row || !alignment) return null
    item.coverage = {cells: row.cells, nodes: alignment.nodes}
  }
  return matrix.reference
}
