/**
 * What the repair scripts (`repair-build-data.ts`, `bench-repair.ts`) read
 * of the repository: the clean corpus documents, in the order the README's
 * rendering command gives them, and the Tesseract readings of those
 * documents.
 */
import {readFileSync} from 'node:fs'

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
