/**
 * Candidates for the tokens of a text, and the document's damage mixture
 * (written as is, stripped of diacritics, read by OCR) estimated from them.
 */
import {channelCost, createReading, readingCost, type Channel} from './channel.js'
import type {RepairModel} from './model.js'
import {sortShort} from './order.js'
import {fold} from './text.js'
import type {Token} from './tokenize.js'
import {searchTrie, type Match} from './trie.js'
import {codeId, numberId, unknownId, wordUnit} from './vocabulary.js'

// How much costlier than the best a channel match may be (nats). On the
// Tesseract readings of held-out documents (no gold), 8 and 9 read best
// (12, the first choice, read worse and searched a third longer); 9 is the
// one that lost no syllable on any benchmark row.
const searchMargin = 9
// Ceiling of the quick search for one close word (nats): a base and a
// slope per character, as for the full search (chosen by timing on seed 002).
const closeCeiling = 4
const closeSlope = 1.2

/** How likely each kind of damage is in one document. */
export interface Modes {
  /** Token written as is. */
  identity: number
  /** Token with every diacritic dropped. */
  strip: number
  /** Token read by OCR (the channel model). */
  ocr: number
}

/** Candidates for one observed string. */
export interface Proposal {
  /** Candidate ids. */
  ids: number[]
  /** OCR channel cost of each (`Infinity` when out of reach). */
  ocr: number[]
  /** Whether the candidate is the token as written. */
  identity: boolean[]
  /** Whether stripping the candidate gives the token. */
  strip: boolean[]
}

/**
 * The lower-case form of a token that repair may change, or `undefined`.
 * Numbers are open only when short, standing between words, and not part
 * of a date, a list number or a range (`13` for `là`, `18` for `rõ`).
 *
 * @param tokens
 *   Tokens.
 * @param index
 *   Token to look at.
 * @returns
 *   Observed form.
 */
export function observedForm(tokens: Token[], index: number): string | undefined {
  const token = tokens[index]
  if (!token) return undefined
  if (token.kind === 'word') {
    const lower = token.value.toLowerCase()
    return lower.length > 14 ? undefined : lower
  }
  if (token.kind !== 'number' || !/^\d{1,3}$/.test(token.value)) return undefined
  const before = tokens[index - 1]
  const after = tokens[index + 1]
  const touching = (other: Token | undefined, left: boolean): boolean =>
    other !== undefined && other.kind !== 'word' && (left ? other.end === token.offset : other.offset === token.end)
  if (touching(before, true) || touching(after, false)) return undefined
  const wordBefore = before?.kind === 'word'
  const wordAfter = after?.kind === 'word'
  return wordBefore || wordAfter ? token.value : undefined
}

/** The candidates of a form found by lookup alone, without the channel. */
export interface Lookup {
  /** Id of the form as written (`<num>` for a number, `<unk>` when unknown). */
  identity: number
  /** Ids of the words the form is a stripped copy of. */
  strip: number[]
}

/**
 * Look a form up: itself, and the words it is a stripped copy of.
 *
 * @param model
 *   Model.
 * @param index
 *   Id of each unit.
 * @param form
 *   Observed form (lower case).
 * @returns
 *   Lookup.
 */
export function lookUp(model: RepairModel, index: Map<string, number>, form: string): Lookup {
  const isNumber = /^\d+$/.test(form)
  // Forms are lower case: one that folding leaves alike has no marks.
  const strip = !isNumber && fold(form) === form ? (model.folds.get(form) ?? []) : []
  const unit = isNumber ? undefined : wordUnit(form)
  const known = unit === undefined ? undefined : index.get(unit)
  const identity = isNumber ? numberId : known !== undefined && known > codeId ? known : unknownId
  return {identity, strip}
}

/**
 * Candidates for an observed form: the words the channel search finds (OCR
 * text only), the words the form is a stripped copy of, and the form itself.
 *
 * @param model
 *   Model.
 * @param index
 *   Id of each unit.
 * @param channel
 *   Channel to use.
 * @param form
 *   Observed form (lower case).
 * @param search
 *   Whether to search the channel or only look the form up.
 * @param lookup
 *   The form looked up (`lookUp`), when already done.
 * @param previous
 *   The form's proposal under another channel, when searching again: its
 *   best match, scored with this channel, bounds the search from the start
 *   (a word of the trie, so the matches stay the same).
 * @returns
 *   Candidates with their channel costs.
 */
export function makeProposal(
  model: RepairModel,
  index: Map<string, number>,
  channel: Channel,
  form: string,
  search: boolean,
  lookup = lookUp(model, index, form),
  previous?: Proposal
): Proposal {
  const identityId = lookup.identity
  // Only a search scores many words against the form; the form alone is
  // scored directly.
  const reading = search ? createReading(channel, form) : undefined
  const cost = (word: string): number => (reading ? readingCost(channel, reading, word) : channelCost(channel, word, form))
  let matches: Match[] = []
  if (reading) {
    // Words sharing the token's letters bound the search from the start.
    let bound = Number.POSITIVE_INFINITY
    if (identityId > codeId) bound = cost(model.vocabulary[identityId] ?? form)
    const folds = model.folds.get(fold(form)) ?? []
    for (let rank = 0; rank < folds.length && rank < 4; rank++) {
      bound = Math.min(bound, cost(model.vocabulary[folds[rank] ?? unknownId] ?? form))
    }
    if (previous) {
      // Neither the form itself nor a stripped copy: a match of the search.
      let match = -1
      for (let rank = 0; rank < previous.ids.length; rank++) {
        if (previous.identity[rank] || previous.strip[rank]) continue
        if (match < 0 || (previous.ocr[rank] ?? 0) < (previous.ocr[match] ?? 0)) match = rank
      }
      if (match >= 0) bound = Math.min(bound, cost(model.vocabulary[previous.ids[match] ?? unknownId] ?? form))
    }
    const ceiling = 8 + 2.2 * form.length
    if (bound === Number.POSITIVE_INFINITY) {
      // Nothing bounds the search of a form no word explains: a quick
      // search for one close word first (a word of the trie, so the
      // matches stay the same) spares the full one a loose start.
      const [close] = searchTrie(model.trie, reading, 0, Math.min(ceiling, closeCeiling + closeSlope * form.length), 1, bound)
      if (close) bound = close.cost
    }
    matches = searchTrie(model.trie, reading, searchMargin, ceiling, 40, bound)
  }

  const ids = [identityId]
  for (const id of lookup.strip) ids.push(id)
  for (const match of matches) ids.push(match.id)
  sortShort(ids, (a, b) => a - b)
  let unique = 0
  for (let rank = 0; rank < ids.length; rank++) if (rank === 0 || ids[rank] !== ids[rank - 1]) ids[unique++] = ids[rank] ?? unknownId
  ids.length = unique
  // Sized once: a document has a thousand forms, and growing four arrays
  // element by element for each adds up.
  const proposal: Proposal = {
    ids,
    ocr: new Array<number>(unique),
    identity: new Array<boolean>(unique),
    strip: new Array<boolean>(unique)
  }
  for (let rank = 0; rank < unique; rank++) {
    const id = ids[rank] ?? unknownId
    const isIdentity = id === identityId
    let value: number | undefined
    for (const match of matches) {
      if (match.id === id) {
        value = match.cost
        break
      }
    }
    if (value === undefined) {
      // Without a search, OCR only ever explains the token as itself.
      const word = id === unknownId || id === numberId ? form : (model.vocabulary[id] ?? form)
      value = search || isIdentity ? cost(word) : Number.POSITIVE_INFINITY
    }
    proposal.ocr[rank] = value
    proposal.identity[rank] = isIdentity
    proposal.strip[rank] = lookup.strip.includes(id)
  }
  return proposal
}

/**
 * Estimate the document's damage mixture by EM over its words, with the
 * unigram model as the prior over true words.
 *
 * @param model
 *   Model.
 * @param proposals
 *   Candidates per token.
 * @returns
 *   Mixture weights.
 */
export function estimateModes(model: RepairModel, proposals: Array<Proposal | undefined>): Modes {
  // Proposals are shared by equal forms: weigh each distinct one by its count.
  const counts = new Map<Proposal, number>()
  for (const proposal of proposals) if (proposal) counts.set(proposal, (counts.get(proposal) ?? 0) + 1)
  // likelihoods[4 * k … 4 * k + 3]: identity, strip and OCR likelihood of
  // the k-th distinct proposal, and its count.
  const likelihoods = new Float64Array(4 * counts.size)
  let size = 0
  counts.forEach((count, proposal) => {
    let identity = 0
    let strip = 0
    let ocr = 0
    for (let index = 0; index < proposal.ids.length; index++) {
      const id = proposal.ids[index] ?? unknownId
      if (id === numberId) continue
      const prior = Math.exp(model.language.unigram[id] ?? -30)
      if (proposal.identity[index]) identity += prior
      if (proposal.strip[index]) strip += prior
      ocr += prior * Math.exp(-(proposal.ocr[index] ?? Number.POSITIVE_INFINITY))
    }
    if (identity + strip + ocr > 0) {
      likelihoods[size++] = identity
      likelihoods[size++] = strip
      likelihoods[size++] = ocr
      likelihoods[size++] = count
    }
  })
  let modes: Modes = {identity: 1 / 3, strip: 1 / 3, ocr: 1 / 3}
  if (size === 0) return {identity: 0.98, strip: 0.01, ocr: 0.01}
  for (let round = 0; round < 20; round++) {
    let identity = 0
    let strip = 0
    let ocr = 0
    for (let at = 0; at < size; at += 4) {
      const count = likelihoods[at + 3] ?? 0
      const x = modes.identity * (likelihoods[at] ?? 0)
      const y = modes.strip * (likelihoods[at + 1] ?? 0)
      const z = modes.ocr * (likelihoods[at + 2] ?? 0)
      const sum = x + y + z
      if (sum <= 0) continue
      identity += (count * x) / sum
      strip += (count * y) / sum
      ocr += (count * z) / sum
    }
    const total = identity + strip + ocr
    modes = normalise({
      identity: Math.max(identity / total, 0.002),
      strip: Math.max(strip / total, 0.002),
      ocr: Math.max(ocr / total, 0.002)
    })
  }
  return modes
}

/**
 * @param modes
 *   Weights.
 * @returns
 *   Weights summing to 1.
 */
function normalise(modes: Modes): Modes {
  const total = modes.identity + modes.strip + modes.ocr
  return {identity: modes.identity / total, strip: modes.strip / total, ocr: modes.ocr / total}
}
