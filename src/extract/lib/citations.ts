/**
 * The citation graph over a corpus: which document cites which, resolved to
 * corpus documents by code when the cited document states its code, else by
 * date plus title words; what stays unresolved points at a cited-but-absent
 * document.
 */
import {toBareKey} from '../../ingest/index.js'
import type {DocNode} from '../../types.js'
import {groupBy} from '../../util.js'
import data from '../data/documents.json' with {type: 'json'}
import {codeKey, levelOf} from './references.js'
import type {CitationDocument, CitationEdge, CitationGraph, CitationNode, Reference, ResolveMethod} from './types.js'
import {alternation, fold} from './text.js'

const ownNumber = new RegExp('(?<![a-z0-9])' + alternation(data.number) + '\\s*:?\\s*(\\d{1,4})\\s*-\\s*([a-z]{1,5})\\s*\\/\\s*([a-z]{2,4})(?![a-z0-9])')
const typeEnd = new RegExp(alternation(data.types.flatMap((entry) => entry.variants)) + '\\s*$')
const stopwords = new Set(data.stopwords.map((word) => toBareKey(word)))
/** Title words of a citation compared with a document title: the first ones, because a citation's title is often read on past its end. */
const titleWords = 12
/** Share of those words the document title must contain. */
const titleShare = 0.75

/**
 * Resolve the citations of a corpus into a graph.
 *
 * @param options
 *   Corpus documents with their metadata and references.
 * @returns
 *   Graph: corpus documents and cited-but-absent documents as nodes, one
 *   edge per citation.
 */
export function resolveCitations(options: {documents: CitationDocument[]}): CitationGraph {
  const {documents} = options
  const byCode = new Map<string, string>()
  for (const document of documents) {
    const key = document.code ? scopedKey(document.code, document.meta.province)?.key : undefined
    if (key && !byCode.has(key)) byCode.set(key, document.id)
  }
  /** A citation on its way to becoming an edge. */
  interface Pending {
    /** Citing document. */
    document: CitationDocument
    /** Citation. */
    reference: Reference
    /** Scoped code key, or null. */
    key: string | null
    /** Province the code is local to, or null. */
    scope: string | null
    /** Resolved document, or null. */
    target: string | null
    /** How. */
    method: ResolveMethod | null
  }
  const pending: Pending[] = []
  const candidates = byDate(documents)
  // Codes learnt from date-and-title matches: `03-NQ/TU` of Hà Tĩnh is seed
  // 004 once one citation of it has been matched by its date and title.
  const learnt = new Map<string, Set<string>>()
  for (const document of documents) {
    for (const reference of document.references) {
      const scoped = reference.code ? scopedKey(reference.code, document.meta.province) : null
      const key = scoped?.key ?? null
      const item: Pending = {document, reference, key, scope: scoped?.scope ?? null, target: null, method: null}
      const coded = key ? byCode.get(key) : undefined
      if (coded !== undefined && coded !== document.id) {
        item.target = coded
        item.method = 'code'
      } else {
        const matched = byDateAndTitle(reference, document, candidates)
        if (matched) {
          item.target = matched
          item.method = 'date-title'
          if (key) learnt.set(key, (learnt.get(key) ?? new Set()).add(matched))
        }
      }
      pending.push(item)
    }
  }
  for (const item of pending) {
    const targets = item.target === null && item.key ? learnt.get(item.key) : undefined
    const only = targets && targets.size === 1 ? [...targets][0] : undefined
    if (only !== undefined && only !== item.document.id) {
      item.target = only
      item.method = 'alias'
    }
  }
  // The first citation with a code of each target.
  const firstCoded = new Map<string, Pending>()
  for (const item of pending) if (item.target !== null && item.reference.code && !firstCoded.has(item.target)) firstCoded.set(item.target, item)
  const nodes: CitationNode[] = documents.map((document) => {
    // A code the document does not state but citations of it do.
    const cited = document.code ? undefined : firstCoded.get(document.id)
    const code = document.code ?? cited?.reference.code ?? null
    return {
      id: document.id,
      inCorpus: true,
      code,
      type: document.meta.kind,
      date: document.meta.date,
      title: document.title ?? document.meta.title,
      issuer: document.meta.issuer,
      level: document.code ? levelOf(document.code.split('/').at(-1) ?? '') : (cited?.reference.level ?? null),
      province: document.meta.province
    }
  })
  const absent = new Map<string, CitationNode>()
  const taken = new Set(documents.map((document) => document.id))
  const edges: CitationEdge[] = pending.map((item) => {
    const {document, reference} = item
    const edge = {source: document.id, node: reference.node, line: reference.line, text: reference.text, code: reference.code}
    if (item.target !== null) return {...edge, target: item.target, resolved: true, method: item.method}
    const group = item.key ?? (reference.type && reference.date ? reference.type + ' ' + reference.date : 'text ' + toBareKey(reference.text))
    let node = absent.get(group)
    if (!node) {
      let id = absentId(reference, item.scope)
      // Ids stay unique, whatever ids the caller gave its documents.
      for (let count = 2; taken.has(id); count++) id = absentId(reference, null) + ' (' + count + ')'
      taken.add(id)
      node = {
        id,
        inCorpus: false,
        code: reference.code,
        type: reference.type,
        date: reference.date,
        title: reference.title,
        issuer: reference.issuer,
        level: reference.level,
        province: item.scope
      }
      absent.set(group, node)
    } else {
      // Later citations of the same document may say more (a date, a title).
      node.date ??= reference.date
      node.title ??= reference.title
      node.issuer ??= reference.issuer
      node.type ??= reference.type
    }
    return {...edge, target: node.id, resolved: false, method: null}
  })
  const cited = [...absent.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {nodes: [...nodes, ...cited], edges}
}

/**
 * Key of a code for matching, with the province for a local code: `117-KH/TU`
 * of Bình Thuận is not `117-KH/TU` of Hà Tĩnh, while `28-NQ/TW` is one
 * document everywhere.
 *
 * @param code
 *   Code as written.
 * @param province
 *   Province of the document that writes it.
 * @returns
 *   Key and the province it is scoped to (null for a central code or an
 *   unknown province), or null when it is not a code.
 */
function scopedKey(code: string, province: string | null): {key: string; scope: string | null} | null {
  const key = codeKey(code)
  if (!key) return null
  const scope = levelOf(code.split('/').at(-1) ?? '') === 'central' || !province ? null : province
  return {key: scope ? scope + ' ' + key : key, scope}
}

/** A corpus document as date-and-title matching reads it. */
interface Candidate {
  /** The document. */
  document: CitationDocument
  /** Bare key of its kind, or null. */
  kind: string | null
  /** Content words of its title. */
  words: Set<string>
}

/**
 * Corpus documents by date, in corpus order, read once for every citation
 * that names a date.
 *
 * @param documents
 *   Corpus.
 * @returns
 *   Candidates by date.
 */
function byDate(documents: CitationDocument[]): Map<string, Candidate[]> {
  const dated = documents
    .filter((document) => document.meta.date)
    .map((document): Candidate => ({document, kind: document.meta.kind ? toBareKey(document.meta.kind) : null, words: new Set(words(document.title ?? document.meta.title ?? ''))}))
  return groupBy(dated, (candidate) => candidate.document.meta.date)
}

/**
 * The corpus document a citation names by its date, type, province and
 * title words, when exactly one fits best.
 *
 * @param reference
 *   Citation.
 * @param citing
 *   Citing document.
 * @param candidates
 *   Corpus documents by date.
 * @returns
 *   Document id, or null.
 */
function byDateAndTitle(reference: Reference, citing: CitationDocument, candidates: Map<string, Candidate[]>): string | null {
  if (!reference.date || !reference.title) return null
  const wanted = [...new Set(words(reference.title))].slice(0, titleWords)
  if (wanted.length < 3) return null
  const type = reference.type ? toBareKey(reference.type) : null
  let best: {id: string; score: number} | null = null
  for (const {document, kind, words: have} of candidates.get(reference.date) ?? []) {
    if (document.id === citing.id) continue
    if (type !== null && kind !== null && type !== kind) continue
    // A provincial document is the province's own: `03-NQ/TU` of Hà Tĩnh is not Bắc Kạn's.
    if (reference.level === 'provincial' && citing.meta.province && document.meta.province && citing.meta.province !== document.meta.province) continue
    const score = wanted.filter((word) => have.has(word)).length / wanted.length
    if (score >= titleShare && (!best || score > best.score || (score === best.score && document.id < best.id))) best = {id: document.id, score}
  }
  return best?.id ?? null
}

/**
 * Content words of a title, diacritic-free.
 *
 * @param value
 *   Title.
 * @returns
 *   Words, in order.
 */
function words(value: string): string[] {
  return toBareKey(value)
    .split(' ')
    .filter((word) => word.length > 1 && !stopwords.has(word) && !/^\d+$/.test(word))
}

/**
 * Graph id of a cited document that is not in the corpus: its code (after
 * its province for a local code: `Bình Thuận 117-KH/TU`), else its type and
 * date, else its text.
 *
 * @param reference
 *   Its first citation.
 * @param province
 *   Province the code is local to, or null.
 * @returns
 *   Id.
 */
function absentId(reference: Reference, province: string | null): string {
  if (reference.code) return province ? province + ' ' + reference.code : reference.code
  if (reference.type && reference.date) return reference.type + ' ' + reference.date
  return reference.text
}

/**
 * The code a document states for itself (`Số 28-CTr/TU`, `Số: 03-NQ/TU`) in
 * its opening lines, before its first part.
 *
 * @param tree
 *   Document tree.
 * @returns
 *   Code with spaces removed, or null.
 */
export function documentCode(tree: DocNode): string | null {
  for (const node of tree.children) {
    if (node.kind === 'part' || node.kind === 'closing') break
    for (const value of [node.heading ?? '', node.text]) {
      const key = fold(value)
      const match = ownNumber.exec(key)
      // `Nghị quyết số 28-NQ/TW` in a title is a citation, not the document's own number.
      if (!match || typeEnd.test(key.slice(0, match.index))) continue
      const start = match.index + match[0].indexOf(match[1] ?? '')
      return value.slice(start, match.index + match[0].length).replace(/\s+/g, '')
    }
  }
  return null
}
