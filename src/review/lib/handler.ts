/**
 * The workspace's request handler: security checks, routing, page data,
 * and recording decisions. It takes the decisions store and the outputs'
 * source, so tests drive it with no browser and no network.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import {applyDecisions} from './apply.js'
import {css, script} from './assets.js'
import {DecisionError, nodeContext, parseDraft} from './decision.js'
import {documentPage} from './document-page.js'
import {errorPage, historyPage} from './history-page.js'
import {documentsPage, matrixPage, type DocumentSummary} from './matrix-page.js'
import {repairsIndexPage, repairsPage, type RepairSummary} from './repairs-page.js'
import type {ReviewSource} from './source.js'
import type {DecisionStore} from './store.js'
import type {Decision, DecisionDraft, MetaField, RepairRecord, ReviewDocument, ReviewNode} from './types.js'

/** Options for {@link createHandler}. */
export interface HandlerOptions {
  /** The decisions database. */
  store: DecisionStore
  /** The pipeline's outputs. */
  source: ReviewSource
  /** Called with unexpected errors (the client gets a bare 500). */
  onError?: (error: unknown) => void
}

/** A request handler for `node:http`. */
export type ReviewHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/** Largest request body accepted: a decision is a few hundred bytes. */
const maxBody = 64 * 1024

/** Headers on every response: no framing, no sniffing, script and style from this origin only. */
const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

/** A refusal with its status and bilingual message. */
class HttpError extends Error {
  /** HTTP status. */
  readonly status: number
  /** Message in Vietnamese. */
  readonly vi: string
  /** Extra JSON fields. */
  readonly extra: Record<string, unknown>

  /**
   * @param status
   *   HTTP status.
   * @param message
   *   English message.
   * @param vi
   *   Vietnamese message.
   * @param extra
   *   Extra JSON fields.
   */
  constructor(status: number, message: string, vi: string, extra: Record<string, unknown> = {}) {
    super(message)
    this.status = status
    this.vi = vi
    this.extra = extra
  }
}

/**
 * Make the request handler.
 *
 * @param options
 *   Store, source, error hook.
 * @returns
 *   Handler.
 */
export function createHandler(options: HandlerOptions): ReviewHandler {
  const {store, source} = options
  return async (request, response) => {
    const api = (request.url ?? '').startsWith('/api/')
    try {
      guard(request)
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const method = request.method ?? 'GET'
      if (url.pathname === '/api/decisions') {
        if (method === 'POST') return await post(request, response)
        if (method === 'GET' || method === 'HEAD') {
          const document = url.searchParams.get('document')
          return send(response, 200, 'application/json; charset=utf-8', JSON.stringify({decisions: document ? store.forDocument(document) : store.all()}))
        }
        throw new HttpError(405, 'Unexpected method ' + method + ', expected GET or POST', 'Phương thức không được hỗ trợ')
      }
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Unexpected method ' + method + ', expected GET', 'Phương thức không được hỗ trợ')
      const html = await route(url)
      if (html === null) return
      send(response, 200, 'text/html; charset=utf-8', html)
    } catch (error) {
      if (!(error instanceof HttpError)) options.onError?.(error)
      const failure = error instanceof HttpError ? error : new HttpError(500, 'Internal error', 'Lỗi máy chủ')
      if (response.headersSent) {
        response.destroy()
        return
      }
      if (api) send(response, failure.status, 'application/json; charset=utf-8', JSON.stringify({error: failure.message, errorVi: failure.vi, ...failure.extra}))
      else send(response, failure.status, 'text/html; charset=utf-8', errorPage(failure.status, failure.message, failure.vi))
    }

    /**
     * Answer a GET.
     *
     * @param url
     *   Request URL.
     * @returns
     *   Page HTML, or null when the response was sent.
     */
    async function route(url: URL): Promise<string | null> {
      const path = url.pathname
      if (path === '/assets/review.css') {
        send(response, 200, 'text/css; charset=utf-8', css)
        return null
      }
      if (path === '/assets/review.js') {
        send(response, 200, 'text/javascript; charset=utf-8', script)
        return null
      }
      if (path === '/favicon.ico') {
        send(response, 204, 'text/plain', '')
        return null
      }
      if (path === '/') {
        const state = await load()
        const matrix = await source.matrix()
        const pending = matrix ? state.decisions.filter((decision) => decision.at > matrix.time).length : 0
        return matrixPage({matrix: matrix?.matrix ?? null, documents: summaries(state), pending})
      }
      if (path === '/documents') return documentsPage(summaries(await load()))
      if (path === '/repairs') return repairsIndexPage(repairSummaries(await load()))
      if (path === '/decisions') {
        const state = await load()
        const document = url.searchParams.get('document')
        return historyPage({
          decisions: document ? state.decisions.filter((decision) => decision.document === document) : state.decisions,
          orphans: document ? state.orphans.filter((orphan) => orphan.decision.document === document) : state.orphans,
          document
        })
      }
      const match = /^\/(documents|repairs)\/([^/]+)$/.exec(path)
      if (match) {
        const id = decode(match[2]!)
        const matrixResult = await source.matrix()
        const matrix = matrixResult?.matrix ?? null
        const document = await source.document(id)
        if (!document) throw new HttpError(404, 'Unexpected document `' + id + '`, expected one of the last run', 'Không có văn bản `' + id + '`')
        const repair = await source.repairs(id)
        const decisions = store.forDocument(id)
        const applied = applyDecisions({documents: [document], repairs: repair ? [repair] : [], decisions, groups: matrix ? matrix.reference.groups.map((group) => group.id) : undefined})
        const reviewed = applied.documents[0]!
        if (match[1] === 'documents') {
          return documentPage({
            document: reviewed,
            groups: matrix?.reference.groups ?? [],
            row: matrix?.rows.find((row) => row.id === id) ?? null,
            related: matrix?.related.find((related) => related.id === id) ?? null,
            focus: url.searchParams.get('group'),
            repaired: repair !== null
          })
        }
        const record = applied.repairs[0]
        if (!record) throw new HttpError(404, 'Unexpected document `' + id + '` without OCR repairs, expected a repaired one', 'Văn bản `' + id + '` không có sửa OCR')
        const show = url.searchParams.get('show')
        const line = Number.parseInt(url.searchParams.get('line') ?? '', 10)
        return repairsPage({
          id,
          file: reviewed.file,
          title: reviewed.meta?.title ?? null,
          record,
          show: show === 'all' || show === 'low' ? show : record.changes.some((change) => change.low || change.review?.low) ? 'low' : 'all',
          page: Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1),
          line: Number.isFinite(line) && line > 0 ? line : null
        })
      }
      throw new HttpError(404, 'Unexpected path `' + path + '`', 'Không có trang này')
    }
  }

  /**
   * All documents and repairs with every decision applied.
   *
   * @returns
   *   Documents, repairs, decisions, orphans.
   */
  async function load(): Promise<{documents: ReviewDocument[]; repairs: RepairRecord[]; decisions: Decision[]; orphans: ReturnType<typeof applyDecisions>['orphans']}> {
    const documents = (await Promise.all((await source.documentIds()).map((id) => source.document(id)))).filter((document): document is ReviewDocument => document !== null)
    const repairs = (await Promise.all((await source.repairIds()).map((id) => source.repairs(id)))).filter((record): record is RepairRecord => record !== null)
    const matrix = await source.matrix()
    const decisions = store.all()
    const applied = applyDecisions({documents, repairs, decisions, groups: matrix ? matrix.matrix.reference.groups.map((group) => group.id) : undefined})
    return {documents: applied.documents, repairs: applied.repairs, decisions, orphans: applied.orphans}
  }

  /**
   * Record a decision from a page.
   *
   * @param request
   *   Request.
   * @param response
   *   Response.
   */
  async function post(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json') {
      throw new HttpError(415, 'Unexpected content type `' + type + '`, expected `application/json`', 'Cần gửi dữ liệu dạng JSON')
    }
    const text = await body(request)
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      throw new HttpError(400, 'Unexpected invalid JSON, expected a decision object', 'Dữ liệu JSON không hợp lệ')
    }
    let draft: Omit<DecisionDraft, 'context'>
    try {
      draft = parseDraft(value)
    } catch (error) {
      if (error instanceof DecisionError) throw new HttpError(400, error.message, error.vi)
      throw error
    }
    const document = await source.document(draft.document)
    if (!document || !document.root) {
      throw new HttpError(400, 'Unexpected document `' + draft.document + '`, expected one of the last run', 'Không có văn bản `' + draft.document + '`')
    }
    const {machine, context} = await targetOf(draft, document)
    const result = store.record({...draft, context}, machine)
    if (!result.ok) {
      const latest = result.latest
      throw new HttpError(
        409,
        'Unexpected current value ' + show(result.current) + ', expected ' + show(draft.old) + (latest ? ': changed by ' + latest.author + ' at ' + latest.at : ''),
        'Đã có người sửa trước: giá trị hiện tại là ' + show(result.current) + (latest ? ' (' + latest.author + ', ' + latest.at + ')' : ''),
        {current: result.current, latest}
      )
    }
    send(response, 201, 'application/json; charset=utf-8', JSON.stringify({decision: result.decision}))
  }

  /**
   * Check that a decision's target exists and find its value before any
   * decision and its context.
   *
   * @param draft
   *   Draft.
   * @param document
   *   Document of the last run.
   * @returns
   *   Machine value and context.
   */
  async function targetOf(draft: Omit<DecisionDraft, 'context'>, document: ReviewDocument): Promise<{machine: string | null; context: string | null}> {
    if (draft.kind === 'meta') {
      if (!document.meta) throw new HttpError(400, 'Unexpected document without metadata', 'Văn bản không có thông tin')
      const field = draft.target as MetaField
      const review = document.review?.meta[field]
      return {machine: review ? review.machine : document.meta[field] ?? null, context: null}
    }
    if (draft.kind === 'word') {
      const record = await source.repairs(draft.document)
      const [line, column] = draft.target.split(':').map(Number)
      const change = record?.changes.find((candidate) => candidate.line === line && candidate.column === column)
      if (!change) throw new HttpError(400, 'Unexpected word place ' + draft.target + ', expected a repaired word of `' + draft.document + '`', 'Không có từ được sửa ở vị trí ' + draft.target)
      return {machine: change.review ? change.review.machine : change.repair, context: change.source}
    }
    const matrix = await source.matrix()
    if (!matrix) throw new HttpError(400, 'Unexpected group decision without a gap matrix, expected `doichieu run` to have aligned the corpus', 'Chưa có kết quả đối chiếu')
    const groups = matrix.matrix.reference.groups.map((group) => group.id)
    for (const value of [draft.value, draft.old]) {
      if (value !== null && !groups.includes(value)) {
        throw new HttpError(400, 'Unexpected group `' + value + '`, expected one of ' + groups.join(', ') + ' or null', 'Nhóm `' + value + '` không có trong văn bản gốc')
      }
    }
    const node = findNode(document.root!, draft.target)
    if (!node || node.kind === 'root') throw new HttpError(400, 'Unexpected item `' + draft.target + '`, expected a node of `' + draft.document + '`', 'Không có mục `' + draft.target + '`')
    return {machine: node.review ? node.review.machine : node.group ?? null, context: nodeContext(node)}
  }
}

/**
 * Refuse what does not come from this machine's own pages: clients not on
 * the loopback interface, a `Host` other than this server (DNS rebinding),
 * and requests another origin makes (an `Origin` or `Sec-Fetch-Site` that is
 * not ours; a POST without an `Origin`).
 *
 * @param request
 *   Request.
 * @throws {HttpError}
 *   403 when refused.
 */
function guard(request: IncomingMessage): void {
  const remote = request.socket.remoteAddress ?? ''
  if (!isLoopback(remote)) throw new HttpError(403, 'Unexpected client ' + remote + ', expected this machine (127.0.0.1)', 'Chỉ chấp nhận truy cập từ chính máy này')
  const port = request.socket.localPort
  const hosts = new Set(['127.0.0.1:' + port, 'localhost:' + port])
  const host = (request.headers.host ?? '').toLowerCase()
  if (!hosts.has(host)) throw new HttpError(403, 'Unexpected host `' + host + '`, expected 127.0.0.1:' + port, 'Tên máy chủ không hợp lệ')
  const origin = request.headers.origin
  if (origin !== undefined && origin !== 'http://' + host) {
    throw new HttpError(403, 'Unexpected origin `' + origin + '`, expected http://' + host, 'Không chấp nhận yêu cầu từ trang khác')
  }
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, 'Unexpected cross-site request (`Sec-Fetch-Site: ' + String(site) + '`), expected same-origin', 'Không chấp nhận yêu cầu từ trang khác')
  }
  if (request.method === 'POST' && origin === undefined) {
    throw new HttpError(403, 'Unexpected POST without `Origin`, expected a request from the workspace page', 'Thiếu nguồn gốc yêu cầu (Origin)')
  }
}

/**
 * Decode a path segment.
 *
 * @param value
 *   Segment.
 * @returns
 *   Decoded text.
 * @throws {HttpError}
 *   404 for a malformed escape.
 */
function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new HttpError(404, 'Unexpected malformed path', 'Đường dẫn không hợp lệ')
  }
}

/**
 * Whether an address is this machine.
 *
 * @param address
 *   Remote address.
 * @returns
 *   Whether it is loopback.
 */
export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address) || address === '::1'
}

/**
 * Read a request body, refusing large ones.
 *
 * @param request
 *   Request.
 * @returns
 *   Text.
 */
async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBody) throw new HttpError(413, 'Unexpected body over ' + maxBody + ' bytes, expected one decision', 'Dữ liệu gửi lên quá lớn')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Send a response with the security headers.
 *
 * @param response
 *   Response.
 * @param status
 *   Status.
 * @param type
 *   Content type.
 * @param content
 *   Body.
 */
function send(response: ServerResponse, status: number, type: string, content: string): void {
  response.writeHead(status, {...securityHeaders, 'Content-Type': type, 'Content-Length': Buffer.byteLength(content)})
  response.end(content)
}

/**
 * A node by id.
 *
 * @param root
 *   Root.
 * @param id
 *   Id.
 * @returns
 *   Node, or undefined.
 */
function findNode(root: ReviewNode, id: string): ReviewNode | undefined {
  const stack = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.id === id) return node
    stack.push(...node.children)
  }
  return undefined
}

/**
 * A value for a message.
 *
 * @param value
 *   Value.
 * @returns
 *   Text.
 */
function show(value: string | null): string {
  return value === null ? 'null' : '`' + value + '`'
}

/**
 * Summaries of documents for lists.
 *
 * @param state
 *   Documents and repairs with decisions applied.
 * @returns
 *   Summaries, by id.
 */
function summaries(state: {documents: ReviewDocument[]; repairs: RepairRecord[]}): DocumentSummary[] {
  const repairs = new Map(state.repairs.map((record) => [record.id, record]))
  return state.documents.map((document) => {
    let tasks = 0
    let reviewed = 0
    const stack = document.root ? [document.root] : []
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.group !== undefined || node.review) tasks++
      if (node.review) reviewed++
      stack.push(...node.children)
    }
    const record = repairs.get(document.id)
    return {
      id: document.id,
      file: document.file,
      title: document.meta?.title ?? null,
      province: document.meta?.province ?? null,
      date: document.meta?.date ?? null,
      failed: document.root === null,
      tasks,
      reviewed,
      repairs: record
        ? {changes: record.changes.length, low: record.changes.filter((change) => change.low).length, corrected: record.changes.filter((change) => change.review).length}
        : null
    }
  })
}

/**
 * Summaries of repaired documents.
 *
 * @param state
 *   Documents and repairs with decisions applied.
 * @returns
 *   Summaries.
 */
function repairSummaries(state: {documents: ReviewDocument[]; repairs: RepairRecord[]}): RepairSummary[] {
  const documents = new Map(state.documents.map((document) => [document.id, document]))
  return state.repairs.map((record) => {
    const document = documents.get(record.id)
    return {
      id: record.id,
      file: document?.file ?? record.id,
      title: document?.meta?.title ?? null,
      changes: record.changes.length,
      low: record.changes.filter((change) => change.low).length,
      corrected: record.changes.filter((change) => change.review).length
    }
  })
}
