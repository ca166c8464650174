/**
 * Markdown to blocks: parse with remark into mdast, then flatten every leaf
 * block to its text. Typography (heading depth, bold, italic) is kept only as
 * information; hierarchy is read later from the numbering.
 */
import type {Nodes, Parent, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Block, Point} from '../../types.js'
import {collapse} from './normalize.js'

/** Text of one piece of a paragraph between hard breaks. */
interface Piece {
  text: string
  start: Point | null
  end: Point | null
  anchors: string[]
}

/**
 * The last parse's compile context, kept until the next parse. V8 drops a
 * closure's optimised code at a full collection once no closure that ran it
 * is alive, and micromark and mdast-util-from-markdown make their closures
 * anew for every document: a worker compiled the parser again every few
 * documents. The context holds the compiler's closures and, through
 * `sliceSerialize`, those of a tokenizer.
 */
const retained: {context?: unknown} = {}

const processor = unified()
  .use(remarkParse)
  // Blank lines are in nearly every document, and they make no mdast node.
  .data('fromMarkdownExtensions', [
    {
      exit: {
        lineEndingBlank(this: unknown) {
          retained.context = this
        }
      }
    }
  ])

/**
 * Read Markdown into blocks.
 *
 * @param value
 *   Markdown text (NFC).
 * @returns
 *   Blocks in source order.
 */
export function blocksFromMarkdown(value: string): Block[] {
  const tree = processor.parse(value) as Root
  const blocks: Block[] = []
  for (const child of tree.children) one(child, value, blocks, null)
  return blocks
}

/**
 * Flatten one mdast node into blocks.
 *
 * @param node
 *   Node.
 * @param value
 *   Source text, to read list markers that mdast does not keep.
 * @param blocks
 *   Blocks to add to.
 * @param marker
 *   List marker for the first block of this node, if any.
 */
function one(node: Nodes, value: string, blocks: Block[], marker: string | null): void {
  const position = node.position
  if (!position) return
  switch (node.type) {
    case 'thematicBreak': {
      blocks.push(block('rule', value.slice(position.start.offset ?? 0, position.end.offset ?? 0).trim(), toPoint(position.start), toPoint(position.end), null, null, []))
      return
    }
    case 'heading':
    case 'paragraph': {
      const depth = node.type === 'heading' ? node.depth : null
      let first = true
      for (const piece of pieces(node)) {
        const text = collapse(piece.text)
        if (!text) continue
        blocks.push(block('text', text, piece.start ?? toPoint(position.start), piece.end ?? toPoint(position.end), first ? marker : null, depth, piece.anchors))
        first = false
      }
      return
    }
    case 'list': {
      for (const item of node.children) {
        const itemStart = item.position?.start.offset ?? 0
        const [head, ...rest] = item.children
        const headStart = head?.position?.start.offset ?? item.position?.end.offset ?? itemStart
        const itemMarker = value.slice(itemStart, headStart).trim() || null
        if (!head) {
          if (itemMarker && item.position) {
            blocks.push(block('text', '', toPoint(item.position.start), toPoint(item.position.end), itemMarker, null, []))
          }
          continue
        }
        one(head, value, blocks, itemMarker)
        for (const child of rest) one(child, value, blocks, null)
      }
      return
    }
    case 'code':
    case 'html': {
      const text = node.type === 'html' ? node.value.replace(/<[^>]*>/g, ' ') : node.value
      const clean = collapse(text)
      if (clean) blocks.push(block('text', clean, toPoint(position.start), toPoint(position.end), marker, null, []))
      return
    }
    default: {
      if ('children' in node && node.type !== 'table') {
        let first = true
        for (const child of (node as Parent).children) {
          one(child as Nodes, value, blocks, first ? marker : null)
          first = false
        }
        return
      }
      const text = collapse(toString(node, {includeHtml: false}))
      if (text) blocks.push(block('text', text, toPoint(position.start), toPoint(position.end), marker, null, []))
    }
  }
}

/**
 * Split a paragraph's inline content at hard breaks and collect footnote
 * anchors written as `<sup>(1)</sup>`.
 *
 * @param node
 *   Paragraph or heading.
 * @returns
 *   Pieces of text.
 */
function pieces(node: Parent): Piece[] {
  const result: Piece[] = []
  let current: Piece = {text: '', start: null, end: null, anchors: []}
  let sup = false
  // A piece's start point is made once, not for every node it holds (its end moves with each).
  const visit = (child: Nodes): void => {
    const position = child.position
    if (child.type === 'break') {
      result.push(current)
      current = {text: '', start: position ? toPoint(position.end) : null, end: null, anchors: []}
      return
    }
    if (!current.start && position) current.start = toPoint(position.start)
    if (child.type === 'html') {
      if (/^<sup>$/i.test(child.value)) sup = true
      else if (/^<\/sup>$/i.test(child.value)) sup = false
      else {
        const inner = /^<sup>(.*)<\/sup>$/i.exec(child.value)
        if (inner?.[1]) {
          current.anchors.push(label(inner[1]))
          current.text += inner[1]
        }
      }
      if (position) current.end = toPoint(position.end)
      return
    }
    if ('children' in child) {
      for (const grandchild of (child as Parent).children) visit(grandchild as Nodes)
      return
    }
    const text = child.type === 'text' ? child.value : toString(child, {includeHtml: false})
    if (sup && text.trim()) current.anchors.push(label(text))
    current.text += text
    if (position) current.end = toPoint(position.end)
  }
  for (const child of node.children) visit(child as Nodes)
  result.push(current)
  return result
}

/**
 * Footnote label from its anchor text: `(1)` → `1`.
 *
 * @param value
 *   Anchor text.
 * @returns
 *   Label.
 */
export function label(value: string): string {
  return value.replace(/[()[\]\s]/g, '')
}

/**
 * Make a block.
 *
 * @param kind
 *   Kind.
 * @param text
 *   Text.
 * @param start
 *   Start.
 * @param end
 *   End.
 * @param marker
 *   List marker.
 * @param depth
 *   Heading depth.
 * @param anchors
 *   Footnote anchors.
 * @returns
 *   Block.
 */
export function block(
  kind: Block['kind'],
  text: string,
  start: Point,
  end: Point,
  marker: string | null,
  depth: number | null,
  anchors: string[]
): Block {
  return {kind, text, position: {start, end}, marker, depth, anchors, label: null}
}

/**
 * unist point with an offset that is always a number.
 *
 * @param point
 *   mdast point.
 * @returns
 *   Point.
 */
function toPoint(point: {line: number; column: number; offset?: number | undefined}): Point {
  return {line: point.line, column: point.column, offset: point.offset ?? 0}
}
