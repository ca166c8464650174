/**
 * `doichieu run`: the main job over a corpus.
 */
import {relative, resolve, join} from 'node:path'
import {parseArgs} from 'node:util'
import {failed, processFile} from '../../../pipeline/index.js'
import {documentJson, formatMessages, toJson, writeAtomic} from '../../../report/index.js'
import {discover, readDocument} from '../io.js'
import type {Command} from '../streams.js'

export const run: Command = {
  name: 'run',
  usage: 'doichieu run [--corpus DIR|GLOB]… [--out DIR] [--quiet] [--verbose]',
  summary: 'process every document of the corpus and write the outputs under --out',
  async run(args, streams) {
    const {values} = parseArgs({
      args,
      allowPositionals: false,
      options: {
        corpus: {type: 'string', multiple: true},
        out: {type: 'string'},
        quiet: {type: 'boolean'},
        verbose: {type: 'boolean'}
      }
    })
    const cwd = streams.cwd
    const out = resolve(cwd, values.out ?? 'out')
    const paths = await discover(values.corpus ?? ['corpus'], cwd)
    const errors: Array<{file: string; messages: ReturnType<typeof documentJson>['messages']}> = []
    const ids = new Set<string>()
    for (const path of paths) {
      const {file, meta} = await readDocument(path, cwd)
      let id = file.data.id ?? 'document'
      for (let n = 2; ids.has(id); n++) id = (file.data.id ?? 'document') + '-' + n
      ids.add(id)
      file.data.id = id
      if (!failed(file)) processFile({file, meta})
      const json = documentJson(file, relative(cwd, path))
      if (!values.quiet) streams.stderr.write(formatMessages(file, {verbose: values.verbose}))
      if (failed(file)) {
        errors.push({file: json.file, messages: json.messages.filter((message) => message.severity === 'error')})
        if (!values.quiet) streams.stdout.write('✗ ' + json.file + ': ' + (json.messages.find((m) => m.severity === 'error')?.reason ?? 'failed') + '\n')
        continue
      }
      await writeAtomic(join(out, 'documents', id + '.json'), toJson(json))
      if (!values.quiet) streams.stdout.write(summary(json) + '\n')
    }
    await writeAtomic(join(out, 'errors.json'), toJson(errors))
    if (!values.quiet) {
      streams.stdout.write(paths.length - errors.length + ' of ' + paths.length + ' documents written to ' + (relative(cwd, out) || '.') + '/documents\n')
    }
    return errors.length > 0 ? 1 : 0
  }
}

/**
 * One line about a processed document.
 *
 * @param json
 *   Document JSON.
 * @returns
 *   Line.
 */
function summary(json: ReturnType<typeof documentJson>): string {
  let nodes = 0
  const count = (node: NonNullable<typeof json.root>): void => {
    nodes++
    for (const child of node.children) count(child)
  }
  if (json.root) count(json.root)
  const meta = json.meta
  const parts = json.root?.children.filter((node) => node.kind === 'part').map((node) => node.numValue).join(',') ?? ''
  return (
    '✓ ' + json.file + ': ' + (meta?.kind ?? '?') + ', ' + (meta?.province ?? 'province unknown') +
    (meta?.implements.length ? ', implements ' + meta.implements.join(' ') : '') +
    '; parts ' + (parts || '—') + '; ' + nodes + ' nodes' + (json.damage?.damaged ? '; OCR-damaged' : '')
  )
}
