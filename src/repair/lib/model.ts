/**
 * The repair model: vocabulary, syllable language model, letter trie and the
 * committed channel counts.
 */
import background from '../data/background.json' with {type: 'json'}
import places from '../../segment/data/provinces.json' with {type: 'json'}
import channelData from '../data/channel.json' with {type: 'json'}
import lexicon from '../data/lexicon.json' with {type: 'json'}
import {createChannel, type ChannelTable} from './channel.js'
import {learnCodes, type CodeKnowledge} from './codes.js'
import {trainLanguageModel, type LanguageModel} from './lm.js'
import {prepareRuntime} from './runtime.js'
import {fold} from './text.js'
import {tokenize} from './tokenize.js'
import {createTrie, type Trie} from './trie.js'
import {fragmentEnd, fragmentStart, punctuationUnits, reserved, trainingUnits, unknownId} from './vocabulary.js'

/** Everything repair needs; plain data (arrays, records, Maps). */
export interface RepairModel {
  /** Unit of each id: reserved symbols, punctuation, then words. */
  vocabulary: string[]
  /** Trigram language model over the ids. */
  language: LanguageModel
  /** Channel counts (from `data/channel.json`). */
  channel: ChannelTable
  /** Letters of the vocabulary, in the order the trie indexes them. */
  letters: string[]
  /** Letter trie over the ids of the words the training texts use. */
  trie: Trie
  /** Word ids by folded form (diacritics removed), for stripped text. */
  folds: Map<string, number[]>
  /** Document-code kinds and issuers seen in the training texts. */
  codes: CodeKnowledge
}

/** Options of `trainRepairModel`. */
export interface TrainOptions {
  /** Clean Vietnamese texts (never the text to repair). */
  texts: string[]
}

const wordPattern = /^\p{L}+$/u
const longestWord = 10

/**
 * Train a repair model from clean texts: the language model is counted on
 * `texts`, the provinces' names and the committed general Vietnamese (a
 * dictionary's examples), the vocabulary is all of them plus the committed
 * syllable lexicon, and the channel is the committed table learned from
 * synthetic OCR.
 *
 * @param options
 *   Training texts.
 * @returns
 *   Model.
 */
export function trainRepairModel(options: TrainOptions): RepairModel {
  const paragraphs: string[][] = []
  const codes: string[] = []
  for (const text of options.texts) {
    const tokens = tokenize(text.normalize('NFC'))
    for (const token of tokens) if (token.kind === 'code') codes.push(token.value)
    paragraphs.push(...trainingUnits(tokens))
  }
  // The provinces' names: every program is dated from one, and a name the
  // texts never mention (`Lâm Đồng`) would lose to common words (`làm đồng`).
  for (const name of places.provinces) paragraphs.push(...trainingUnits(tokenize(name)))

  const vocabulary: string[] = [...reserved, ...punctuationUnits]
  const index = new Map<string, number>()
  for (const [id, unit] of vocabulary.entries()) index.set(unit, id)
  const add = (unit: string): number => {
    let id = index.get(unit)
    if (id === undefined) {
      id = vocabulary.length
      vocabulary.push(unit)
      index.set(unit, id)
    }
    return id
  }
  for (const word of lexicon.words) add(word)
  const ids: number[] = []
  const ends: number[] = []
  for (const units of paragraphs) {
    for (const unit of units) ids.push(add(unit))
    ends.push(ids.length)
  }
  // The words the texts and names use, for the trie below.
  const seen = new Set<number>(ids)
  // General Vietnamese beside the corpus: a few documents leave common
  // pairs unseen (`từ năm`, `thuận lợi`), where unigrams alone choose badly.
  // Its examples are fragments, not sentences: between their own markers,
  // so that what starts and ends them says nothing of what starts and ends
  // a sentence of a document (`Lâm Đồng, ngày…` read `Làm Đồng` when the
  // examples' first words counted as sentence starts).
  const general = background.units.map((unit) => add(unit))
  const framed = ends.length
  let from = 0
  for (const end of background.ends) {
    ids.push(fragmentStart, fragmentStart)
    for (let index = from; index < end; index++) ids.push(general[background.sequence[index] ?? 0] ?? unknownId)
    ids.push(fragmentEnd)
    ends.push(ids.length)
    from = end
  }
  const language = trainLanguageModel({ids: Int32Array.from(ids), ends: Int32Array.from(ends), framed}, vocabulary.length)

  const table = channelData as ChannelTable
  const words: Array<[string, number]> = []
  const letterSet = new Set<string>()
  for (const [id, unit] of vocabulary.entries()) {
    if (id < reserved.length || !wordPattern.test(unit) || unit.length > longestWord) continue
    words.push([unit, id])
    for (const letter of unit) letterSet.add(letter)
  }
  const letters = [...letterSet].sort()
  const channel = createChannel(table, letters)
  // OCR candidates come from the words the texts use: a lexicon word never
  // seen has almost no language-model weight, and searching for it costs
  // time and adds false readings. Stripped text still reaches every word
  // through the folded index below, and correct text through itself.
  const trie = createTrie(
    words.filter(([, id]) => seen.has(id)),
    channel
  )

  const folds = new Map<string, number[]>()
  for (const [word, id] of words) {
    const key = fold(word)
    const list = folds.get(key)
    if (list) list.push(id)
    else folds.set(key, [id])
  }

  const model: RepairModel = {vocabulary, language, channel: table, letters, trie, folds, codes: learnCodes(codes)}
  prepareRuntime(model, channel, index)
  return model
}
