/**
 * The content model: TF-IDF over syllables and syllable bigrams of the bare
 * keys; one profile per group from the framework's own words and from the
 * items the programs file under that group; those items as exemplars for
 * nearest-neighbour votes.
 */
import type {DocNode, Meta} from '../../types.js'
import {groupBy} from '../../util.js'
import {cites} from './cites.js'
import {countTerms, emptyVector, features, lex, normalizedSum, read, spaceOf, tokenize, weighCounts, type Lexed, type Space, type TermCounts, type Vector} from './features.js'
import {rankText, rollOutPhrases} from './score.js'
import {alignSections} from './sections.js'
import type {AlignModel, Exemplar, Reference} from './types.js'
import {collect, type Collected, type Unit} from './units.js'
import {compareText, round} from './util.js'

/** A document the model learns from. */
export interface ModelDocument {
  /** Its tree. */
  tree: DocNode
  /** Its metadata, to tell programs of the framework from related documents. */
  meta?: Meta | null
}

/** What {@link buildModel} reads. */
export interface BuildModelOptions {
  /** Framework. */
  reference: Reference
  /** Documents of the corpus (one is enough). */
  documents: ModelDocument[]
}

/**
 * Lead an agency's task must have over its runner-up to join its group's
 * exemplars in the second pass: agencies' tasks carry the words programs use
 * when they assign (and OCR's words, in a damaged program), which the tasks
 * parts lack.
 */
const confident = 0.05

/** The framework's own TF-IDF documents, as counted features. */
interface FrameworkText {
  /** Each group's titles, phrases and sub-points. */
  groups: Map<string, TermCounts>
  /** Each sub-point's name and phrases. */
  subpoints: Map<string, TermCounts>
  /** The roll-out phrases (no TF-IDF document of their own). */
  rollOut: TermCounts
}

/** Framework features, read once per framework. */
const frameworkCache = new WeakMap<Reference, FrameworkText>()

/**
 * Build the model for a corpus. Deterministic: the same documents in any
 * order give the same model.
 *
 * 1. IDF over every unit of every document and over the framework's texts.
 * 2. Sections of the tasks parts are aligned to groups by their headings and
 *    items; the items of a clearly aligned section become exemplars of its
 *    group, in documents that implement the framework.
 * 3. Profiles: the framework's words plus the mean of the exemplars.
 * 4. Agencies' tasks that then align with a clear lead join the exemplars,
 *    and the profiles are made again.
 *
 * @param options
 *   Framework and documents.
 * @returns
 *   Model.
 */
export function buildModel(options: BuildModelOptions): AlignModel {
  return modelOf(
    options.reference,
    options.documents.map((document) => ({document, ...collect(document.tree)}))
  )
}

/**
 * Build the model from documents whose units are collected already
 * ({@link buildModel} does the collecting; `alignDocument` has done it).
 *
 * @param reference
 *   Framework.
 * @param collected
 *   Documents with their units and sections.
 * @returns
 *   Model.
 */
export function modelOf(reference: Reference, collected: Array<Collected & {document: ModelDocument}>): AlignModel {
  // In any order: IDF counts documents, and exemplars are sorted, so neither
  // depends on the order documents come in.
  const allUnits = collected.flatMap((entry) => entry.units)

  // A TF-IDF document per unit, and per group and sub-point of the framework.
  const lexed = new Map<string, Lexed>()
  const documents: TermCounts[] = []
  for (const unit of allUnits) {
    const counted = lex(unit.text)
    lexed.set(unit.text, counted)
    documents.push(counted.counts)
  }
  const framework = frameworkText(reference)
  documents.push(...framework.subpoints.values(), ...framework.groups.values())
  // The roll-out phrases are no TF-IDF document, but texts are compared with them.
  const space = spaceOf({
    documents,
    extra: framework.rollOut
  })
  // The units are read for the model's vectors with the features IDF counted.
  for (const [text, each] of lexed) read(text, space, each)

  const groupText = new Map<string, Vector>()
  for (const [id, counts] of framework.groups) groupText.set(id, weighCounts(counts, space))
  const subpointText = new Map<string, Vector>()
  for (const [id, counts] of framework.subpoints) subpointText.set(id, weighCounts(counts, space))
  const rollOut = weighCounts(framework.rollOut, space)
  const base: AlignModel = {reference, space, groupText, subpointText, profiles: groupText, rollOut, exemplars: []}

  const exemplars: Exemplar[] = []
  const programs: Array<(typeof collected)[number]> = []
  const exemplified = new Set<Unit>()
  for (const entry of collected) {
    const sections = alignSections(entry.sections, base)
    const groups = new Set(sections.flatMap((section) => (section.group ? [section.group] : [])))
    if (!cites(entry.document.meta ?? null, entry.document.tree, reference) && groups.size < sectionQuorum(reference)) continue
    programs.push(entry)
    const bySection = new Map(sections.map((section) => [section.node, section.group]))
    for (const unit of entry.units) {
      const group = unit.section ? bySection.get(unit.section.id) : null
      if (!group) continue
      exemplified.add(unit)
      exemplars.push(exemplar(unit, group, space))
    }
  }
  const sorted = sortExemplars(exemplars)
  const first: AlignModel = {...base, profiles: profilesOf(reference, groupText, sorted), exemplars: sorted}

  const learned: Exemplar[] = []
  for (const entry of programs) {
    for (const unit of entry.units) {
      if (exemplified.has(unit) || unit.scope !== 'assignment') continue
      const {chosen, runner} = rankText(unit.node, unit.text, {scope: unit.scope, prior: null, section: null, direct: unit.direct}, first)
      // The lead as the alignment reports it: between rounded scores.
      if (chosen.group && round(chosen.score) - (runner ? round(runner.score) : 0) >= confident) learned.push(exemplar(unit, chosen.group, space))
    }
  }
  // Nothing learned: the model is the first one (its profiles and indexes
  // made already).
  if (learned.length === 0) return first
  const all = sortExemplars([...exemplars, ...learned])
  return {...base, profiles: profilesOf(reference, groupText, all), exemplars: all}
}

/**
 * The framework's features, read and counted once per framework: per group
 * (its titles, phrases and sub-points), per sub-point, and the roll-out
 * phrases.
 *
 * @param reference
 *   Framework.
 * @returns
 *   Counted features.
 */
function frameworkText(reference: Reference): FrameworkText {
  let cached = frameworkCache.get(reference)
  if (!cached) {
    cached = {groups: new Map(), subpoints: new Map(), rollOut: countTerms(rollOutPhrases(reference).flatMap((text) => features(tokenize(text))))}
    for (const group of reference.groups) {
      const parts = [group.title, ...group.titles, ...group.phrases]
      for (const point of group.subpoints) {
        // Each phrase is read on its own, so no bigram spans two phrases.
        cached.subpoints.set(point.id, countTerms([point.name, ...point.phrases].flatMap((text) => features(tokenize(text)))))
        parts.push(point.name, ...point.phrases)
      }
      cached.groups.set(group.id, countTerms(parts.flatMap((text) => features(tokenize(text)))))
    }
    frameworkCache.set(reference, cached)
  }
  return cached
}

/**
 * Sections needed, without a citation, to take a document for a program of
 * the framework: four in five groups.
 *
 * @param reference
 *   Framework.
 * @returns
 *   Count.
 */
export function sectionQuorum(reference: Reference): number {
  return Math.max(2, Math.ceil(reference.groups.length * 0.8))
}

/**
 * Profiles: each group's framework text plus the mean of its exemplars, in
 * equal parts (the text is short but names every sub-point; the exemplars are
 * many and speak as programs speak).
 *
 * @param reference
 *   Framework.
 * @param groupText
 *   Vectors of the framework's text.
 * @param exemplars
 *   Exemplars.
 * @returns
 *   Profiles by group.
 */
function profilesOf(reference: Reference, groupText: Map<string, Vector>, exemplars: Exemplar[]): Map<string, Vector> {
  const profiles = new Map<string, Vector>()
  const byGroup = groupBy(exemplars, (each) => each.group)
  for (const group of reference.groups) {
    const own = (byGroup.get(group.id) ?? []).map((each) => each.vector)
    const text = groupText.get(group.id) ?? emptyVector
    profiles.set(group.id, own.length > 0 ? normalizedSum([text, normalizedSum(own)]) : text)
  }
  return profiles
}

/**
 * Exemplar of a unit.
 *
 * @param unit
 *   Unit.
 * @param group
 *   Its group.
 * @param space
 *   The model's space.
 * @returns
 *   Exemplar.
 */
function exemplar(unit: Unit, group: string, space: Space): Exemplar {
  return {node: unit.node.id, text: unit.text, group, vector: read(unit.text, space).vector}
}

/**
 * Exemplars in a fixed order.
 *
 * @param list
 *   Exemplars.
 * @returns
 *   Sorted copy.
 */
function sortExemplars(list: Exemplar[]): Exemplar[] {
  // Each key made once, not once per comparison.
  const keyed = list.map((exemplar) => ({exemplar, key: exemplar.group + '\u0000' + exemplar.text + '\u0000' + exemplar.node}))
  return keyed.sort((left, right) => compareText(left.key, right.key)).map((each) => each.exemplar)
}
