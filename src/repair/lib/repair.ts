/**
 * Repair a damaged Vietnamese text: candidates per token from the channel
 * model, a document-level estimate of how the text was damaged, joint
 * trigram decoding per sentence, confidences, and positioned changes.
 */
import type {VFile} from 'vfile'
import {estimateModes, makeProposal, observedForm, type Modes, type Proposal} from './candidates.js'
import {adaptChannel, align, createChannel, type Channel} from './channel.js'
import {readCode} from './codes.js'
import {softmax, viterbi, type Slot} from './decode.js'
import {modelChannel, type RepairModel} from './model.js'
import {applyCase, casePattern} from './text.js'
import {tokenize, type Token} from './tokenize.js'
import {codeId, numberId, punctuationUnit, unknownId} from './vocabulary.js'

/** Another reading of a changed token. */
export interface RepairAlternative {
  /** Text of the reading. */
  value: string
  /** Its probability. */
  confidence: number
}

/** One token repair changed. */
export interface RepairChange {
  /** Line of the token in the input (from 1). */
  line: number
  /** Column of the token in the input (from 1). */
  column: number
  /** Offset of the token in the NFC input (from 0). */
  offset: number
  /** Offset just past the token. */
  end: number
  /** The token as written. */
  source: string
  /** What repair wrote instead. */
  repair: string
  /** Probability of the repair. */
  confidence: number
  /** Other readings, most likely first. */
  alternatives: RepairAlternative[]
  /** Whether the confidence is low enough for an editor to check. */
  low: boolean
}

/** What `repairText` returns. */
export interface RepairResult {
  /** Repaired text: line N is line N of the input, repaired. */
  value: string
  /** Changes, in text order. */
  changes: RepairChange[]
  /** Number of word tokens looked at. */
  syllables: number
}

/** Options of `repairText`. */
export interface RepairOptions {
  /** Text to repair (normalised to NFC first). */
  value: string
  /** Model trained on other texts. */
  model: RepairModel
  /** File to add one message per change to (optional). */
  file?: VFile
}

/** Per-model state: the channel and caches. */
interface Runtime {
  /** Channel of the model's committed counts. */
  channel: Channel
  /** Channel of code capitals. */
  codeChannel: Channel
  /** Id of each unit. */
  index: Map<string, number>
  /** Candidates found by searching the channel, per form. */
  proposals: Map<string, Proposal>
  /** Candidates by lookup only, per form. */
  plain: Map<string, Proposal>
  /** Ids of the words the training texts use. */
  seen: Set<number>
}

/** A decoding position tied to the token it came from. */
interface Position {
  /** Candidates and channel scores. */
  slot: Slot
  /** The token, or `undefined` for punctuation, numbers and codes. */
  token: Token | undefined
  /** Index of the token. */
  index: number
  /** Unit written for each candidate (`undefined`: keep the source). */
  units: Array<string | undefined>
}

const runtimes = new WeakMap<RepairModel, Runtime>()
// Candidates per token kept for decoding, and how far below the best (log
// channel plus unigram) they may score.
const maxCandidates = 10
const pruneMargin = 12
// Scale of the letter-level channel cost: letters are not independent, so
// the summed cost overstates the evidence (0.5 was best on synthetic OCR
// damage of held-out documents, never on the dev gold).
const channelWeight = 0.5
const lowConfidence = 0.6
const maxCacheSize = 100_000
// Share of words explained by no word of the training texts above which a
// text is searched as OCR (held-out clean text of the corpus stays under 3%).
const ocrEvidence = 0.04
// Weight of a letter reading seen in this document against one in the
// committed table, confidence a repair needs to teach the channel, and the
// share of OCR damage above which a document is adapted to.
const adaptWeight = 10
const adaptConfidence = 0.9
const adaptThreshold = 0.3

/**
 * Repair `value` with `model`.
 *
 * @param options
 *   Text, model, and optional file for messages.
 * @returns
 *   Repaired text, changes, and the number of word tokens.
 */
export function repairText(options: RepairOptions): RepairResult {
  const {model, file} = options
  const value = options.value.normalize('NFC')
  const runtime = runtimeOf(model)
  const tokens = tokenize(value)

  const observed = tokens.map((token, index) => observedForm(tokens, index))
  // Words that are neither a word the training texts use nor a stripped
  // copy of one betray OCR; without them, searching the channel for every
  // word is wasted.
  let proposals = observed.map((form) => (form === undefined ? undefined : propose(model, runtime, form, false)))
  let words = 0
  let strange = 0
  for (const [index, proposal] of proposals.entries()) {
    if (!proposal || tokens[index]?.kind !== 'word') continue
    words++
    if (!proposal.ids.some((id) => runtime.seen.has(id))) strange++
  }
  if (strange > ocrEvidence * words) {
    proposals = observed.map((form) => (form === undefined ? undefined : propose(model, runtime, form, true)))
  }
  const modes = estimateModes(model, proposals)

  let decoded = decode(model, tokens, observed, proposals, modes, modes.ocr > adaptThreshold)

  // Damage particular to this document (a font, a scanner) is learned from
  // the document itself, then the text is decoded again.
  if (modes.ocr > adaptThreshold) {
    proposals = adapt(model, runtime, decoded, observed, proposals)
    decoded = decode(model, tokens, observed, proposals, modes, false)
  }

  // Build the output and the changes.
  const lineStarts = [0]
  for (let index = 0; index < value.length; index++) if (value.charAt(index) === '\n') lineStarts.push(index + 1)
  const changes: RepairChange[] = []
  let output = ''
  let last = 0
  let syllables = 0
  for (const item of decoded) {
    if (item.token.kind === 'word') syllables++
    if (item.repair === item.token.value) continue
    const {token} = item
    output += value.slice(last, token.offset) + item.repair
    last = token.end
    const start = point(lineStarts, token.offset)
    const confidence = round(item.confidence)
    const change: RepairChange = {
      line: start.line,
      column: start.column,
      offset: token.offset,
      end: token.end,
      source: token.value,
      repair: item.repair,
      confidence,
      alternatives: item.alternatives.map((alternative) => ({value: alternative.value, confidence: round(alternative.confidence)})),
      low: confidence < lowConfidence
    }
    changes.push(change)
    if (file) {
      const end = point(lineStarts, token.end)
      const message = file.message('Unexpected `' + change.source + '`, expected `' + change.repair + '`', {
        place: {start: {...start, offset: token.offset}, end: {...end, offset: token.end}},
        ruleId: 'ocr-repair',
        source: 'doichieu'
      })
      message.actual = change.source
      message.expected = [change.repair, ...change.alternatives.map((alternative) => alternative.value)]
      // `file.message` makes a warning; only uncertain repairs are one.
      message.fatal = change.low ? false : undefined
      Object.assign(message, {confidence: change.confidence, fix: {range: [change.offset, change.end], text: change.repair}})
    }
  }
  output += value.slice(last)
  return {value: output, changes, syllables}
}

/**
 * Re-estimate the channel from the confident repairs of a first pass and
 * search again, with it, for the tokens that pass was unsure of.
 *
 * @param model
 *   Model.
 * @param runtime
 *   Its runtime.
 * @param decoded
 *   First pass.
 * @param observed
 *   Observed form of each token.
 * @param proposals
 *   Candidates of the first pass.
 * @returns
 *   Candidates for the second pass.
 */
function adapt(
  model: RepairModel,
  runtime: Runtime,
  decoded: Decoded[],
  observed: Array<string | undefined>,
  proposals: Array<Proposal | undefined>
): Array<Proposal | undefined> {
  const pairs = new Map<string, [string, string, number]>()
  const doubtful = new Set<string>()
  for (const item of decoded) {
    if (item.form === undefined) continue
    if (item.confidence < adaptConfidence) doubtful.add(item.form)
    else if (item.word !== undefined) {
      const key = item.word + '\u0000' + item.form
      const pair = pairs.get(key)
      if (pair) pair[2] += item.confidence
      else pairs.set(key, [item.word, item.form, item.confidence])
    }
  }
  const extra = new Map<string, Map<string, number>>()
  for (const [word, form, weight] of pairs.values()) {
    for (const step of align(runtime.channel, word, form).steps) {
      let row = extra.get(step.glyph)
      if (!row) {
        row = new Map()
        extra.set(step.glyph, row)
      }
      row.set(step.read, (row.get(step.read) ?? 0) + adaptWeight * weight)
    }
  }
  const adapted = adaptChannel(runtime.channel, extra)
  const cache = new Map<string, Proposal>()
  return observed.map((form, index) => {
    if (form === undefined || !doubtful.has(form)) return proposals[index]
    let proposal = cache.get(form)
    if (!proposal) {
      proposal = makeProposal(model, runtime.index, adapted, form, true)
      cache.set(form, proposal)
    }
    return proposal
  })
}

/** A decoded token. */
interface Decoded {
  /** The token. */
  token: Token
  /** Text written for it. */
  repair: string
  /** Probability of that text. */
  confidence: number
  /** Other readings. */
  alternatives: RepairAlternative[]
  /** Chosen word (lower case), when the token was decoded as a word. */
  word: string | undefined
  /** The observed form (lower case). */
  form: string | undefined
}

/**
 * Decode every sentence of the text.
 *
 * @param model
 *   Model.
 * @param tokens
 *   Tokens.
 * @param observed
 *   Observed form of each token that is open to repair.
 * @param proposals
 *   Candidates of each such token.
 * @param modes
 *   Damage mixture of the document.
 * @param every
 *   Whether this is a first pass, which needs the confidence of every token
 *   and no alternatives.
 * @returns
 *   Decoded tokens that are words, numbers or codes.
 */
function decode(
  model: RepairModel,
  tokens: Token[],
  observed: Array<string | undefined>,
  proposals: Array<Proposal | undefined>,
  modes: Modes,
  every: boolean
): Decoded[] {
  const runtime = runtimeOf(model)
  const result: Decoded[] = []
  let sentence: Position[] = []

  const cache = new Map<string, Position>()
  const write = (position: Position, candidate: number): string => {
    const {token} = position
    const unit = position.units[candidate]
    if (!token || unit === undefined) return token?.value ?? ''
    return applyCase(unit, token.kind === 'number' ? 'lower' : casePattern(token.value))
  }

  const flush = (): void => {
    if (sentence.length === 0) return
    const slots = sentence.map((position) => position.slot)
    const {chosen, scores} = viterbi(model.language, slots)
    for (const [index, position] of sentence.entries()) {
      const {token} = position
      if (!token) continue
      const choice = chosen[index] ?? 0
      const repair = write(position, choice)
      let confidence = 1
      let alternatives: RepairAlternative[] = []
      // Confidences are needed for changes, and for every token when the
      // channel is to be re-estimated from this pass.
      const changed = repair !== token.value
      const posterior = position.slot.ids.length > 1 && (every || changed) ? softmax(scores[index] ?? []) : undefined
      if (posterior) confidence = posterior[choice] ?? 1
      // Alternatives only matter for changes of the final pass.
      if (posterior && !every && changed) {
        const seen = new Set<string>([repair])
        alternatives = posterior
          .map((probability, candidate) => ({value: write(position, candidate), confidence: probability}))
          .sort((a, b) => b.confidence - a.confidence || (a.value < b.value ? -1 : 1))
          .filter((alternative) => {
            if (seen.has(alternative.value) || alternative.confidence < 0.001) return false
            seen.add(alternative.value)
            return true
          })
          .slice(0, 4)
      }
      const id = position.slot.ids[choice] ?? unknownId
      result.push({
        token,
        repair,
        confidence,
        alternatives,
        word: id > codeId && id !== unknownId ? model.vocabulary[id] : undefined,
        form: observed[position.index]
      })
    }
    sentence = []
  }

  for (const [index, token] of tokens.entries()) {
    if (token.kind === 'break') {
      if (token.hard) flush()
      continue
    }
    if (token.kind === 'punct') {
      const unit = punctuationUnit(token.value)
      const id = unit === undefined ? undefined : runtime.index.get(unit)
      if (id !== undefined) sentence.push({slot: {ids: [id], emit: [0]}, token: undefined, index: -1, units: [undefined]})
      continue
    }
    if (token.kind === 'code') {
      const readings = readCode(token.value, model.codes, runtime.codeChannel, Math.min(0.999, modes.identity))
      const best = readings[0] ?? {value: token.value, confidence: 1}
      result.push({
        token,
        repair: best.value,
        confidence: best.confidence,
        alternatives: readings.slice(1, 4).filter((reading) => reading.value !== best.value && reading.confidence >= 0.001),
        word: undefined,
        form: undefined
      })
      sentence.push({slot: {ids: [codeId], emit: [0]}, token: undefined, index: -1, units: [undefined]})
      continue
    }
    const form = observed[index]
    const proposal = proposals[index]
    if (token.kind === 'number' && (form === undefined || !proposal)) {
      sentence.push({slot: {ids: [numberId], emit: [0]}, token: undefined, index: -1, units: [undefined]})
      continue
    }
    if (form === undefined || !proposal) continue
    let cached = cache.get(form)
    if (!cached) {
      cached = position(model, form, proposal, modes)
      cache.set(form, cached)
    }
    sentence.push({slot: cached.slot, token, index, units: cached.units})
  }
  flush()
  // Codes are settled at once, words when their sentence ends: restore text order.
  return result.sort((a, b) => a.token.offset - b.token.offset)
}

/**
 * Decoding position of an open form: its candidates scored by the damage
 * mixture, pruned with the unigram model.
 *
 * @param model
 *   Model.
 * @param form
 *   Observed form (lower case).
 * @param proposal
 *   Its candidates.
 * @param modes
 *   Damage mixture.
 * @returns
 *   Position without a token.
 */
function position(model: RepairModel, form: string, proposal: Proposal, modes: Modes): Position {
  const isNumber = /^\d+$/.test(form)
  const scored: Array<{id: number; emit: number; rank: number; unit: string | undefined}> = []
  for (let candidate = 0; candidate < proposal.ids.length; candidate++) {
    const id = proposal.ids[candidate] ?? unknownId
    const identity = proposal.identity[candidate] === true
    const probability =
      (identity ? modes.identity : 0) +
      (proposal.strip[candidate] ? modes.strip : 0) +
      modes.ocr * Math.exp(-channelWeight * (proposal.ocr[candidate] ?? Number.POSITIVE_INFINITY))
    // A number read as a number is not damage at all.
    const emit = identity && isNumber ? 0 : Math.log(probability)
    if (emit === Number.NEGATIVE_INFINITY) continue
    scored.push({id, emit, rank: emit + (model.language.unigram[id] ?? -30), unit: identity ? undefined : model.vocabulary[id]})
  }
  scored.sort((a, b) => b.rank - a.rank || a.id - b.id)
  const best = scored[0]?.rank ?? 0
  const kept = scored.filter((item, index) => index < maxCandidates && item.rank >= best - pruneMargin)
  return {
    slot: {ids: kept.map((item) => item.id), emit: kept.map((item) => item.emit)},
    token: undefined,
    index: -1,
    units: kept.map((item) => item.unit)
  }
}

/**
 * Candidates for an observed form, cached per model.
 *
 * @param model
 *   Model.
 * @param runtime
 *   Its runtime.
 * @param form
 *   Observed form (lower case).
 * @param search
 *   Whether to search the channel (OCR text) or only look up the form and
 *   the words it is a stripped copy of.
 * @returns
 *   Proposal.
 */
function propose(model: RepairModel, runtime: Runtime, form: string, search: boolean): Proposal {
  const cache = search ? runtime.proposals : runtime.plain
  let proposal = cache.get(form)
  if (!proposal) {
    proposal = makeProposal(model, runtime.index, runtime.channel, form, search)
    if (cache.size >= maxCacheSize) cache.clear()
    cache.set(form, proposal)
  }
  return proposal
}

/**
 * @param model
 *   Model.
 * @returns
 *   Its runtime state.
 */
function runtimeOf(model: RepairModel): Runtime {
  let runtime = runtimes.get(model)
  if (!runtime) {
    const index = new Map<string, number>()
    for (const [id, unit] of model.vocabulary.entries()) index.set(unit, id)
    runtime = {
      channel: modelChannel(model),
      codeChannel: createChannel({_source: '', emissions: model.channel.codes ?? {}}, []),
      index,
      proposals: new Map(),
      plain: new Map(),
      seen: new Set(model.trie.word.filter((id) => id >= 0))
    }
    runtimes.set(model, runtime)
  }
  return runtime
}

/**
 * @param lineStarts
 *   Offsets where lines start.
 * @param offset
 *   Offset.
 * @returns
 *   Line and column (from 1).
 */
function point(lineStarts: number[], offset: number): {line: number; column: number} {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((lineStarts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return {line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1}
}

/**
 * @param value
 *   Probability.
 * @returns
 *   Rounded to four decimals, for stable output.
 */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
