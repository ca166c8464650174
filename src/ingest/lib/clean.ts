/**
 * Layout clean-up on blocks. Each step is reported as an info message on the
 * file with the place and the text it removed or joined, so an editor can
 * see and undo it: word-processor markers, footnotes wedged into the body,
 * paragraphs split by a page break.
 */
import type {VFile} from 'vfile'
import type {Block, Position} from '../../types.js'
import words from '../data/layout.json' with {type: 'json'}
import {label} from './markdown.js'
import {collapse, toBareKey} from './normalize.js'

/** Result of cleaning. */
export interface Cleaned {
  /** Body blocks. */
  blocks: Block[]
  /** Footnotes lifted out of the body. */
  footnotes: Block[]
}

const bookmark = /\[bookmark:[^\]]*\]/g
const footnoteRef = /\[footnoteRef:(\d+)\]/g
/** A word-processor export puts the footnote text inline as `[1:  text]`. */
const inlineFootnote = /\s*\[(\d+):\s+([^\]]*)\]/g
const brace = /^[{}]\s*/
/** Text that ends a sentence or a heading line with its own punctuation. */
const closed = /[.:;!?…][)"”»’*]*$/
/** Starts of blocks that are never the continuation of a paragraph. */
const opener = /^(?:[IVXLC]+\s*[.:]\s|\d+(?:\.\d+)*\s*[.:)]\s|[a-zđ]\)\s|[-–—•+*]\s|\(\d+\)\s)/u
const connectives = new Set(words.connectives)

/**
 * Clean blocks.
 *
 * @param blocks
 *   Blocks from the Markdown or text reader.
 * @param file
 *   File to report on.
 * @returns
 *   Body blocks and footnotes.
 */
export function cleanBlocks(blocks: Block[], file: VFile): Cleaned {
  const footnotes: Block[] = []
  const body: Block[] = []
  const anchors = new Set<string>()
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    if (!block) continue
    if (block.kind === 'rule') {
      const next = blocks[index + 1]
      const lead = next ? footnoteLabel(next, anchors) : null
      if (next && lead) {
        report(file, 'Unexpected footnote `' + lead + '` in the body, expected it at its anchor', block.position, 'lift-footnote', next.text)
        // The number that opens the note is its marker, not its text.
        const opening = /^(?:\(\d{1,2}\)|\d{1,2})\s+/.exec(next.text)
        footnotes.push({...next, kind: 'footnote', label: lead, marker: opening ? opening[0].trim() : next.marker, text: opening ? next.text.slice(opening[0].length) : next.text})
        index++
      } else {
        report(file, 'Unexpected layout rule `' + block.text + '`, expected text', block.position, 'drop-rule', block.text)
        // A rule ends what comes before it: never join across it.
        body.push(block)
      }
      continue
    }
    const clean = scrub(block, file, footnotes)
    for (const anchor of clean.anchors) anchors.add(anchor)
    if (clean.text || clean.marker) body.push(clean)
  }
  return {blocks: join(body, file).filter((block) => block.kind !== 'rule'), footnotes}
}

/**
 * Remove inline debris from one block.
 *
 * @param block
 *   Block.
 * @param file
 *   File to report on.
 * @param footnotes
 *   Footnotes to add to.
 * @returns
 *   Clean block.
 */
function scrub(block: Block, file: VFile, footnotes: Block[]): Block {
  let text = block.text
  const anchors = [...block.anchors]
  // Bookmarks, inline footnotes and footnote markers all hold a `[`: most
  // blocks have none, and these searches are slow on long text.
  if (text.includes('[')) {
    if (bookmark.test(text)) {
      report(file, 'Unexpected word-processor bookmark, expected text', block.position, 'drop-bookmark', text.match(bookmark)?.join('') ?? '')
      text = text.replace(bookmark, '')
    }
    for (const match of text.matchAll(inlineFootnote)) {
      const lead = match[1] ?? ''
      report(file, 'Unexpected footnote `' + lead + '` in the body, expected it at its anchor', block.position, 'lift-footnote', match[0])
      footnotes.push({...block, kind: 'footnote', text: (match[2] ?? '').trim(), label: lead, marker: null, anchors: []})
    }
    text = text.replace(inlineFootnote, '')
    text = text.replace(footnoteRef, (_, lead: string) => {
      anchors.push(lead)
      report(file, 'Unexpected footnote marker `[footnoteRef:' + lead + ']`, expected an anchor', block.position, 'anchor-footnote', '[footnoteRef:' + lead + ']')
      return '(' + lead + ')'
    })
  }
  if (brace.test(text)) {
    report(file, 'Unexpected layout brace, expected text', block.position, 'drop-brace', text.match(brace)?.[0] ?? '')
    text = text.replace(brace, '')
  }
  // The readers collapse white space: only a text changed here needs it again.
  return {...block, text: text === block.text ? text : collapse(text), anchors}
}

/**
 * Label of a footnote block: it starts with an anchor seen earlier (`(1)`).
 *
 * @param block
 *   Candidate block.
 * @param anchors
 *   Anchors seen so far.
 * @returns
 *   Label, or null.
 */
function footnoteLabel(block: Block, anchors: Set<string>): string | null {
  // After a rule, a note numbered `(1)` is a footnote even where plain text
  // lost the superscript that marked its anchor.
  const match = /^\(?(\d{1,2})\)?\s/.exec(block.text)
  const lead = match ? label(match[1] ?? '') : block.anchors[0]
  return lead && (anchors.has(lead) || block.anchors[0] === lead || /^\(\d/.test(block.text)) ? lead : null
}

/**
 * Join paragraphs that a page break split: the first does not end its
 * sentence and the second does not begin a new one.
 *
 * @param blocks
 *   Body blocks.
 * @param file
 *   File to report on.
 * @returns
 *   Blocks.
 */
function join(blocks: Block[], file: VFile): Block[] {
  const result: Block[] = []
  for (const block of blocks) {
    const previous = result.at(-1)
    if (previous && previous.kind !== 'rule' && block.kind !== 'rule' && broken(previous, block)) {
      report(file, 'Unexpected paragraph break inside a sentence, expected one paragraph', block.position, 'join-paragraph', '')
      result[result.length - 1] = {
        ...previous,
        text: previous.text + ' ' + block.text,
        position: {start: previous.position.start, end: block.position.end},
        anchors: [...previous.anchors, ...block.anchors]
      }
      continue
    }
    result.push(block)
  }
  return result
}

/**
 * Whether `next` continues the sentence that `previous` left open.
 *
 * @param previous
 *   Earlier block.
 * @param next
 *   Later block.
 * @returns
 *   Whether to join them.
 */
function broken(previous: Block, next: Block): boolean {
  if (next.marker || opener.test(next.text) || closed.test(previous.text)) return false
  if (!/\p{Ll}/u.test(previous.text)) return false
  const last = toBareKey(previous.text).split(' ').at(-1) ?? ''
  return /^[\p{Ll}\d(]/u.test(next.text) || connectives.has(last)
}

/**
 * Report a clean-up step.
 *
 * @param file
 *   File.
 * @param reason
 *   Message.
 * @param place
 *   Where.
 * @param ruleId
 *   Rule id.
 * @param actual
 *   Text removed or changed, to undo the step.
 */
function report(file: VFile, reason: string, place: Position, ruleId: string, actual: string): void {
  const message = file.info(reason, {place, ruleId, source: 'doichieu'})
  message.actual = actual
}
