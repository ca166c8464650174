/**
 * Build the committed data of the OCR-repair stage:
 *
 * - `src/repair/data/lexicon.json`: the Vietnamese syllables (and a few
 *   acronyms) of the MIT-licensed `@cspell/dict-vi-vn` word list, lower case,
 *   canonical tone placement;
 * - `src/repair/data/background.json`: the usage examples of the
 *   MIT-licensed `@vntk/dictionary` (a Vietnamese dictionary) as the
 *   language model counts them (the distinct units, and the paragraphs as
 *   indices into them): general Vietnamese it learns beside the corpus.
 *   Units, not text, so that training does not tokenize 1.7 MB each time;
 *   rebuild after a change to the tokenizer or the units;
 * - `src/repair/data/channel.json`: how often each letter was read as each
 *   string. First learned by hard EM over (clean, OCR) line pairs that
 *   `scripts/repair-render-ocr.py` made by rendering the clean corpus
 *   documents and reading them back with Tesseract's English model
 *   (`fixtures/repair/tesseract-pairs.jsonl`); then adapted, unsupervised,
 *   to the damage of the corpus's own OCR documents (`corpus/*.ocr.txt`):
 *   repair them with a model trained on the clean documents, count how the
 *   confident repairs were read, add the counts, repeat. No gold is read.
 *
 * Run: `npx tsx scripts/repair-build-data.ts`.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {gunzipSync} from 'node:zlib'
import {importTrie, iteratorTrieWords} from 'cspell-trie-lib'
import {isSyllable} from '../src/ingest/index.js'
import {align, createChannel, type ChannelTable} from '../src/repair/lib/channel.js'
import {trainRepairModel} from '../src/repair/lib/model.js'
import {repairText} from '../src/repair/lib/repair.js'
import {canonicalTone, fold} from '../src/repair/lib/text.js'
import {tokenize} from '../src/repair/lib/tokenize.js'
import {buildBackground, cleanDocuments, readTesseractPairs, root} from './repair-corpus.js'

const clean = cleanDocuments
// Weight of a letter read in the corpus's OCR against one in the synthetic pairs.
const documentWeight = 3
const rounds = 3

lexicon()
background()
const synthetic = channel()
adapt(synthetic)

/** Write the syllable list. */
function lexicon(): void {
  const text = gunzipSync(readFileSync(new URL('node_modules/@cspell/dict-vi-vn/vi.trie.gz', root))).toString('utf8')
  const trie = importTrie(text.split('\n'))
  const words = new Set<string>()
  for (const word of iteratorTrieWords(trie)) {
    const value = word.normalize('NFC')
    if (!/^[\p{L}]+$/u.test(value) || value.length > 8) continue
    const lower = value.toLowerCase()
    // Keep syllables and acronyms (`HĐND`); drop foreign words (`Telex`).
    if (isSyllable(lower) || value === value.toUpperCase()) words.add(canonicalTone(lower))
  }
  const data = {
    _source:
      'Lower-case syllables and acronyms of @cspell/dict-vi-vn 3.0.6 (MIT, streetsidesoftware/cspell-dicts), tone marks placed canonically; built by scripts/repair-build-data.ts.',
    words: [...words].sort()
  }
  writeFileSync(new URL('src/repair/data/lexicon.json', root), JSON.stringify(data, null, 0) + '\n')
  console.log('lexicon', data.words.length)
}

/** Write the units of the dictionary's example sentences. */
function background(): void {
  const data = buildBackground()
  writeFileSync(new URL('src/repair/data/background.json', root), JSON.stringify(data, null, 0) + '\n')
  console.log('background', data.ends.length)
}

/**
 * Learn the channel counts from the synthetic pairs.
 *
 * @returns
 *   Counts.
 */
function channel(): ChannelTable {
  const pairs: Array<[string, string]> = []
  const codePairs: Array<[string, string]> = []
  for (const [clean, ocr] of readTesseractPairs()) {
    for (const [word, observed] of pairUp(words(clean), words(ocr))) {
      if (isSyllable(word)) pairs.push([word, observed])
    }
    codePairs.push(...pairCodes(clean, ocr))
  }
  console.log('word pairs', pairs.length, 'code pairs', codePairs.length)
  const codes = learn(codePairs, 4)

  const emissions = learn(pairs, 4)
  return {_source: '', emissions, codes}
}

/**
 * Hard EM: align each pair with the current counts, count the steps, repeat.
 *
 * @param pairs
 *   True and observed strings.
 * @param rounds
 *   Rounds.
 * @returns
 *   Counts per true letter and reading, sorted.
 */
function learn(pairs: Array<[string, string]>, rounds: number): Record<string, Record<string, number>> {
  let counts: Record<string, Record<string, number>> = {}
  for (let round = 0; round < rounds; round++) {
    const model = createChannel({_source: '', emissions: counts}, [])
    const next: Record<string, Record<string, number>> = {}
    let total = 0
    for (const [word, observed] of pairs) {
      const {cost, steps} = align(model, word, observed)
      // Pairs the channel cannot explain are misalignments, not damage.
      if (cost > 4 + 2.5 * word.length) continue
      total += cost
      for (const step of steps) {
        const row = (next[step.glyph] ??= {})
        row[step.read] = (row[step.read] ?? 0) + 1
      }
    }
    counts = next
    console.log('round', round, 'mean cost', (total / Math.max(pairs.length, 1)).toFixed(3))
  }
  const sorted: Record<string, Record<string, number>> = {}
  for (const glyph of Object.keys(counts).sort()) {
    const row = counts[glyph] ?? {}
    sorted[glyph] = Object.fromEntries(Object.entries(row).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
  }
  return sorted
}

/**
 * Kind and issuer of each code of a clean line with what OCR read there
 * (matched by the code's number), case kept.
 *
 * @param clean
 *   Clean line.
 * @param ocr
 *   Its OCR reading.
 * @returns
 *   Pairs such as `QĐ/TW` → `OB/TW`.
 */
function pairCodes(clean: string, ocr: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const match of clean.matchAll(/(\d+)-([A-Za-zĐđ]+\/[A-ZĐ]+)/gu)) {
    const number = match[1] ?? ''
    const found = new RegExp('(?:^|\\s)' + number + ' ?- ?(\\S+?)[,.;)]*(?=\\s|$)', 'u').exec(ocr)
    if (found?.[1]) pairs.push([match[2] ?? '', found[1]])
  }
  return pairs
}

/**
 * Adapt the synthetic counts to the corpus's OCR documents and write them.
 *
 * @param synthetic
 *   Counts from the synthetic pairs.
 */
function adapt(synthetic: ChannelTable): void {
  const model = trainRepairModel({texts: clean.map((path) => readFileSync(new URL(path, root), 'utf8'))})
  const damaged = readdirSync(new URL('corpus/', root))
    .filter((name) => name.endsWith('.ocr.txt'))
    .sort()
    .map((name) => readFileSync(new URL('corpus/' + name, root), 'utf8').normalize('NFC'))
  let table = synthetic
  for (let round = 0; round < rounds; round++) {
    const current = {...model, channel: table}
    const scoring = createChannel(table, model.letters)
    const counts: Record<string, Record<string, number>> = {}
    let used = 0
    for (const text of damaged) {
      const result = repairText({value: text, model: current})
      const changes = new Map(result.changes.map((change) => [change.offset, change]))
      for (const token of tokenize(text)) {
        if (token.kind !== 'word') continue
        const change = changes.get(token.offset)
        const word = (change ? change.repair : token.value).toLowerCase()
        // Only confident repairs, and kept tokens that are Vietnamese words.
        if (change ? change.confidence < 0.9 : !isSyllable(word)) continue
        if (!isSyllable(word)) continue
        used++
        for (const step of align(scoring, word, token.value.toLowerCase()).steps) {
          const row = (counts[step.glyph] ??= {})
          row[step.read] = (row[step.read] ?? 0) + documentWeight
        }
      }
    }
    const emissions: Record<string, Record<string, number>> = {}
    for (const glyph of [...new Set([...Object.keys(synthetic.emissions), ...Object.keys(counts)])].sort()) {
      const row: Record<string, number> = {...synthetic.emissions[glyph]}
      for (const [read, count] of Object.entries(counts[glyph] ?? {})) row[read] = (row[read] ?? 0) + count
      emissions[glyph] = Object.fromEntries(Object.entries(row).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
    }
    table = {_source: '', emissions, codes: synthetic.codes ?? {}}
    console.log('adaptation round', round, 'tokens', used)
  }
  const data: ChannelTable = {
    _source:
      'Counts of true letter → OCR reading. Learned by hard EM over Tesseract (eng) readings of the clean corpus documents rendered in DejaVu fonts (fixtures/repair/tesseract-pairs.jsonl), plus, with weight ' +
      documentWeight +
      ', the readings of confident repairs of the corpus OCR documents (corpus/*.ocr.txt; unsupervised, ' +
      rounds +
      ' rounds). Built by scripts/repair-build-data.ts. No eval gold.',
    emissions: table.emissions,
    codes: synthetic.codes ?? {},
    synthetic: synthetic.emissions
  }
  writeFileSync(new URL('src/repair/data/channel.json', root), JSON.stringify(data, null, 1) + '\n')
}

/**
 * @param value
 *   Line.
 * @returns
 *   Lower-case word tokens of the line.
 */
function words(value: string): string[] {
  return tokenize(value)
    .filter((token) => token.kind === 'word' || token.kind === 'number')
    .map((token) => token.value.toLowerCase())
}

/**
 * Pair the words of a clean line with those of its OCR reading by an
 * alignment on folded forms; only one-to-one matches are kept.
 *
 * @param source
 *   Clean words.
 * @param read
 *   OCR words.
 * @returns
 *   Pairs.
 */
function pairUp(source: string[], read: string[]): Array<[string, string]> {
  const rows = source.length + 1
  const columns = read.length + 1
  const cost = new Float64Array(rows * columns)
  const gap = 0.8
  for (let row = 0; row < rows; row++) cost[row * columns] = row * gap
  for (let column = 0; column < columns; column++) cost[column] = column * gap
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      cost[row * columns + column] = Math.min(
        (cost[(row - 1) * columns + column - 1] ?? 0) + distance(source[row - 1] ?? '', read[column - 1] ?? ''),
        (cost[(row - 1) * columns + column] ?? 0) + gap,
        (cost[row * columns + column - 1] ?? 0) + gap
      )
    }
  }
  const pairs: Array<[string, string]> = []
  let row = source.length
  let column = read.length
  while (row > 0 && column > 0) {
    const here = cost[row * columns + column] ?? 0
    const substitution = distance(source[row - 1] ?? '', read[column - 1] ?? '')
    if (Math.abs(here - ((cost[(row - 1) * columns + column - 1] ?? 0) + substitution)) < 1e-9) {
      if (substitution < 0.7) pairs.push([source[row - 1] ?? '', read[column - 1] ?? ''])
      row--
      column--
    } else if (Math.abs(here - ((cost[(row - 1) * columns + column] ?? 0) + gap)) < 1e-9) row--
    else column--
  }
  return pairs.reverse()
}

/**
 * @param a
 *   Clean word.
 * @param b
 *   OCR word.
 * @returns
 *   Levenshtein distance of the folded forms over the longer length.
 */
function distance(a: string, b: string): number {
  const x = fold(a)
  const y = fold(b)
  let previous = Array.from({length: y.length + 1}, (_, index) => index)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1))
      )
    }
    previous = current
  }
  return (previous[y.length] ?? 0) / Math.max(x.length, y.length, 1)
}
