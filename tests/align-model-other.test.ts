/**
 * A document aligned with a model built from other documents: the words the
 * model never met count in the norm of what a section's items say together,
 * as they did when vectors were maps of features (the scores below are those
 * of the maps).
 */
import {expect, test} from 'vitest'
import {alignDocument, buildModel} from '../src/align/index.js'
import {load, names, reference} from '../fixtures/align/corpus.js'

test('should score the sections of a document the model was not built from as vectors of maps did', () => {
  const framework = reference()
  const built = load(names.haTinh)
  const program = load(names.binhThuan)
  const model = buildModel({reference: framework, documents: [{tree: built.tree, meta: built.meta}]})
  const alignment = alignDocument({tree: program.tree, extract: program.extract, reference: framework, model, meta: program.meta})
  expect(alignment.sections.map((section) => [section.group, section.score, section.runnerUp?.score ?? null])).toEqual([
    ['G1', 0.464, 0.237],
    ['G2', 0.514, 0.286],
    ['G3', 0.535, 0.381],
    ['G4', 0.512, 0.281],
    ['G5', 0.63, 0.228],
    ['G6', 0.701, 0.311]
  ])
})
