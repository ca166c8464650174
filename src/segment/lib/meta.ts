/**
 * Document metadata from the tree: kind, issuer, province, date, signer,
 * title and the resolutions it implements. What the text does not say stays
 * `null`; nothing is guessed.
 */
import {toBareKey} from '../../ingest/index.js'
import {growBuffer} from '../../util.js'
import type {DocNode, Meta} from '../../types.js'
import data from '../data/document.json' with {type: 'json'}
import places from '../data/provinces.json' with {type: 'json'}

const date = /\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b/
/** Document codes: `28-NQ/TW`, `08-QĐi/TW`, `117-KH/TU`. */
const code = /\b(\d{1,4})\s*-\s*([A-ZĐ]{1,4}[a-zđ]?)\s*\/\s*([A-ZĐ]{2,4})\b/gu
const provinces = places.provinces.map((name) => ({name, key: toBareKey(name)}))
/** Rows of the edit distance table, reused: distances are taken very often. */
let rows = new Int32Array(256)

/**
 * Read metadata.
 *
 * @param tree
 *   Root node.
 * @returns
 *   Metadata.
 */
export function readMeta(tree: DocNode): Meta {
  let titles = tree.children.filter((node) => node.kind === 'title')
  // The title starts at the line that names the kind of document, after any
  // masthead (`ĐẢNG CỘNG SẢN VIỆT NAM`).
  const start = titles.findIndex((node) => data.kinds.some((entry) => toBareKey(node.text).includes(entry.key)))
  if (start > 0) titles = titles.slice(start)
  const title = titles.map((node) => node.text).join(' ') || null
  const titleKey = toBareKey(title ?? '')
  const kind = data.kinds.find((entry) => titleKey.includes(entry.key))?.kind ?? null
  const line = tree.children.find((node) => node.kind === 'dateline')
  const found = date.exec(toBareKey(line?.text ?? ''))
  const province = (line ? matchProvince(line.text.split(',')[0] ?? '') : null) ?? mentionedProvince(tree)
  const closing: string[] = []
  const collect = (node: DocNode): void => {
    closing.push(node.heading ?? '', node.text)
    for (const child of node.children) collect(child)
  }
  for (const node of tree.children) if (node.kind === 'closing') collect(node)
  return {
    kind,
    issuer: issuer(closing, province),
    province,
    date: found ? found[3] + '-' + pad(found[2] ?? '') + '-' + pad(found[1] ?? '') : null,
    signer: signer(closing),
    title,
    implements: implemented(title ?? '')
  }
}

/**
 * Codes of the documents a title says it implements.
 *
 * @param title
 *   Title text.
 * @returns
 *   Codes, normalised (`28-NQ/TW`).
 */
function implemented(title: string): string[] {
  const key = toBareKey(title)
  if (!data.implementing.some((word) => key.includes(word))) return []
  const codes = new Set<string>()
  for (const match of title.matchAll(code)) codes.add(match[1] + '-' + match[2] + '/' + match[3])
  return [...codes]
}

/**
 * Issuer from the signature line (`T/M TỈNH ỦY`) and the province.
 *
 * @param closing
 *   Lines of the closing blocks.
 * @param province
 *   Province.
 * @returns
 *   Issuer, or null.
 */
function issuer(closing: string[], province: string | null): string | null {
  for (const line of closing) {
    const key = toBareKey(line)
    const at = data.signature.map((word) => (' ' + key + ' ').indexOf(' ' + word + ' ')).find((index) => index !== -1)
    if (at === undefined) continue
    const entry = data.issuers.find((candidate) => key.slice(at).includes(candidate.key))
    if (entry) return province ? entry.issuer + ' ' + province : entry.issuer
  }
  return null
}

/**
 * Signer: the last line of the closing blocks that reads as a personal name.
 *
 * @param closing
 *   Lines of the closing blocks.
 * @returns
 *   Name, or null.
 */
function signer(closing: string[]): string | null {
  for (const line of [...closing].reverse()) {
    const words = line.trim().split(/\s+/)
    const first = toBareKey(words[0] ?? '')
    const named = words.length >= 2 && words.length <= 5 && words.every((word) => /^\p{Lu}\p{Ll}/u.test(word))
    if (named && data.surnames.includes(first)) return line.trim()
  }
  return null
}

/**
 * Province named in a place (tolerating OCR damage of one or two letters).
 *
 * @param value
 *   Place text.
 * @returns
 *   Province, or null.
 */
function matchProvince(value: string): string | null {
  const key = toBareKey(value)
  if (!key) return null
  let best: {name: string; distance: number} | null = null
  for (const province of provinces) {
    const distance = levenshtein(key, province.key)
    if (distance <= Math.min(2, Math.floor(province.key.length / 4)) && (!best || distance < best.distance)) best = {name: province.name, distance}
  }
  return best?.name ?? null
}

/**
 * Province most often named as `tỉnh X` in the text.
 *
 * @param tree
 *   Root node.
 * @returns
 *   Province, or null.
 */
function mentionedProvince(tree: DocNode): string | null {
  const counts = new Map<string, number>()
  countProvinces(tree, counts)
  let best: string | null = null
  let most = 0
  for (const [name, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (count > most) {
      best = name
      most = count
    }
  }
  return best
}

/**
 * Count the provinces a node and those below it name as `tỉnh X` (a plain
 * function, not a closure made per tree: V8 would compile it again after
 * every full collection).
 *
 * @param node
 *   Node.
 * @param counts
 *   Counts by province, added to.
 */
function countProvinces(node: DocNode, counts: Map<string, number>): void {
  // Most nodes have no heading: their key is that of their text, with no join to make.
  const key = toBareKey(node.heading === null ? node.text : node.heading + ' ' + node.text)
  // Each `tinh` word is read once, against every province: most nodes name none.
  for (let index = key.indexOf('tinh '); index !== -1; index = key.indexOf('tinh ', index + 1)) {
    if (index > 0 && key.charCodeAt(index - 1) !== 32) continue
    for (const province of provinces) {
      const after = index + 5 + province.key.length
      if ((after === key.length || key.charCodeAt(after) === 32) && key.startsWith(province.key, index + 5)) {
        counts.set(province.name, (counts.get(province.name) ?? 0) + 1)
      }
    }
  }
  for (const child of node.children) countProvinces(child, counts)
}

/**
 * Edit distance.
 *
 * @param a
 *   One string.
 * @param b
 *   Other string.
 * @param limit
 *   Largest distance of interest (optional): a distance past it may come
 *   back as any number past it, as soon as that is certain.
 * @returns
 *   Levenshtein distance.
 */
export function levenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const width = b.length + 1
  if (rows.length < 2 * width) rows = growBuffer(rows, 2 * width)
  // Two rows in one buffer, swapped by their offsets.
  let previous = 0
  let current = width
  for (let j = 0; j < width; j++) rows[j] = j
  for (let i = 1; i <= a.length; i++) {
    const code = a.charCodeAt(i - 1)
    let least = i
    let left = i
    let diagonal = rows[previous] ?? 0
    rows[current] = i
    for (let j = 1; j < width; j++) {
      const up = rows[previous + j] ?? 0
      const value = Math.min(up + 1, left + 1, diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1))
      rows[current + j] = value
      if (value < least) least = value
      diagonal = up
      left = value
    }
    // The least value of a row never drops in the rows below it.
    if (least > limit) return least
    previous = current
    current = width - current
  }
  return rows[previous + b.length] ?? 0
}

/**
 * Two-digit number.
 *
 * @param value
 *   Digits.
 * @returns
 *   Padded.
 */
function pad(value: string): string {
  return value.padStart(2, '0')
}
