/**
 * What the repair scripts (`repair-build-data.ts`, `bench-repair.ts`) read
 * of the repository: the clean corpus documents, in the order the README's
 * rendering command gives them, the Tesseract readings of those documents,
 * and the general Vietnamese of the background language model.
 */
import {readFileSync} from 'node:fs'
import {tokenize} from '../src/repair/lib/tokenize.js'
import {trainingUnits} from '../src/repair/lib/vocabulary.js'

/** The repository's root. */
export const root = new URL('../', import.meta.url)

/** The clean corpus documents, relative to the root. */
export const cleanDocuments = [
  'corpus/ha-tinh.ctr-28-nq-tw.md',
  'corpus/binh-thuan.ctr-28-nq-tw.md',
  'corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt',
  'corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt'
]

/**
 * The (clean, OCR) line pairs of `fixtures/repair/tesseract-pairs.jsonl`,
 * NFC, in file order.
 *
 * @returns
 *   Pairs.
 */
export function readTesseractPairs(): Array<[string, string]> {
  return readFileSync(new URL('fixtures/repair/tesseract-pairs.jsonl', root), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const {clean, ocr} = JSON.parse(line) as {clean: string; ocr: string}
      return [clean.normalize('NFC'), ocr.normalize('NFC')]
    })
}

/** The data of `src/repair/data/background.json`. */
export interface BackgroundData {
  /** Where it comes from. */
  _source: string
  /** Distinct units, in order of first use. */
  units: string[]
  /** Where each paragraph ends in `sequence` (exclusive). */
  ends: number[]
  /** The paragraphs laid end to end, as indices into `units`. */
  sequence: number[]
}

/**
 * The units the language model counts in the usage examples of
 * `@vntk/dictionary` (MIT), in the order of the dictionary: general
 * Vietnamese beside the corpus. Kept as units, not text, so that training
 * does not tokenize 1.7 MB each time.
 *
 * @returns
 *   Data.
 */
export function buildBackground(): BackgroundData {
  const entries = JSON.parse(readFileSync(new URL('node_modules/@vntk/dictionary/data/dictionary.json', root), 'utf8')) as Record<
    string,
    Array<{example?: string}>
  >
  const examples = new Set<string>()
  for (const senses of Object.values(entries)) {
    for (const sense of senses) {
      // One field holds several examples, parted by `~`.
      for (const example of (sense.example ?? '').split('~')) examples.add(example.normalize('NFC').trim())
    }
  }
  const units = new Map<string, number>()
  const sequence: number[] = []
  const ends: number[] = []
  for (const example of examples) {
    for (const paragraph of trainingUnits(tokenize(example))) {
      for (const unit of paragraph) {
        if (!units.has(unit)) units.set(unit, units.size)
        sequence.push(units.get(unit) ?? 0)
      }
      ends.push(sequence.length)
    }
  }
  return {
    _source:
      'Units (lower-case syllables, punctuation, <num>, <code>) of the usage examples of @vntk/dictionary 1.0.0 (MIT, github.com/vntk/dictionary), in the order of the dictionary: the distinct units, then the paragraphs laid end to end as indices into them (sequence) and where each ends (ends); built by scripts/repair-build-data.ts.',
    units: [...units.keys()],
    ends,
    sequence
  }
}
