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
import {groupBy} from '../../util.js'
import rollOutData from '../data/roll-out.json' with {type: 'json'}
import {cosine, emptyVector, indexVectors, phraseKeys, read, remember, similarities, type Reading, type Vector, type VectorIndex} from './features.js'
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

/** A group (or “no group”, `null`) a text may carry out, scored. */
interface Candidate {
  /** Group id, or null. */
  group: string | null
  /** Score. */
  score: number
  /** Phrases of the group found in the text, as written in the framework. */
  found: string[]
  /** Sub-points touched. */
  subpoints: string[]
}

/** How a text ranks the groups. */
export interface Ranking {
  /** The text, read. */
  reading: Reading
  /** The group chosen, or “no group”. */
  chosen: Candidate
  /** The runner-up, if any. */
  runner: Candidate | undefined
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

/**
 * A model's vectors indexed by feature, so that a text meets only the
 * profiles, exemplars and sub-points it shares a feature with.
 */
interface ModelIndex {
  /** Group profiles, in the framework's order. */
  profiles: VectorIndex
  /** Exemplars, by their position in `model.exemplars`. */
  exemplars: VectorIndex
  /** Positions of each group's exemplars, in model order. */
  groups: Map<string, number[]>
  /** Sub-point vectors, in the order of `subpoints`. */
  subpointText: VectorIndex
  /** Position of each sub-point in `subpointText`. */
  subpoints: Map<string, number>
}

/** Exemplars of a model, indexed, with the positions of each group's. */
interface ExemplarIndex {
  /** Index. */
  index: VectorIndex
  /** Positions of each group's exemplars, in model order. */
  groups: Map<string, number[]>
}

/** Sub-point vectors, indexed, with the position of each sub-point. */
interface SubpointIndex {
  /** Index. */
  index: VectorIndex
  /** Position of each sub-point. */
  positions: Map<string, number>
}

// Indexes of a model's parts, built once per part: the models of one build
// share their sub-points, and some their profiles.
/** Exemplar indexes. */
const exemplarIndexes = new WeakMap<AlignModel['exemplars'], ExemplarIndex>()
/** Sub-point indexes. */
const subpointIndexes = new WeakMap<AlignModel['subpointText'], SubpointIndex>()
/** Profile indexes. */
const profileIndexes = new WeakMap<AlignModel['profiles'], VectorIndex>()

/** The phrases of a framework, ready to match. */
interface Phrases {
  /** Each group's phrases, its sub-points' included. */
  groups: Map<string, Phrase[]>
  /** Roll-out phrases. */
  rollOut: Phrase[]
  /** Every phrase by its first key: a text is searched once for all of them. */
  byFirst: Map<string, Phrase[]>
}

/** Phrase keys of a framework, computed once per framework. */
const phraseCache = new WeakMap<Reference, Phrases>()

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
  const {reading, chosen, runner} = rankText(node, text, place, model)
  const profile: Vector = chosen.group ? (model.profiles.get(chosen.group) ?? emptyVector) : model.rollOut
  return {
    node: node.id,
    line: node.line,
    scope: place.scope,
    group: chosen.group,
    score: round(chosen.score),
    runnerUp: runner ? {group: runner.group, score: round(runner.score)} : null,
    evidence: {
      terms: sharedTerms(reading, profile, 5),
      phrases: chosen.found,
      section: chosen.group !== null && chosen.group === place.prior ? place.section : null
    },
    subpoints: chosen.subpoints
  }
}

/**
 * Rank the groups for one text: {@link scoreText} without the evidence, for
 * the model build, which needs only the winner and its lead.
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
 *   The text read, the chosen group and the runner-up.
 */
export function rankText(node: DocNode, text: string, place: Placement, model: AlignModel): Ranking {
  const reading = read(text, model.space)
  const {vector} = reading
  const phrases = phrasesOf(model.reference)
  const matched = phrasesIn(reading, phrases)
  const index = indexOf(model)
  const closeness = similarities(vector, index.profiles)
  const nearness = similarities(vector, index.exemplars)
  const touches = similarities(vector, index.subpointText)
  const candidates: Candidate[] = []

  for (const [rank, group] of model.reference.groups.entries()) {
    const near: number[] = []
    for (const position of index.groups.get(group.id) ?? []) {
      const exemplar = model.exemplars[position]
      // The node itself is never its own neighbour.
      if (!exemplar || (exemplar.node === node.id && exemplar.text === text)) continue
      near.push(nearness[position] ?? 0)
    }
    const nearest = largest(near, neighbours)
    const similarity = closeness[rank] ?? 0
    const content = nearest.length > 0 ? profileWeight * similarity + (1 - profileWeight) * mean(nearest) : similarity
    const found = (phrases.groups.get(group.id) ?? []).filter((phrase) => matched.has(phrase))
    // Phrases of one sub-point name one thing (`Mặt trận Tổ quốc` and `tổ
    // chức chính trị - xã hội` come together): count sub-points, not phrases.
    const named = new Set(found.map((phrase) => phrase.subpoint ?? group.id)).size
    const score = content + phraseBonus * Math.min(named, phraseCap) + (place.prior === group.id ? sectionPrior : 0)
    const subpoints: string[] = []
    for (const point of group.subpoints) {
      if (found.some((phrase) => phrase.subpoint === point.id) || (touches[index.subpoints.get(point.id) ?? -1] ?? 0) >= subpointFloor) subpoints.push(point.id)
    }
    candidates.push({group: group.id, score, found: [...new Set(found.map((phrase) => phrase.text))], subpoints})
  }
  const rolled = [...new Set(phrases.rollOut.filter((phrase) => matched.has(phrase)).map((phrase) => phrase.text))]
  const none: Candidate = {
    group: null,
    score: cosine(vector, model.rollOut) + phraseBonus * Math.min(rolled.length, phraseCap) + (place.direct ? sectionPrior : 0),
    found: rolled,
    subpoints: []
  }
  candidates.push(none)

  // Ties go to the framework's order, “no group” last (the order the
  // candidates are made in, which the sort keeps): stable everywhere.
  candidates.sort((left, right) => right.score - left.score)
  let best = candidates[0]
  if (best && best.group !== null && best.score < floor) best = none
  const chosen = best ?? {group: null, score: 0, found: [], subpoints: []}
  return {reading, chosen, runner: candidates.find((candidate) => candidate !== chosen)}
}

/**
 * The framework phrases a text contains (their keys contiguous in its
 * tokens), found in one pass over the text.
 *
 * @param reading
 *   The text, read.
 * @param phrases
 *   Phrases of the framework.
 * @returns
 *   Phrases found.
 */
function phrasesIn(reading: Reading, phrases: Phrases): Set<Phrase> {
  const {tokens} = reading
  const found = new Set<Phrase>()
  for (let start = 0; start < tokens.length; start++) {
    for (const phrase of phrases.byFirst.get(tokens[start]?.bare ?? '') ?? []) {
      if (found.has(phrase) || start + phrase.keys.length > tokens.length) continue
      let offset = 1
      while (offset < phrase.keys.length && tokens[start + offset]?.bare === phrase.keys[offset]) offset++
      if (offset === phrase.keys.length) found.add(phrase)
    }
  }
  return found
}

/**
 * Index of a model.
 *
 * @param model
 *   Model.
 * @returns
 *   Index.
 */
function indexOf(model: AlignModel): ModelIndex {
  const {exemplars, profiles, subpointText} = model
  const byExemplars = remember(exemplarIndexes, exemplars, () => ({
    index: indexVectors(Array.from(exemplars, (exemplar) => exemplar.vector)),
    groups: groupBy(exemplars.keys(), (position) => exemplars[position]?.group)
  }))
  const bySubpoints = remember(subpointIndexes, subpointText, () => {
    const ids = [...subpointText.keys()]
    return {index: indexVectors(Array.from(ids, (id) => subpointText.get(id) ?? emptyVector)), positions: new Map(ids.map((id, position) => [id, position]))}
  })
  return {
    profiles: remember(profileIndexes, profiles, () => indexVectors(Array.from(model.reference.groups, (group) => profiles.get(group.id) ?? emptyVector))),
    exemplars: byExemplars.index,
    groups: byExemplars.groups,
    subpointText: bySubpoints.index,
    subpoints: bySubpoints.positions
  }
}

/**
 * The largest numbers of a list, largest first.
 *
 * @param values
 *   Numbers.
 * @param count
 *   How many to keep.
 * @returns
 *   At most `count` numbers, in descending order.
 */
function largest(values: number[], count: number): number[] {
  const kept: number[] = []
  for (const value of values) {
    if (kept.length === count && value <= (kept[count - 1] ?? 0)) continue
    let at = Math.min(kept.length, count - 1)
    while (at > 0 && (kept[at - 1] ?? 0) < value) {
      kept[at] = kept[at - 1] ?? 0
      at--
    }
    kept[at] = value
  }
  return kept
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
function phrasesOf(reference: Reference): Phrases {
  let cached = phraseCache.get(reference)
  if (!cached) {
    const groups = new Map<string, Phrase[]>()
    for (const group of reference.groups) {
      const list: Phrase[] = group.phrases.map((text) => ({text, keys: phraseKeys(text), subpoint: null}))
      for (const point of group.subpoints) list.push(...point.phrases.map((text) => ({text, keys: phraseKeys(text), subpoint: point.id})))
      groups.set(group.id, list)
    }
    const rollOut = rollOutPhrases(reference).map((text): Phrase => ({text, keys: phraseKeys(text), subpoint: null}))
    const byFirst = groupBy([...[...groups.values()].flat(), ...rollOut], (phrase) => phrase.keys[0])
    cached = {groups, rollOut, byFirst}
    phraseCache.set(reference, cached)
  }
  return cached
}
