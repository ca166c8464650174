/**
 * Blocks to the document tree: hierarchy from numbering, a role for each part
 * and group from its title, closing blocks apart, stable ids from the path.
 */
import type {VFile} from 'vfile'
import {toBareKey} from '../../ingest/index.js'
import type {Block, DocNode, NodeKind, Position} from '../../types.js'
import data from '../data/document.json' with {type: 'json'}
import {classify, ranks, romanValue, toRoman, type Classified} from './classify.js'
import {roleOf} from './role.js'

/** Kinds that hold a numbered heading. */
const headed = new Set<NodeKind>(['part', 'group', 'item', 'point', 'header'])
const dateline = /\bngay \d{1,2} thang \d{1,2} nam \d{4}\b/
/** Length of the longest word that opens the recipients. */
const recipientsLength = Math.max(...data.recipients.map((word) => word.length))

/**
 * Build the document tree from clean blocks.
 *
 * @param options
 *   Blocks, footnotes and the file to report on.
 * @returns
 *   Root node.
 */
export function buildTree(options: {blocks: Block[]; footnotes: Block[]; file: VFile}): DocNode {
  const {blocks, footnotes, file} = options
  const root = makeNode('root', null, null, null, '', {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}})
  const first = blocks[0]
  const last = blocks.at(-1)
  if (first && last) {
    root.position = {start: first.position.start, end: last.position.end}
    root.line = first.position.start.line
    root.column = first.position.start.column
  }
  const stack: DocNode[] = [root]
  const rankOf = new Map<DocNode, number>([[root, 0]])
  const hasParts = blocks.some((block) => classify(block).kind === 'part')
  let started = false
  let closing: DocNode | null = null
  let lastPart = 0

  for (const block of blocks) {
    if (!closing && started && opensRecipients(block.text)) {
      closing = makeNode('closing', null, null, null, '', block.position)
      root.children.push(closing)
    }
    if (closing) {
      addClosing(closing, block, toBareKey(block.text))
      continue
    }
    let classified = classify(block)
    if (classified.kind === 'part') lastPart = romanValue(classified.numValue ?? '')
    // OCR turns `III.` into `1.`: a capitalised title after part II is the next part.
    if (hasParts && classified.kind === 'group' && lastPart > 0 && restarts(stack, classified) && isCapitalised(classified.rest) && roleOf(classified.rest) !== null) {
      const expected = toRoman(lastPart + 1)
      file.message('Unexpected `' + (classified.num ?? '') + '` before a capitalised part title, expected `' + expected + '.`', {
        place: block.position,
        ruleId: 'part-numbering',
        source: 'doichieu'
      })
      classified = {...classified, kind: 'part', numValue: expected, rank: ranks.part ?? 1}
      lastPart++
    }
    if (!started && classified.kind !== 'part') {
      root.children.push(preamble(block, toBareKey(block.text), root.children))
      continue
    }
    started = true
    if (classified.kind === 'paragraph') {
      let top = stack.at(-1) ?? root
      while (stack.length > 1 && (top.kind === 'bullet' || top.kind === 'subbullet') && !top.text.endsWith(':')) {
        stack.pop()
        top = stack.at(-1) ?? root
      }
      top.children.push(makeNode('paragraph', null, null, null, block.text, block.position))
      continue
    }
    while (stack.length > 1 && (rankOf.get(stack.at(-1) ?? root) ?? 0) >= classified.rank) stack.pop()
    const parent = stack.at(-1) ?? root
    const node = fromClassified(classified, block)
    checkSequence(parent, node, file, block.position)
    parent.children.push(node)
    stack.push(node)
    rankOf.set(node, classified.rank)
  }
  for (const footnote of footnotes) {
    root.children.push(makeNode('footnote', footnote.marker ?? footnote.label, footnote.label, null, footnote.text, footnote.position))
  }
  assignIds(root, '')
  return root
}

/**
 * Whether a block of the body opens the recipients (`Nơi nhận:`).
 *
 * @param text
 *   Text of the block.
 * @returns
 *   Whether it does.
 */
function opensRecipients(text: string): boolean {
  // The start of the key is enough, and most blocks are long paragraphs: a
  // key is written left to right and never takes back what it wrote, so the
  // key of the start of a text is the start of its key.
  let key = ''
  for (let size = 4 * recipientsLength; key.length < recipientsLength; size *= 2) {
    // Never cut a surrogate pair in two.
    const end = (text.charCodeAt(size - 1) & 0xfc00) === 0xd800 ? size + 1 : size
    key = toBareKey(text.slice(0, end))
    if (end >= text.length) break
  }
  return data.recipients.some((word) => key.startsWith(word))
}

/**
 * Node for a block before the first part: the place and date line, the
 * title (capitalised, or continuing a title), or an opening paragraph.
 *
 * @param block
 *   Block.
 * @param key
 *   Its bare key.
 * @param siblings
 *   Nodes already in the preamble.
 * @returns
 *   Node.
 */
function preamble(block: Block, key: string, siblings: DocNode[]): DocNode {
  if (dateline.test(key) && block.text.length < 120) return makeNode('dateline', null, null, null, block.text, block.position)
  const previous = siblings.at(-1)
  // A subtitle goes on in lower case, with a linking word, or with a
  // capitalised phrase of its own (`HỘI NGHỊ BAN CHẤP HÀNH … về …`).
  const continues =
    previous?.kind === 'title' &&
    block.text.length < 300 &&
    !block.text.endsWith(':') &&
    (/^\p{Ll}/u.test(block.text) || data.subtitle.some((word) => key.startsWith(word)) || /^\p{Lu}+\s+\p{Lu}+\s/u.test(block.text))
  if ((isCapitalised(block.text) && block.text.length < 200 && !siblings.some((node) => node.kind === 'paragraph')) || continues) {
    return makeNode('title', null, null, null, block.text, block.position)
  }
  return makeNode('paragraph', null, null, null, block.text, block.position)
}

/**
 * Add a block of the closing: recipients, then signature lines.
 *
 * @param closing
 *   Closing node.
 * @param block
 *   Block.
 * @param key
 *   Its bare key.
 */
function addClosing(closing: DocNode, block: Block, key: string): void {
  const last = closing.children.at(-1)
  if (data.recipients.some((word) => key.startsWith(word))) {
    closing.children.push(makeNode('recipients', null, null, block.text, '', block.position))
    return
  }
  const signature = data.signature.some((word) => key === word || key.startsWith(word + ' '))
  if (signature || last?.kind === 'signature') {
    if (signature || !last) closing.children.push(makeNode('signature', null, null, null, block.text, block.position))
    else last.children.push(makeNode('paragraph', null, null, null, block.text, block.position))
    return
  }
  const parent = last?.kind === 'recipients' ? last : closing
  const classified = classify(block)
  const kind = classified.kind === 'bullet' ? 'bullet' : 'paragraph'
  parent.children.push(makeNode(kind, classified.kind === 'bullet' ? classified.num : null, null, null, classified.kind === 'bullet' ? classified.rest : block.text, block.position))
}

/**
 * Node from a classified block, with its heading split from its text.
 *
 * @param classified
 *   Classification.
 * @param block
 *   Block.
 * @returns
 *   Node.
 */
function fromClassified(classified: Classified, block: Block): DocNode {
  let heading: string | null = null
  let text = classified.rest
  if (headed.has(classified.kind)) {
    const colon = text.indexOf(': ')
    if (colon > 0 && colon <= 100 && !/[.;]/.test(text.slice(0, colon))) {
      heading = text.slice(0, colon)
      text = text.slice(colon + 2)
    } else if (/:$/.test(text) && text.length <= 160) {
      heading = text.slice(0, -1)
      text = ''
    } else if (!/[.;]\W*$/.test(text) && text.length <= 300) {
      heading = text
      text = ''
    }
  }
  const node = makeNode(classified.kind, classified.num, classified.numValue, heading, text, block.position)
  if (classified.kind === 'part' || classified.kind === 'group' || classified.kind === 'item') node.role = roleOf(heading ?? text)
  return node
}

/**
 * Report a skipped or repeated number among numbered siblings.
 *
 * @param parent
 *   Parent node.
 * @param node
 *   New child.
 * @param file
 *   File to report on.
 * @param place
 *   Where.
 */
function checkSequence(parent: DocNode, node: DocNode, file: VFile, place: Position): void {
  if (!node.numValue || node.kind === 'point' || node.kind === 'header') return
  const previous = [...parent.children].reverse().find((child) => child.kind === node.kind && child.numValue)
  const current = ordinal(node)
  const before = previous ? ordinal(previous) : 0
  if (current === null || before === null) return
  if (current !== before + 1) {
    file.message('Unexpected number `' + (node.num ?? '') + '`, expected ' + (before + 1), {place, ruleId: 'number-sequence', source: 'doichieu'})
  }
}

/**
 * Position of a numbered node among its siblings (last component of `2.3`).
 *
 * @param node
 *   Node.
 * @returns
 *   Ordinal, or null.
 */
function ordinal(node: DocNode): number | null {
  const value = node.numValue ?? ''
  if (node.kind === 'part') return romanValue(value) || null
  const last = Number.parseInt(value.split('.').at(-1) ?? '', 10)
  return Number.isNaN(last) ? null : last
}

/**
 * Whether a group number goes back to one already used in the current part.
 *
 * @param stack
 *   Open nodes.
 * @param classified
 *   The group.
 * @returns
 *   Whether the numbering restarts.
 */
function restarts(stack: DocNode[], classified: Classified): boolean {
  const part = [...stack].reverse().find((node) => node.kind === 'part')
  const value = Number.parseInt(classified.numValue ?? '', 10)
  return Boolean(part?.children.some((child) => child.kind === 'group' && Number.parseInt(child.numValue ?? '', 10) >= value))
}

/**
 * Whether text is a capitalised title (most letters upper case).
 *
 * @param value
 *   Text.
 * @returns
 *   Whether it is.
 */
function isCapitalised(value: string): boolean {
  const letters = value.match(/\p{L}/gu) ?? []
  if (letters.length < 4) return false
  const upper = letters.filter((char) => char === char.toUpperCase() && char !== char.toLowerCase()).length
  return upper / letters.length > 0.8
}

/**
 * Make a node; `id` is set later from its place.
 *
 * @param kind
 *   Kind.
 * @param num
 *   Numbering as written.
 * @param numValue
 *   Normalised numbering.
 * @param heading
 *   Heading.
 * @param text
 *   Text.
 * @param position
 *   Place.
 * @returns
 *   Node.
 */
function makeNode(kind: NodeKind, num: string | null, numValue: string | null, heading: string | null, text: string, position: Position): DocNode {
  return {kind, id: '', num, numValue, heading, text, role: null, line: position.start.line, column: position.start.column, position, children: []}
}

/**
 * Give every node an id from its path, Akoma Ntoso style
 * (`part_III__group_2__bullet_3`): numbered nodes by their number, others by
 * their ordinal among siblings of the same kind; repeats get a suffix.
 *
 * @param node
 *   Node.
 * @param prefix
 *   Id of the parent, or empty for the root.
 */
function assignIds(node: DocNode, prefix: string): void {
  node.id = prefix || 'root'
  const seen = new Map<string, number>()
  const counts = new Map<NodeKind, number>()
  for (const child of node.children) {
    const count = (counts.get(child.kind) ?? 0) + 1
    counts.set(child.kind, count)
    const name = child.numValue ? child.numValue.replace(/\./g, '-') : String(count)
    let segment = shortKind(child.kind) + '_' + name
    const repeat = (seen.get(segment) ?? 0) + 1
    seen.set(segment, repeat)
    if (repeat > 1) segment += '-' + repeat
    assignIds(child, prefix ? prefix + '__' + segment : segment)
  }
}

/**
 * Id word for a kind.
 *
 * @param kind
 *   Kind.
 * @returns
 *   Word.
 */
function shortKind(kind: NodeKind): string {
  return kind === 'paragraph' ? 'para' : kind
}
