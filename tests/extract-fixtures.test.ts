/**
 * Fixture pairs for extraction: each input snippet beside the records it
 * must give (reviewed by hand, never generated). Inputs run through the
 * whole pipeline, as documents do.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {VFile} from 'vfile'
import {extract, parseDeadline, type Assignment, type Deadline, type Reference, type Target} from '../src/extract/index.js'
import {processFile} from '../src/pipeline/index.js'

const root = join(import.meta.dirname, '..', 'fixtures', 'extract')

/**
 * Input files of a fixture folder, with their expected JSON.
 */
function cases(folder: string): Array<{name: string; path: string; expected: unknown}> {
  const directory = join(root, folder)
  return readdirSync(directory)
    .filter((name) => /\.(?:txt|md)$/.test(name))
    .sort()
    .map((name) => ({
      name,
      path: join(directory, name),
      expected: JSON.parse(readFileSync(join(directory, name.replace(/\.[^.]+$/, '.json')), 'utf8')) as unknown
    }))
}

/**
 * Extract the records of a fixture input.
 */
function run(path: string): ReturnType<typeof extract> {
  const file = processFile({file: new VFile({path, value: readFileSync(path)})})
  const tree = file.data.tree
  if (!tree) throw new Error('Expected a tree for ' + path)
  return extract({tree, meta: file.data.meta ?? null, file})
}

/**
 * What a target fixture states: everything but the node id and the sentence.
 */
function target(record: Target): Omit<Target, 'node' | 'sentence'> {
  const {node, sentence, ...rest} = record
  return rest
}

/**
 * What an assignment fixture states: everything but the node id.
 */
function assignment(record: Assignment): Omit<Assignment, 'node'> {
  const {node, ...rest} = record
  return rest
}

/**
 * What a reference fixture states: everything but the node id.
 */
function reference(record: Reference): Omit<Reference, 'node'> {
  const {node, ...rest} = record
  return rest
}

describe('targets', () => {
  for (const item of cases('targets')) {
    test('should extract the targets of `' + item.name + '`', () => {
      expect(run(item.path).targets.map((record) => target(record))).toEqual(item.expected)
    })
  }
})

describe('assignments', () => {
  for (const item of cases('assignments')) {
    test('should extract the assignments of `' + item.name + '`', () => {
      expect(run(item.path).assignments.map((record) => assignment(record))).toEqual(item.expected)
    })
  }
})

describe('references', () => {
  for (const item of cases('references')) {
    test('should extract the references of `' + item.name + '`', () => {
      expect(run(item.path).references.map((record) => reference(record))).toEqual(item.expected)
    })
  }
})

describe('deadlines', () => {
  const table = JSON.parse(readFileSync(join(root, 'deadlines.json'), 'utf8')) as Array<{input: string; expected: Deadline | null}>
  for (const item of table) {
    test('should read `(' + item.input + ')`', () => {
      expect(parseDeadline(item.input)).toEqual(item.expected)
    })
  }
})
