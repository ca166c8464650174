/**
 * Repair a damaged Vietnamese text: candidates per token from the channel
 * model, a document-level estimate of how the text was damaged, joint
 * trigram decoding per sentence, confidences, and positioned changes.
 */
import type {VFile} from 'vfile'
import {estimateModes, lookUp, makeProposal, observedForm, type Lookup, type Modes, type Proposal} from './candidates.js'
import {adaptChannel, align, reserveCosts} from './channel.js'
import {readCode} from './codes.js'
import {probability, softmax, viterbi, type Slot} from './decode.js'
import type {RepairModel} from './model.js'
import {sortShort} from './order.js'
import {runtimeOf, type Runtime} from './runtime.js'
import {applyCase, casePattern, type CasePattern} from './text.js'
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
  /**
   * Which changes become messages on `file`: all (default), or only those
   * an editor should check (`'low'`). A batch keeps the confident ones in
   * the changes alone: thousands of messages a document took a fifth of
   * repair's time, and the document's JSON leaves them out.
   */
  messages?: 'all' | 'low'
}

/** The candidates of an open form, scored for decoding. */
interface Choices {
  /** Candidates and channel scores. */
  slot: Slot
  /** Unit written for each candidate (`undefined`: keep the source). */
  units: Array<string | undefined>
}

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
  const everyMessage = options.messages !== 'low'
  const value = options.value.normalize('NFC')
  const runtime = runtimeOf(model)
  const tokens = tokenize(value)

  // Per-token arrays are all made alike (`new Array`, then filled), so that
  // the code reading them sees one kind of array, document after document.
  const observed = new Array<string | undefined>(tokens.length)
  for (let index = 0; index < tokens.length; index++) observed[index] = observedForm(tokens, index)
  // Words that are neither a word the training texts use nor a stripped
  // copy of one betray OCR; without them, searching the channel for every
  // word is wasted.
  const lookups = new Map<string, Lookup>()
  const explained = new Map<string, boolean>()
  let words = 0
  let strange = 0
  for (let index = 0; index < observed.length; index++) {
    const form = observed[index]
    if (form === undefined || tokens[index]?.kind !== 'word') continue
    let known = explained.get(form)
    if (known === undefined) {
      const lookup = lookUp(model, runtime.index, form)
      lookups.set(form, lookup)
      known = runtime.seen.has(lookup.identity) || lookup.strip.some((id) => runtime.seen.has(id))
      explained.set(form, known)
    }
    words++
    if (!known) strange++
  }
  const search = strange > ocrEvidence * words
  let proposals = new Array<Proposal | undefined>(tokens.length)
  for (let index = 0; index < tokens.length; index++) {
    const form = observed[index]
    proposals[index] = form === undefined ? undefined : propose(model, runtime, form, search, lookups.get(form))
  }
  const modes = estimateModes(model, proposals)

  const adapting = modes.ocr > adaptThreshold
  // Both passes are of one shape, so that the decoder's code sees one.
  let decoded = decode(model, tokens, observed, proposals, modes, {every: adapting, first: undefined, doubtful: undefined})

  // Damage particular to this document (a font, a scanner) is learned from
  // the document itself, then the tokens the first pass was unsure of are
  // decoded again; the others keep their reading, which also holds their
  // neighbours in place (so that only the unsure stretches cost time).
  if (adapting) {
    const second = adapt(model, runtime, decoded, observed, proposals)
    const first = new Array<Decoded | undefined>(tokens.length)
    for (const item of decoded) first[item.index] = item
    proposals = second.proposals
    decoded = decode(model, tokens, observed, proposals, modes, {every: false, first, doubtful: second.doubtful})
  }

  // Build the output and the changes.
  const lineStarts = [0]
  for (let index = value.indexOf('\n'); index >= 0; index = value.indexOf('\n', index + 1)) lineStarts.push(index + 1)
  const changes: RepairChange[] = []
  let output = ''
  let last = 0
  let syllables = 0
  // A message is an `Error`: its stack trace, never read, is left out, as
  // capturing one for each of thousands of repairs took longer than repair.
  const stackTraceLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
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
        alternatives: alternativesOf(item),
        low: confidence < lowConfidence
      }
      changes.push(change)
      if (file && (everyMessage || change.low)) {
        const end = point(lineStarts, token.end)
        const message = file.message(repairReason(change), {
          place: {start: {...start, offset: token.offset}, end: {...end, offset: token.end}},
          ruleId: 'ocr-repair',
          source: 'doichieu'
        })
        message.actual = change.source
        const expected = [change.repair]
        for (const alternative of change.alternatives) expected.push(alternative.value)
        message.expected = expected
        // `file.message` makes a warning; only uncertain repairs are one.
        message.fatal = change.low ? false : undefined
        Object.assign(message, {confidence: change.confidence, fix: {range: [change.offset, change.end], text: change.repair}})
      }
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit
  }
  output += value.slice(last)
  return {value: output, changes, syllables}
}

/**
 * What the message of a change says.
 *
 * @param change
 *   Change.
 * @returns
 *   `Unexpected `source`, expected `repair``.
 */
export function repairReason(change: Pick<RepairChange, 'source' | 'repair'>): string {
  return 'Unexpected `' + change.source + '`, expected `' + change.repair + '`'
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
 *   Candidates for the second pass, and the forms the first pass was unsure
 *   of somewhere.
 */
function adapt(
  model: RepairModel,
  runtime: Runtime,
  decoded: Decoded[],
  observed: Array<string | undefined>,
  proposals: Array<Proposal | undefined>
): {proposals: Array<Proposal | undefined>; doubtful: Set<string>} {
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
  // Room for the pieces of the tokens searched again.
  reserveCosts(adapted, 1024)
  const cache = new Map<string, Proposal>()
  const second = new Array<Proposal | undefined>(observed.length)
  for (let index = 0; index < observed.length; index++) {
    const form = observed[index]
    if (form === undefined || !doubtful.has(form)) {
      second[index] = proposals[index]
      continue
    }
    let proposal = cache.get(form)
    if (!proposal) {
      proposal = makeProposal(model, runtime.index, adapted, form, true, undefined, proposals[index])
      cache.set(form, proposal)
    }
    second[index] = proposal
  }
  return {proposals: second, doubtful}
}

/** A decoded token. */
interface Decoded {
  /** The token. */
  token: Token
  /** Index of the token. */
  index: number
  /** Text written for it. */
  repair: string
  /** Probability of that text. */
  confidence: number
  /** Chosen word (lower case), when the token was decoded as a word. */
  word: string | undefined
  /** The observed form (lower case). */
  form: string | undefined
  /** The candidates of a word or number (`undefined` for a code). */
  choices: Choices | undefined
  /** Index of the chosen one, to hold the token to it in a later pass. */
  choice: number
  /**
   * Probability of each candidate, for the alternatives of a change (kept
   * as numbers: only the changes of the final reading are listed).
   */
  posterior: number[] | undefined
  /** How the token is capitalised. */
  pattern: CasePattern
  /** Other readings of a code, most likely first. */
  readings: RepairAlternative[] | undefined
}

/** How a pass decodes. */
interface Pass {
  /**
   * Whether the confidence of every token is needed (a first pass, whose
   * confident repairs teach the channel), not only that of changes.
   */
  every: boolean
  /** The first pass, by token index, when this is a second pass. */
  first: Array<Decoded | undefined> | undefined
  /** Forms decoded again in a second pass; other tokens keep their reading. */
  doubtful: Set<string> | undefined
}

/**
 * A text being decoded, sentence by sentence. The steps of decoding are
 * plain functions of it, not closures made per text: V8 drops a closure's
 * optimised code at a full collection once no closure that ran it is
 * alive, and a worker compiled them again for every few documents.
 */
interface Decoder {
  model: RepairModel
  tokens: Token[]
  observed: Array<string | undefined>
  pass: Pass
  /**
   * Decoded tokens by token index: codes are settled at once, words when
   * their sentence ends, and the text order is the index order.
   */
  result: Array<Decoded | undefined>
  /**
   * The sentence being gathered, position by position: the token (`-1` for
   * punctuation, numbers, codes and marks), its slot (`undefined` until
   * needed for a token held to the first pass), its choices (open tokens),
   * and the first pass's reading (held tokens).
   */
  sentenceTokens: number[]
  sentenceSlots: Array<Slot | undefined>
  sentenceChoices: Array<Choices | undefined>
  sentenceHeld: Array<Decoded | undefined>
  /** The positions of a window, handed to the decoder. */
  window: Slot[]
  /** Slots of held readings, by form and id, made once. */
  heldSlots: Map<string, Map<number, Slot>>
  /** Punctuation, numbers, codes and marks: one candidate, the same slot for all. */
  fixedSlots: Map<number, Slot>
}

/** The relative score of a lone candidate (read only). */
const lone = new Float64Array(1)

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
 * @param pass
 *   What this pass needs.
 * @returns
 *   Decoded tokens that are words, numbers or codes, in text order.
 */
function decode(
  model: RepairModel,
  tokens: Token[],
  observed: Array<string | undefined>,
  proposals: Array<Proposal | undefined>,
  modes: Modes,
  pass: Pass
): Decoded[] {
  const runtime = runtimeOf(model)
  const decoder: Decoder = {
    model,
    tokens,
    observed,
    pass,
    result: new Array<Decoded | undefined>(tokens.length),
    sentenceTokens: [],
    sentenceSlots: [],
    sentenceChoices: [],
    sentenceHeld: [],
    window: [],
    heldSlots: new Map(),
    fixedSlots: new Map()
  }
  const {result} = decoder
  const cache = new Map<string, Choices>()

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (!token) continue
    if (token.kind === 'break') {
      if (token.hard) flush(decoder)
      continue
    }
    if (token.kind === 'punct') {
      const unit = punctuationUnit(token.value)
      const id = unit === undefined ? undefined : runtime.index.get(unit)
      if (id !== undefined) fixed(decoder, id)
      continue
    }
    if (token.kind === 'code') {
      // Codes are read alone, the same in every pass.
      const held = pass.first?.[index]
      if (held) result[index] = held
      else {
        const readings = readCode(token.value, model.codes, runtime.codeChannel, Math.min(0.999, modes.identity))
        const best = readings[0] ?? {value: token.value, confidence: 1}
        result[index] = {
          token,
          index,
          repair: best.value,
          confidence: best.confidence,
          word: undefined,
          form: undefined,
          choices: undefined,
          choice: 0,
          posterior: undefined,
          pattern: 'lower',
          readings: readings.slice(1, 4).filter((reading) => reading.value !== best.value && reading.confidence >= 0.001)
        }
      }
      fixed(decoder, codeId)
      continue
    }
    const form = observed[index]
    const proposal = proposals[index]
    // A mark is kept as written and stands in the context like a number.
    if (token.kind === 'mark' || (token.kind === 'number' && (form === undefined || !proposal))) {
      fixed(decoder, numberId)
      continue
    }
    if (form === undefined || !proposal) continue
    const held = pass.doubtful?.has(form) ? undefined : pass.first?.[index]
    if (held?.choices) {
      add(decoder, index, undefined, undefined, held)
      continue
    }
    let choices = cache.get(form)
    if (!choices) {
      choices = position(model, form, proposal, modes)
      cache.set(form, choices)
    }
    add(decoder, index, choices.slot, choices, undefined)
  }
  flush(decoder)
  const decoded: Decoded[] = []
  for (const item of result) if (item) decoded.push(item)
  return decoded
}

/**
 * Settle an open token: `choice` among its candidates, whose scores
 * relative to the best path are `scores[from … to - 1]`.
 *
 * @param decoder
 *   Text being decoded.
 * @param index
 *   Token index.
 * @param choices
 *   Its candidates.
 * @param choice
 *   Candidate chosen.
 * @param scores
 *   Relative scores.
 * @param from
 *   First score of the token's candidates.
 * @param to
 *   End of its scores (exclusive).
 */
function settle(decoder: Decoder, index: number, choices: Choices, choice: number, scores: Float64Array, from: number, to: number): void {
  const token = decoder.tokens[index]
  if (!token) return
  const pattern = token.kind === 'number' ? 'lower' : casePattern(token.value)
  const repair = write(token, choices, choice, pattern)
  // Confidences are needed for changes, and for every token when the
  // channel is to be re-estimated from this pass.
  const changed = repair !== token.value
  const scored = to - from > 1 && (decoder.pass.every || changed)
  const posterior = scored && changed ? softmax(scores, from, to) : undefined
  const confidence = posterior ? (posterior[choice] ?? 1) : scored ? probability(scores, from, to, from + choice) : 1
  const id = choices.slot.ids[choice] ?? unknownId
  decoder.result[index] = {
    token,
    index,
    repair,
    confidence,
    word: id > codeId && id !== unknownId ? decoder.model.vocabulary[id] : undefined,
    form: decoder.observed[index],
    choices,
    choice,
    posterior,
    pattern,
    readings: undefined
  }
}

/**
 * The slot of a position, made for held tokens when first needed.
 *
 * @param decoder
 *   Text being decoded.
 * @param position
 *   Position in the sentence.
 * @returns
 *   Slot.
 */
function slotAt(decoder: Decoder, position: number): Slot {
  const known = decoder.sentenceSlots[position]
  if (known) return known
  const held = decoder.sentenceHeld[position]
  const form = held?.form ?? ''
  let byId = decoder.heldSlots.get(form)
  if (!byId) {
    byId = new Map()
    decoder.heldSlots.set(form, byId)
  }
  const id = held?.choices?.slot.ids[held.choice] ?? unknownId
  let slot = byId.get(id)
  if (!slot) {
    slot = {ids: [id], emit: [held?.choices?.slot.emit[held.choice] ?? 0]}
    byId.set(id, slot)
  }
  decoder.sentenceSlots[position] = slot
  return slot
}

/**
 * Number of candidates at a position.
 *
 * @param decoder
 *   Text being decoded.
 * @param position
 *   Position in the sentence.
 * @returns
 *   Count (one for a fixed or held position).
 */
function width(decoder: Decoder, position: number): number {
  return decoder.sentenceChoices[position]?.slot.ids.length ?? 1
}

/**
 * Decode the sentence gathered, in windows: two neighbouring positions with
 * one candidate each cut the trigram chain, so each stretch of positions
 * with several candidates is decoded with the two fixed positions on either
 * side as its context, and the rest is settled at once (the choices and
 * relative scores are those of decoding the whole sentence).
 *
 * @param decoder
 *   Text being decoded.
 */
function flush(decoder: Decoder): void {
  const {sentenceTokens, sentenceSlots, sentenceChoices, sentenceHeld, window} = decoder
  const count = sentenceTokens.length
  let position = 0
  while (position < count) {
    if (width(decoder, position) === 1) {
      place(decoder, position, 0, lone, 0, 1)
      position++
      continue
    }
    let last = position
    for (let next = position + 1; next < count && next <= last + 4; next++) if (width(decoder, next) > 1) last = next
    const from = Math.max(0, position - 2)
    const to = Math.min(count, last + 3)
    window.length = 0
    for (let at = from; at < to; at++) window.push(slotAt(decoder, at))
    const {chosen, scores, offsets} = viterbi(decoder.model.language, window)
    for (let at = position; at <= last; at++) {
      const local = at - from
      place(decoder, at, chosen[local] ?? 0, scores, offsets[local] ?? 0, offsets[local + 1] ?? 0)
    }
    position = last + 1
  }
  sentenceTokens.length = 0
  sentenceSlots.length = 0
  sentenceChoices.length = 0
  sentenceHeld.length = 0
}

/**
 * Give a position of the sentence its reading: a held token the first
 * pass's, an open token the candidate chosen (fixed positions have none).
 *
 * @param decoder
 *   Text being decoded.
 * @param position
 *   Position in the sentence.
 * @param choice
 *   Candidate chosen.
 * @param scores
 *   Relative scores.
 * @param from
 *   First score of the position's candidates.
 * @param to
 *   End of its scores (exclusive).
 */
function place(decoder: Decoder, position: number, choice: number, scores: Float64Array, from: number, to: number): void {
  const held = decoder.sentenceHeld[position]
  const choices = decoder.sentenceChoices[position]
  const index = decoder.sentenceTokens[position] ?? -1
  if (held) decoder.result[held.index] = held
  else if (choices && index >= 0) settle(decoder, index, choices, choice, scores, from, to)
}

/**
 * Add a position to the sentence.
 *
 * @param decoder
 *   Text being decoded.
 * @param index
 *   Token index (`-1` for a fixed position).
 * @param slot
 *   Its slot, if made.
 * @param choices
 *   Its candidates (an open token).
 * @param held
 *   The first pass's reading (a held token).
 */
function add(decoder: Decoder, index: number, slot: Slot | undefined, choices: Choices | undefined, held: Decoded | undefined): void {
  decoder.sentenceTokens.push(index)
  decoder.sentenceSlots.push(slot)
  decoder.sentenceChoices.push(choices)
  decoder.sentenceHeld.push(held)
}

/**
 * Add a fixed position (punctuation, a number, a code, a mark) to the sentence.
 *
 * @param decoder
 *   Text being decoded.
 * @param id
 *   Its one candidate.
 */
function fixed(decoder: Decoder, id: number): void {
  let slot = decoder.fixedSlots.get(id)
  if (!slot) {
    slot = {ids: [id], emit: [0]}
    decoder.fixedSlots.set(id, slot)
  }
  add(decoder, -1, slot, undefined, undefined)
}

/**
 * Text written for a candidate of a token.
 *
 * @param token
 *   Token.
 * @param choices
 *   Its candidates.
 * @param candidate
 *   Index of the candidate.
 * @param pattern
 *   Case of the token.
 * @returns
 *   The candidate in the token's case, or the token for itself.
 */
function write(token: Token, choices: Choices, candidate: number, pattern: CasePattern): string {
  const unit = choices.units[candidate]
  return unit === undefined ? token.value : applyCase(unit, pattern)
}

/**
 * Other readings of a changed token, most likely first (equal ones in text
 * order), leaving out the unlikely, with rounded confidences.
 *
 * @param item
 *   Decoded token.
 * @returns
 *   Up to four alternatives.
 */
function alternativesOf(item: Decoded): RepairAlternative[] {
  const {posterior, choices, token, pattern} = item
  const list: RepairAlternative[] = []
  if (item.readings) {
    for (const reading of item.readings) list.push({value: reading.value, confidence: round(reading.confidence)})
    return list
  }
  if (!posterior || !choices) return list
  // Take the likeliest candidate left, over and over (a token has at most
  // `maxCandidates`, so a bit per candidate marks those taken).
  let taken = 0
  while (list.length < 4) {
    let pick = -1
    for (let candidate = 0; candidate < posterior.length; candidate++) {
      const probability = posterior[candidate] ?? 0
      if ((taken & (1 << candidate)) !== 0 || probability < 0.001) continue
      const best = pick < 0 ? -1 : (posterior[pick] ?? 0)
      if (
        probability > best ||
        (probability === best && write(token, choices, candidate, pattern) < write(token, choices, pick, pattern))
      ) {
        pick = candidate
      }
    }
    if (pick < 0) break
    taken |= 1 << pick
    const text = write(token, choices, pick, pattern)
    let seen = text === item.repair
    for (const alternative of list) if (alternative.value === text) seen = true
    if (!seen) list.push({value: text, confidence: round(posterior[pick] ?? 0)})
  }
  return list
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
 *   Choices.
 */
function position(model: RepairModel, form: string, proposal: Proposal, modes: Modes): Choices {
  const isNumber = /^\d+$/.test(form)
  const emits: number[] = []
  const ranks: number[] = []
  const order: number[] = []
  for (let candidate = 0; candidate < proposal.ids.length; candidate++) {
    const identity = proposal.identity[candidate] === true
    const probability =
      (identity ? modes.identity : 0) +
      (proposal.strip[candidate] ? modes.strip : 0) +
      modes.ocr * Math.exp(-channelWeight * (proposal.ocr[candidate] ?? Number.POSITIVE_INFINITY))
    // A number read as a number is not damage at all.
    const emit = identity && isNumber ? 0 : Math.log(probability)
    emits.push(emit)
    ranks.push(emit + (model.language.unigram[proposal.ids[candidate] ?? unknownId] ?? -30))
    if (emit !== Number.NEGATIVE_INFINITY) order.push(candidate)
  }
  sortShort(order, (a, b) => (ranks[b] ?? 0) - (ranks[a] ?? 0) || (proposal.ids[a] ?? 0) - (proposal.ids[b] ?? 0))
  const best = ranks[order[0] ?? 0] ?? 0
  const choices: Choices = {slot: {ids: [], emit: []}, units: []}
  for (const candidate of order) {
    if (choices.units.length === maxCandidates || (ranks[candidate] ?? 0) < best - pruneMargin) break
    const id = proposal.ids[candidate] ?? unknownId
    choices.slot.ids.push(id)
    choices.slot.emit.push(emits[candidate] ?? 0)
    choices.units.push(proposal.identity[candidate] === true ? undefined : model.vocabulary[id])
  }
  return choices
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
 * @param lookup
 *   The form looked up, when already done.
 * @returns
 *   Proposal.
 */
function propose(model: RepairModel, runtime: Runtime, form: string, search: boolean, lookup: Lookup | undefined): Proposal {
  const cache = search ? runtime.proposals : runtime.plain
  let proposal = cache.get(form)
  if (!proposal) {
    proposal = makeProposal(model, runtime.index, runtime.channel, form, search, lookup)
    if (cache.size >= maxCacheSize) cache.clear()
    cache.set(form, proposal)
  }
  return proposal
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
