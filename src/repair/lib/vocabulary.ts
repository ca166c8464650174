/**
 * The units the language model counts: reserved symbols, punctuation that
 * carries context, and lower-case words with canonical tone placement.
 */
import {isSyllable} from '../../ingest/index.js'
import {canonicalTone} from './text.js'
import type {Token} from './tokenize.js'

/** Unknown word. */
export const unknownId = 0
/** Any number. */
export const numberId = 3
/** Any document code. */
export const codeId = 4

/** Start of a fragment (a dictionary example, not a sentence). */
export const fragmentStart = 5
/** End of a fragment. */
export const fragmentEnd = 6

/** Reserved symbols, in id order. */
export const reserved: readonly string[] = ['<unk>', '<s>', '</s>', '<num>', '<code>', '<f>', '</f>']

/** Punctuation the language model sees, with the form it is counted as. */
const punctuation = new Map<string, string>([
  [',', ','],
  ['.', '.'],
  [';', ';'],
  [':', ':'],
  ['(', '('],
  [')', ')'],
  ['-', '-'],
  ['–', '-'],
  ['"', '"'],
  ['“', '"'],
  ['”', '"'],
  ['?', '?'],
  ['!', '!'],
  ['%', '%'],
  ['/', '/'],
  ['+', '+']
])

/** Counted forms of punctuation, in id order after the reserved symbols. */
export const punctuationUnits: readonly string[] = [...new Set(punctuation.values())]

/**
 * The unit a punctuation token counts as, or `undefined` when the language
 * model skips it (layout marks such as `*`, `#`, `|`).
 *
 * @param value
 *   Punctuation character.
 * @returns
 *   Unit.
 */
export function punctuationUnit(value: string): string | undefined {
  return punctuation.get(value)
}

/**
 * The unit a word token counts as: lower case, canonical tone placement.
 *
 * @param value
 *   Word as written.
 * @returns
 *   Unit.
 */
export function wordUnit(value: string): string {
  return canonicalTone(value.toLowerCase())
}

/**
 * Units of a clean text, cut into paragraphs (every line break ends one),
 * for training the language model.
 *
 * @param tokens
 *   Tokens of the text.
 * @returns
 *   Units per paragraph.
 */
export function trainingUnits(tokens: Token[]): string[][] {
  const paragraphs: string[][] = []
  let current: string[] = []
  for (const token of tokens) {
    if (token.kind === 'break') {
      if (current.length > 0) paragraphs.push(current)
      current = []
    } else if (token.kind === 'word') {
      if (knownShape(token.value)) current.push(wordUnit(token.value))
      else {
        // A foreign word ends the stretch: `<unk>` must stay unseen, or
        // repair would find keeping OCR debris likely.
        if (current.length > 0) paragraphs.push(current)
        current = []
      }
    }
    else if (token.kind === 'number' || token.kind === 'mark') current.push('<num>')
    else if (token.kind === 'code') current.push('<code>')
    else {
      const unit = punctuationUnit(token.value)
      if (unit) current.push(unit)
    }
  }
  if (current.length > 0) paragraphs.push(current)
  return paragraphs
}

const shapes = new Map<string, boolean>()

/**
 * Whether a word of a training text may enter the vocabulary: a Vietnamese
 * syllable, or an upper-case acronym or Roman numeral (`HĐND`, `XIII`).
 * Anything else (English notes in a reference file, names in Latin script)
 * counts as unknown, so that repair never proposes it.
 *
 * @param value
 *   Word as written.
 * @returns
 *   Whether it is kept.
 */
function knownShape(value: string): boolean {
  let known = shapes.get(value)
  if (known === undefined) {
    known = /^[A-ZĐ]{2,6}$/u.test(value) || (/^\p{L}+$/u.test(value) && isSyllable(value))
    if (shapes.size < 100_000) shapes.set(value, known)
  }
  return known
}

