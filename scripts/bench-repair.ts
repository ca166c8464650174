/**
 * Benchmark of the OCR-repair stage (issue 3). Prints a Markdown table:
 *
 * 1. seed 002 dev set: the 120 dev lines repaired alone, and the same lines
 *    when the whole seed 002 document is repaired (as `doichieu repair` does;
 *    the channel adapts to the whole document), scored against the gold;
 * 2. stripped unseen text: each clean document with every diacritic removed,
 *    repaired by a model trained on the other documents only;
 * 3. OCR-damaged unseen text: the same with damage sampled from a letter
 *    model of seed 002's errors, learned here from the dev pairs (the
 *    benchmark may; repair's own models never see the gold), and with the
 *    documents' own Tesseract readings (`fixtures/repair/`, no gold);
 * 4. clean text: share of syllables changed on the clean documents
 *    (leave one out);
 * 5. speed on one core (CPU time, per kind of text) and peak memory.
 *
 * Run: `npm run bench:repair` (or `npx tsx scripts/bench-repair.ts`).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {repairText, scoreSyllables, stripDiacritics, trainRepairModel, type RepairModel} from '../src/repair/index.js'
import {align, createChannel} from '../src/repair/lib/channel.js'
import {tokenize} from '../src/repair/lib/tokenize.js'
import {cleanDocuments, readTesseractPairs, root} from './repair-corpus.js'

const clean = cleanDocuments
const ocrDocument = 'corpus/lam-dong.ctr-28-nq-tw.ocr.txt'
const evalFolder = new URL('../shared/eval/', root)

const read = (path: string | URL): string => readFileSync(typeof path === 'string' ? new URL(path, root) : path, 'utf8').normalize('NFC')
const texts = new Map(clean.map((path) => [path, read(path)]))
const reference = referenceTexts()
const rows: Array<[string, string, string]> = []

// 1. Seed 002 dev set.
{
  const model = trainRepairModel({texts: [...texts.values(), ...reference]})
  const input = read(new URL('lam-dong-ocr.dev-input.txt', evalFolder))
  const gold = read(new URL('lam-dong-ocr.dev-gold.txt', evalFolder))
  const alone = scoreSyllables({gold, repaired: repairText({value: input, model}).value})
  const whole = repairText({value: read(ocrDocument), model}).value.split('\n').slice(0, gold.split('\n').length).join('\n')
  const inDocument = scoreSyllables({gold, repaired: whole})
  const raw = scoreSyllables({gold, repaired: input})
  rows.push(['1. seed 002 dev, 120 lines repaired alone', percent(alone.exact), `${alone.right}/${alone.tokens} (raw OCR ${percent(raw.exact)}); goal ≥ 97%`])
  rows.push(['1. seed 002 dev, lines 1–120 of the whole document repaired', percent(inDocument.exact), `${inDocument.right}/${inDocument.tokens}; goal ≥ 97%`])
  // Ablation: the channel learned from the synthetic Tesseract pairs only,
  // before its unsupervised adaptation to seed 002's own OCR text.
  const synthetic = {...model, channel: {...model.channel, emissions: model.channel.synthetic ?? model.channel.emissions}}
  const ablation = scoreSyllables({gold, repaired: repairText({value: input, model: synthetic}).value})
  rows.push(['1. seed 002 dev alone, channel from synthetic pairs only', percent(ablation.exact), `${ablation.right}/${ablation.tokens}`])
}

// 2–4. Leave one out over the clean documents: each one's model, trained
// on the others, serves every measure of that document, and is dropped
// before the next is trained (four models at once weighed on the peak).
{
  const others = (path: string): string[] => [...texts].filter(([other]) => other !== path).map(([, value]) => value)
  const damage = damageModel()
  const readings = tesseractPairs()
  const stripped: number[] = [0, 0]
  const damaged: number[] = [0, 0]
  const changed: number[] = [0, 0]
  const more: number[] = [0, 0]
  const tesseract: number[] = [0, 0]
  const details: string[] = []
  for (const [path, text] of texts) {
    const model = trainRepairModel({texts: [...others(path), ...reference]})
    const a = scoreSyllables({gold: text, repaired: repairText({value: stripDiacritics(text), model}).value})
    const b = scoreSyllables({gold: text, repaired: repairText({value: damage(text, path.length), model}).value})
    const c = repairText({value: text, model})
    add(stripped, a)
    add(damaged, b)
    changed[0] = (changed[0] ?? 0) + c.changes.length
    changed[1] = (changed[1] ?? 0) + c.syllables
    details.push(`${path.replace('corpus/', '')}: ${percent(a.exact)} / ${percent(b.exact)} / ${c.changes.length} of ${c.syllables}`)
    // The corpus has one more document, seed 002, whose text exists only
    // as OCR: repaired (never scored here), it can join the other
    // documents. It is repaired anew for each held-out document, by a
    // model that never saw that document, so that none of it leaks in
    // through the repair.
    const repaired = repairText({value: read(ocrDocument), model}).value
    const withSeed = trainRepairModel({texts: [...others(path), ...reference, repaired]})
    add(more, scoreSyllables({gold: text, repaired: repairText({value: stripDiacritics(text), model: withSeed}).value}))
    // The same with real OCR and no gold at all: the Tesseract readings of
    // the clean documents (`fixtures/repair/`). The committed channel
    // counts were learned from these very pairs, so the figure flatters
    // the channel; it is the one repair's search constants were chosen on.
    const lines = readings.get(path)
    if (lines) {
      const gold = lines.map(([clean]) => clean).join('\n')
      add(tesseract, scoreSyllables({gold, repaired: repairText({value: lines.map(([, ocr]) => ocr).join('\n'), model}).value}))
    }
  }
  rows.push(['2. stripped unseen text, leave one out', percent(ratio(stripped)), `${stripped[0]}/${stripped[1]}; goal ≥ 98%`])
  rows.push(['2. the same, with repaired seed 002 among the other documents', percent(ratio(more)), `${more[0]}/${more[1]}`])
  rows.push(['3. OCR-damaged unseen text, leave one out', percent(ratio(damaged)), `${damaged[0]}/${damaged[1]}; goal ≥ 95%`])
  rows.push(['3. Tesseract OCR of unseen text, leave one out', percent(ratio(tesseract)), `${tesseract[0]}/${tesseract[1]}`])
  rows.push(['4. clean text: syllables changed', percent(ratio(changed), 3), `${changed[0]}/${changed[1]}; goal ≤ 0.1%`])
  for (const detail of details) rows.push(['   per document (stripped / OCR-damaged / changes)', '', detail])
}

// 5. Speed: CPU time of this process (one thread), a fresh model per run
// so the candidate cache starts empty, then the same text again.
{
  const kinds: Array<[string, string]> = [
    ['clean seeds', [...texts.values()].join('\n\n')],
    ['stripped seeds', [...texts.values()].map((text) => stripDiacritics(text)).join('\n\n')],
    ['seed 002 OCR', read(ocrDocument)]
  ]
  for (const [name, body] of kinds) {
    // Best of three runs: the machine may be shared.
    let cold = {syllables: 0, seconds: Number.POSITIVE_INFINITY, rate: 0}
    let warm = cold
    for (let run = 0; run < 3; run++) {
      const model = trainRepairModel({texts: [...texts.values(), ...reference]})
      const first = timed(model, body)
      const again = timed(model, body)
      if (first.seconds < cold.seconds) cold = first
      if (again.seconds < warm.seconds) warm = again
    }
    rows.push([
      `5. speed, one core, ${name}`,
      `${thousands(cold.rate)} syll/s`,
      `${cold.syllables} syllables in ${cold.seconds.toFixed(2)} s CPU, empty cache; again: ${thousands(warm.rate)} syll/s; goal ≥ 100,000`
    ])
  }
  rows.push(['5. peak memory (resident)', `${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`, 'whole benchmark process'])
}

console.log('| measure | value | detail |')
console.log('|---|---|---|')
for (const [name, value, detail] of rows) console.log(`| ${name} | ${value} | ${detail} |`)

/**
 * @returns
 *   Texts of `corpus/reference/` (the central resolution), if present.
 */
function referenceTexts(): string[] {
  const folder = new URL('corpus/reference/', root)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => /\.(md|txt)$/.test(name))
    .sort()
    .map((name) => read(new URL(name, folder)))
}

/**
 * The Tesseract pairs by document. `scripts/repair-render-ocr.py` wrote
 * each document's lines once per rendering, the documents in the order of
 * `clean` (the order its command in the README gives): a document's block
 * is the run of lines that the next run repeats.
 *
 * @returns
 *   (clean, OCR) lines of each clean document, all its renderings.
 */
function tesseractPairs(): Map<string, Array<[string, string]>> {
  const pairs = readTesseractPairs()
  const repeats = (from: number, period: number): boolean => {
    for (let index = 0; index < period; index++) if (pairs[from + index]?.[0] !== pairs[from + period + index]?.[0]) return false
    return true
  }
  const byDocument = new Map<string, Array<[string, string]>>()
  let from = 0
  for (const path of clean) {
    let period = 1
    while (from + 2 * period <= pairs.length && !repeats(from, period)) period++
    let to = from + period
    while (to + period <= pairs.length && repeats(to - period, period)) to += period
    byDocument.set(path, pairs.slice(from, to))
    from = to
  }
  return byDocument
}

/**
 * @param model
 *   Model.
 * @param value
 *   Text.
 * @returns
 *   Syllables, seconds, and syllables per second.
 */
function timed(model: RepairModel, value: string): {syllables: number; seconds: number; rate: number} {
  const start = process.cpuUsage()
  const result = repairText({value, model})
  const used = process.cpuUsage(start)
  const seconds = (used.user + used.system) / 1e6
  return {syllables: result.syllables, seconds, rate: result.syllables / seconds}
}

/**
 * @param value
 *   Number.
 * @returns
 *   Rounded, with thousands separators.
 */
function thousands(value: number): string {
  return Math.round(value).toLocaleString('en')
}

/**
 * A damage generator with seed 002's error patterns: a letter-level model
 * of what OCR wrote for each gold letter, learned from the dev pairs.
 *
 * @returns
 *   Function damaging a text (deterministic per seed).
 */
function damageModel(): (text: string, seed: number) => string {
  const input = read(new URL('lam-dong-ocr.dev-input.txt', evalFolder)).split('\n')
  const gold = read(new URL('lam-dong-ocr.dev-gold.txt', evalFolder)).split('\n')
  const channel = createChannel({_source: '', emissions: {}}, [])
  const counts = new Map<string, Map<string, number>>()
  for (const [index, line] of gold.entries()) {
    const a = words(line)
    const b = words(input[index] ?? '')
    if (a.length !== b.length) continue
    for (const [position, word] of a.entries()) {
      const observed = b[position] ?? ''
      for (const step of align(channel, word.toLowerCase(), observed.toLowerCase()).steps) {
        let row = counts.get(step.glyph)
        if (!row) {
          row = new Map()
          counts.set(step.glyph, row)
        }
        row.set(step.read, (row.get(step.read) ?? 0) + 1)
      }
    }
  }
  return (text, seed) => {
    let state = seed * 2_654_435_761 + 1
    const random = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
      return state / 2_147_483_648
    }
    let result = ''
    for (const char of text) {
      const lower = char.toLowerCase()
      const row = counts.get(lower)
      if (!row) {
        result += char
        continue
      }
      let total = 0
      for (const count of row.values()) total += count
      let pick = random() * total
      let out = lower
      for (const [value, count] of row) {
        pick -= count
        if (pick <= 0) {
          out = value
          break
        }
      }
      result += char === lower ? out : out.toUpperCase()
    }
    return result
  }
}

/**
 * @param line
 *   Line.
 * @returns
 *   Word tokens.
 */
function words(line: string): string[] {
  return tokenize(line)
    .filter((token) => token.kind === 'word')
    .map((token) => token.value)
}

/**
 * Add a score to a running sum.
 *
 * @param sum
 *   Syllables right and syllables in all, added to.
 * @param score
 *   Score of one text.
 */
function add(sum: number[], score: {right: number; tokens: number}): void {
  sum[0] = (sum[0] ?? 0) + score.right
  sum[1] = (sum[1] ?? 0) + score.tokens
}

/**
 * @param pair
 *   Numerator and denominator.
 * @returns
 *   Ratio.
 */
function ratio(pair: number[]): number {
  return (pair[0] ?? 0) / Math.max(pair[1] ?? 1, 1)
}

/**
 * @param value
 *   Share.
 * @param digits
 *   Decimals.
 * @returns
 *   Percentage.
 */
function percent(value: number, digits = 2): string {
  return (100 * value).toFixed(digits) + '%'
}
