/**
 * The program's own groups: each section of the tasks part against each
 * group of the framework, by its heading and by what its items say together,
 * so that a paraphrased or renumbered title still finds its group.
 */
import {cosine, emptyVector, normalizedTextSum, read, type Space, type Vector} from './features.js'
import type {AlignModel, SectionAlignment} from './types.js'
import type {Section} from './units.js'
import {round, sharedTerms} from './util.js'

/** Weight of the heading against the section's items. */
const headingWeight = 0.4
/** Lowest score for a section to count as a group's. */
const sectionFloor = 0.15
/** Lowest lead over the runner-up. */
const sectionMargin = 0.03

/**
 * What each section's items say together, per space: a model build and the
 * alignment with that model both align the sections.
 */
const itemsCache = new WeakMap<Section, {space: Space; vector: Vector}>()

/**
 * Align sections.
 *
 * @param sections
 *   Sections of one document.
 * @param model
 *   Model.
 * @returns
 *   One alignment per section, in source order.
 */
export function alignSections(sections: Section[], model: AlignModel): SectionAlignment[] {
  return Array.from(sections, (section) => {
    const reading = read(section.heading, model.space)
    const heading = reading.vector
    const items = itemsOf(section, model)
    const ranked = Array.from(model.reference.groups, (group) => {
      const text = model.groupText.get(group.id) ?? emptyVector
      const profile = model.profiles.get(group.id) ?? text
      const score = section.units.length > 0 ? headingWeight * cosine(heading, text) + (1 - headingWeight) * cosine(items, profile) : cosine(heading, text)
      return {group: group.id, score}
    }).sort((left, right) => right.score - left.score || (left.group < right.group ? -1 : 1))
    const best = ranked[0]
    const second = ranked[1]
    const clear = best !== undefined && best.score >= sectionFloor && best.score - (second?.score ?? 0) >= sectionMargin
    const group = clear ? best.group : null
    return {
      node: section.node.id,
      line: section.node.line,
      heading: section.heading,
      group,
      score: round(best?.score ?? 0),
      runnerUp: second ? {group: second.group, score: round(second.score)} : null,
      terms: best ? sharedTerms(reading, model.groupText.get(best.group) ?? emptyVector, 5) : []
    }
  })
}

/**
 * Vector of what a section's items say together.
 *
 * @param section
 *   Section.
 * @param model
 *   Model.
 * @returns
 *   Normalised sum of the items' vectors.
 */
function itemsOf(section: Section, model: AlignModel): Vector {
  const cached = itemsCache.get(section)
  if (cached?.space === model.space) return cached.vector
  const vector = normalizedTextSum(
    section.units.map((unit) => unit.text),
    model.space
  )
  itemsCache.set(section, {space: model.space, vector})
  return vector
}
