/**
 * Score one text against every group and against “no group”: TF-IDF
 * similarity to the group's profile and to its nearest exemplars, a bonus per
 * sub-point whose key phrase the text contains, and a lean towards the group
 * of the section the text sits in.
 *
 * The constants below were set on the labelled corpus
 * (`fixtures/align/labels`); `src/align/README.md` gives the measurements and
 * shows that accuracy moves by at most two points over wide ranges of them.
 */
import type {DocNode} from '../../types.js'
import rollOutData from '../data/roll-out.json' with {type: 'json'}
import {containsPhrase, cosine, features, phraseKeys, tokenize, weigh, type Vector} from './features.js'
import type {AlignModel, NodeAlignment, Reference, Scope} from './types.js'
import {round, sharedTerms} from './util.js'

/** Weight of the group profile against the mean of the nearest exemplars. */
const profileWeight = 0.5
/** Exemplars whose similarities are averaged for a group. */
const neighbours = 5
/** Bonus per sub-point named by a key phrase, and the most that count. */
const phraseBonus = 0.04
const phraseCap = 3
/** Lean towards the group of the item's section (or, right in the implementation part, towards no group). */
const sectionPrior = 0.12
/** Below this, an item carries out no group. */
const floor = 0.05
/** A sub-point counts as touched from this similarity up (or by one of its phrases). */
const subpointFloor = 0.2

/** Where a text sits, as scoring needs it. */
export interface Placement {
  /** Tasks part, agency task, or target. */
  scope: Scope
  /** Group of its section, or null. */
  prior: string | null
  /** Id of that section, or null. */
  section: string | null
  /** Whether it sits right in the implementation part, outside any agency's block. */
  direct: boolean
}

/** A framework phrase ready to match. */
interface Phrase {
  /** As written in the framework file. */
  text: string
  /** Bare keys. */
  keys: string[]
  /** Sub-point it belongs to, or null for the group's own phrases. */
  subpoint: string | null
}

/** Exemplars of each group, sorted out once per model. */
const exemplarCache = new WeakMap<AlignModel, Map<string, AlignModel['exemplars']>>()

/** Phrase keys of a framework, computed once per framework. */
const phraseCache = new WeakMap<Reference, {groups: Map<string, Phrase[]>; rollOut: Phrase[]}>()

/**
 * Phrases of a program's roll-out of itself (`data/roll-out.json`), with the
 * framework's code and its aliases.
 *
 * @param reference
 *   Framework.
 * @returns
 *   Phrases.
 */
export function rollOutPhrases(reference: Reference): string[] {
  return [...rollOutData.phrases, ...(reference.code ? [reference.code] : []), ...reference.aliases]
}

/**
 * Align one text.
 *
 * @param node
 *   Its node.
 * @param text
 *   Its text.
 * @param place
 *   Where it sits.
 * @param model
 *   Model.
 * @returns
 *   Alignment.
 */
export function scoreText(node: DocNode, text: string, place: Placement, model: AlignModel): NodeAlignment {
  const tokens = tokenize(text)
  const vector = weigh(features(tokens), model.idf, model.unseen)
  const phrases = phrasesOf(model.reference)
  const byGroup = exemplarsOf(model)
  const candidates: Array<{group: string | null; score: number; found: string[]; subpoints: string[]}> = []

  for (const group of model.reference.groups) {
    const profile = model.profiles.get(group.id) ?? new Map<string, number>()
    // The node itself is never its own neighbour.
    const near = (byGroup.get(group.id) ?? [])
      .filter((exemplar) => !(exemplar.node === node.id && exemplar.text === text))
      .map((exemplar) => cosine(vector, exemplar.vector))
      .sort((left, right) => right - left)
      .slice(0, neighbours)
    const similarity = cosine(vector, profile)
    const content = near.length > 0 ? profileWeight * similarity + (1 - profileWeight) * mean(near) : similarity
    const found = (phrases.groups.get(group.id) ?? []).filter((phrase) => containsPhrase(tokens, phrase.keys))
    // Phrases of one sub-point name one thing (`Mặt trận Tổ quốc` and `tổ
    // chức chính trị - xã hội` come together): count sub-points, not phrases.
    const named = new Set(found.map((phrase) => phrase.subpoint ?? group.id)).size
    const score = content + phraseBonus * Math.min(named, phraseCap) + (place.prior === group.id ? sectionPrior : 0)
    const subpoints = group.subpoints
      .filter((point) => found.some((phrase) => phrase.subpoint === point.id) || cosine(vector, model.subpointText.get(point.id) ?? new Map()) >= subpointFloor)
      .map((point) => point.id)
    candidates.push({group: group.id, score, found: [...new Set(found.map((phrase) => phrase.text))], subpoints})
  }
  const rolled = [...new Set(phrases.rollOut.filter((phrase) => containsPhrase(tokens, phrase.keys)).map((phrase) => phrase.text))]
  candidates.push({
    group: null,
    score: cosine(vector, model.rollOut) + phraseBonus * Math.min(rolled.length, phraseCap) + (place.direct ? sectionPrior : 0),
    found: rolled,
    subpoints: []
  })

  // Ties go to the framework's order, “no group” last: stable everywhere.
  const order = (group: string | null): number => (group === null ? model.reference.groups.length : model.reference.groups.findIndex((each) => each.id === group))
  candidates.sort((left, right) => right.score - left.score || order(left.group) - order(right.group))
  let best = candidates[0]
  if (best && best.group !== null && best.score < floor) best = candidates.find((candidate) => candidate.group === null)
  const chosen = best ?? {group: null, score: 0, found: [], subpoints: []}
  const runner = candidates.find((candidate) => candidate !== chosen)
  const profile: Vector = chosen.group ? (model.profiles.get(chosen.group) ?? new Map()) : model.rollOut
  return {
    node: node.id,
    line: node.line,
    scope: place.scope,
    group: chosen.group,
    score: round(chosen.score),
    runnerUp: runner ? {group: runner.group, score: round(runner.score)} : null,
    evidence: {
      terms: sharedTerms(tokens, vector, profile, 5),
      phrases: chosen.found,
      section: chosen.group !== null && chosen.group === place.prior ? place.section : null
    },
    subpoints: chosen.subpoints
  }
}

/**
 * Exemplars of a model by group.
 *
 * @param model
 *   Model.
 * @returns
 *   Exemplars by group id.
 */
function exemplarsOf(model: AlignModel): Map<string, AlignModel['exemplars']> {
  let cached = exemplarCache.get(model)
  if (!cached) {
    cached = new Map()
    for (const exemplar of model.exemplars) cached.set(exemplar.group, [...(cached.get(exemplar.group) ?? []), exemplar])
    exemplarCache.set(model, cached)
  }
  return cached
}

/**
 * Mean of numbers.
 *
 * @param values
 *   Numbers (not empty).
 * @returns
 *   Mean.
 */
function mean(values: number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length
}

/**
 * The framework's phrases as key sequences, per group, and the roll-out
 * phrases.
 *
 * @param reference
 *   Framework.
 * @returns
 *   Phrases.
 */
function phrasesOf(reference: Reference): {groups: Map<string, Phrase[]>; rollOut: Phrase[]} {
  let cached = phraseCache.get(reference)
  if (!cached) {
    const groups = new Map<string, Phrase[]>()
    for (const group of reference.groups) {
      const list: Phrase[] = group.phrases.map((text) => ({text, keys: phraseKeys(text), subpoint: null}))
      for (const point of group.subpoints) list.push(...point.phrases.map((text) => ({text, keys: phraseKeys(text), subpoint: point.id})))
      groups.set(group.id, list)
    }
    cached = {groups, rollOut: rollOutPhrases(reference).map((text) => ({text, keys: phraseKeys(text), subpoint: null}))}
    phraseCache.set(reference, cached)
  }
  return cached
}
