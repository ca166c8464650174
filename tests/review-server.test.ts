/**
 * The review workspace over HTTP, without a browser: pages, escaping,
 * recording decisions, validation, and the security checks.
 */
import {request as httpRequest, type IncomingMessage, type ServerResponse} from 'node:http'
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, test} from 'vitest'
import {
  createHandler,
  decisionsPath,
  documentPage,
  escapeHtml,
  isLoopback,
  matrixPage,
  openStore,
  outSource,
  startReview,
  type DecisionStore,
  type GapMatrix,
  type ReviewDocument,
  type ReviewServer
} from '../src/review/index.js'

const root = join(import.meta.dirname, '..')
const fixtures = join(root, 'fixtures', 'review', 'out')
const program = 'thu-nghiem.ctr-28-nq-tw'
const ocr = 'thu-nghiem-ocr'

/** Servers and stores to close after each test. */
const open: Array<{server: ReviewServer; store: DecisionStore}> = []

afterEach(async () => {
  for (const {server, store} of open.splice(0)) {
    await server.close()
    store.close()
  }
})

/** Start a workspace on the fixture outputs with a fresh database. */
async function serve(): Promise<{server: ReviewServer; store: DecisionStore; url: string}> {
  const store = openStore({path: decisionsPath(mkdtempSync(join(tmpdir(), 'doichieu-review-')))})
  const server = await startReview({store, source: outSource(fixtures), port: 0})
  open.push({server, store})
  return {server, store, url: server.url}
}

/** POST a decision as the page does. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{status: number; json: Record<string, unknown>}> {
  const origin = url.replace(/\/$/, '')
  const response = await fetch(url + 'api/decisions', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Origin: origin, ...headers},
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  return {status: response.status, json: (await response.json()) as Record<string, unknown>}
}

/** A raw request with chosen headers (fetch will not send a foreign `Host`). */
function raw(url: string, options: {method?: string; path: string; headers: Record<string, string>; body?: string}): Promise<{status: number; body: string}> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const request = httpRequest({host: target.hostname, port: target.port, method: options.method ?? 'GET', path: options.path, headers: options.headers}, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
    })
    request.on('error', reject)
    request.end(options.body)
  })
}

/** The fixture program. */
function fixture(name: string): ReviewDocument {
  return JSON.parse(readFileSync(join(fixtures, 'documents', name + '.json'), 'utf8')) as ReviewDocument
}

/** The fixture matrix. */
function matrix(): GapMatrix {
  return JSON.parse(readFileSync(join(fixtures, 'gap-matrix.json'), 'utf8')) as GapMatrix
}

const decision = {document: program, kind: 'group', target: 'part_II__group_2__bullet_1', old: 'G2', value: 'G5', author: 'Lan', comment: 'thử'}

describe('pages', () => {
  test('should escape every piece of document text', () => {
    const document = fixture(program)
    const html = documentPage({document, groups: matrix().reference.groups, row: null, related: null, focus: null, repaired: false})
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('tuyên truyền &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; trên báo chí')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // The only script is the workspace's own file.
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;')
  })

  test('should build the same page from the same data', () => {
    const data = {matrix: matrix(), documents: [], pending: 0}
    expect(matrixPage(data)).toBe(matrixPage(structuredClone(data)))
  })

  test('should serve the matrix, documents, repairs and history pages with bilingual labels', async () => {
    const {url} = await serve()
    for (const [path, words] of [
      ['', ['Ma trận khoảng trống', 'Gap matrix', 'G1', 'Văn bản liên quan']],
      ['documents', ['Văn bản', 'Documents', 'CHƯƠNG TRÌNH HÀNH ĐỘNG']],
      ['documents/' + program, ['Thông tin văn bản', 'Document details', 'part_II__group_2__bullet_1', 'Xác nhận', 'Confirm']],
      ['documents/' + program + '?group=G2', ['id="group-panel"', 'Bằng chứng', 'Evidence']],
      ['repairs', ['Sửa lỗi OCR', 'OCR repairs', ocr]],
      ['repairs/' + ocr + '?show=all', ['class="tok', 'Gốc', 'Source', 'data-target="1:1"']],
      ['decisions', ['Lịch sử quyết định', 'Decision history']]
    ] as const) {
      const response = await fetch(url + path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      const html = await response.text()
      for (const word of words) expect(html, path + ': ' + word).toContain(word)
      expect(html).not.toContain('<script>alert')
    }
    expect((await fetch(url + 'documents/nope')).status).toBe(404)
    expect((await fetch(url + 'documents/%E0%A4%A')).status).toBe(404)
    expect((await fetch(url + 'elsewhere')).status).toBe(404)
    expect((await fetch(url + 'assets/review.js')).headers.get('content-type')).toContain('text/javascript')
  })
})

describe('recording decisions', () => {
  test('should record a reassignment and show it on the next page load', async () => {
    const {url, store} = await serve()
    const saved = await post(url, decision)
    expect(saved.status).toBe(201)
    expect(saved.json.decision).toMatchObject({...decision, context: expect.stringContaining('Đẩy mạnh công tác tuyên truyền <script>')})
    const html = await (await fetch(url + 'documents/' + program)).text()
    expect(html).toContain('data-target="part_II__group_2__bullet_1" data-current="G5"')
    expect(html).toContain('Đã đổi nhóm')
    expect(store.all()).toHaveLength(1)
    const listed = (await (await fetch(url + 'api/decisions?document=' + program)).json()) as {decisions: unknown[]}
    expect(listed.decisions).toHaveLength(1)
  })

  test('should record a word correction and a metadata correction', async () => {
    const {url} = await serve()
    const {changes} = JSON.parse(readFileSync(join(fixtures, 'repairs', ocr + '.json'), 'utf8')) as {changes: Array<{line: number; column: number; repair: string}>}
    const first = changes.find((change) => change.line === 1 && change.column === 1)!
    expect((await post(url, {document: ocr, kind: 'word', target: first.line + ':' + first.column, old: first.repair, value: 'Thử', author: 'Lan'})).status).toBe(201)
    const page = await (await fetch(url + 'repairs/' + ocr + '?show=all')).text()
    expect(page).toContain('class="tok edited"')
    expect((await post(url, {document: program, kind: 'meta', target: 'province', old: null, value: 'Thử Nghiệm', author: 'Lan'})).status).toBe(201)
    expect(await (await fetch(url + 'documents/' + program)).text()).toContain('value="Thử Nghiệm"')
  })

  test('should refuse invalid decisions with 400 and a message', async () => {
    const {url} = await serve()
    const cases: Array<[unknown, number, RegExp]> = [
      ['{not json', 400, /invalid JSON/],
      [{...decision, value: 'G9'}, 400, /Unexpected group `G9`, expected one of G1, G2, G3, G4, G5, G6/],
      [{...decision, target: 'part_IX__bullet_1'}, 400, /Unexpected item `part_IX__bullet_1`/],
      [{...decision, document: 'nowhere'}, 400, /Unexpected document `nowhere`/],
      [{...decision, author: ''}, 400, /editor name/],
      [{...decision, kind: 'word', target: '99:1', old: 'x', value: 'y', document: ocr}, 400, /Unexpected word place 99:1/],
      [{...decision, kind: 'meta', target: 'date', old: null, value: '15/3/2023'}, 400, /expected a real date as `YYYY-MM-DD`/]
    ]
    for (const [body, status, message] of cases) {
      const response = await post(url, body)
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(String(response.json.error)).toMatch(message)
      expect(typeof response.json.errorVi).toBe('string')
    }
    const big = await post(url, {...decision, comment: 'x'.repeat(70_000)})
    expect(big.status).toBe(413)
    const form = await fetch(url + 'api/decisions', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded', Origin: url.replace(/\/$/, '')}, body: 'a=b'})
    expect(form.status).toBe(415)
  })

  test('should keep both of two editors saving at once, and tell the one who saw a stale value', async () => {
    const {url, store} = await serve()
    const [a, b] = await Promise.all([
      post(url, {...decision, author: 'Lan'}),
      post(url, {...decision, target: 'part_II__group_3__bullet_1', old: 'G3', value: 'G4', author: 'Minh'})
    ])
    expect([a.status, b.status]).toEqual([201, 201])
    const [c, d] = await Promise.all([
      post(url, {...decision, old: 'G5', value: 'G1', author: 'Lan'}),
      post(url, {...decision, old: 'G5', value: 'G6', author: 'Minh'})
    ])
    expect([c.status, d.status].sort()).toEqual([201, 409])
    const conflict = c.status === 409 ? c : d
    expect(String(conflict.json.error)).toMatch(/Unexpected current value `G[16]`, expected `G5`: changed by (Lan|Minh)/)
    expect(store.all()).toHaveLength(3)
  })
})

describe('security', () => {
  test('should listen on 127.0.0.1 only', async () => {
    const {server} = await serve()
    expect(server.server.address()).toMatchObject({address: '127.0.0.1'})
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  test('should refuse other origins, other hosts and posts without an origin', async () => {
    const {url, store} = await serve()
    const port = new URL(url).port
    const body = JSON.stringify(decision)
    const json = {'Content-Type': 'application/json'}
    const cases: Array<[string, {method?: string; path: string; headers: Record<string, string>; body?: string}, RegExp]> = [
      ['foreign origin', {method: 'POST', path: '/api/decisions', headers: {...json, Host: '127.0.0.1:' + port, Origin: 'http://evil.example'}, body}, /Unexpected origin/],
      ['no origin', {method: 'POST', path: '/api/decisions', headers: {...json, Host: '127.0.0.1:' + port}, body}, /without `Origin`/],
      ['rebinding host', {path: '/', headers: {Host: 'evil.example:' + port}}, /Unexpected host/],
      ['cross-site read', {path: '/api/decisions', headers: {Host: '127.0.0.1:' + port, 'Sec-Fetch-Site': 'cross-site'}}, /cross-site/],
      ['other port', {path: '/', headers: {Host: '127.0.0.1:' + port, Origin: 'http://127.0.0.1:1'}}, /Unexpected origin/]
    ]
    for (const [name, options, message] of cases) {
      const response = await raw(url, options)
      expect(response.status, name).toBe(403)
      expect(response.body, name).toMatch(message)
    }
    expect(store.all()).toEqual([])
    expect((await raw(url, {path: '/', headers: {Host: 'localhost:' + port, 'Sec-Fetch-Site': 'none'}})).status).toBe(200)
    expect((await raw(url, {method: 'DELETE', path: '/api/decisions', headers: {Host: '127.0.0.1:' + port}})).status).toBe(405)
  })

  test('should refuse clients that are not this machine', async () => {
    const store = openStore({path: decisionsPath(mkdtempSync(join(tmpdir(), 'doichieu-review-')))})
    const handler = createHandler({store, source: outSource(fixtures)})
    // The server only binds to loopback, so a remote client is simulated on the socket.
    const status = await new Promise<number>((resolve) => {
      const request = {url: '/', method: 'GET', headers: {host: '127.0.0.1:80'}, socket: {remoteAddress: '192.0.2.7', localPort: 80}} as unknown as IncomingMessage
      const response = {
        headersSent: false,
        writeHead(code: number) {
          resolve(code)
          return this
        },
        end() {}
      } as unknown as ServerResponse
      void handler(request, response)
    })
    expect(status).toBe(403)
    expect(isLoopback('127.0.0.1')).toBe(true)
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true)
    expect(isLoopback('::1')).toBe(true)
    expect(isLoopback('10.0.0.1')).toBe(false)
    expect(isLoopback('::ffff:192.168.1.1')).toBe(false)
    store.close()
  })
})

describe('doichieu review', () => {
  test('should print its address, serve, and stop cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doichieu-review-'))
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'bin.ts'), 'review', '--port', '0', '--corpus', dir, '--out', fixtures], {cwd: root})
    let stdout = ''
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)
        if (match) resolve(match[0])
      })
      child.on('close', () => reject(new Error('exited early: ' + stdout)))
    })
    expect((await fetch(address)).status).toBe(200)
    expect(stdout).toMatch(/decisions: \S*\.doichieu\/decisions\.sqlite\n/)
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('close')
      child.on('close', resolve)
      child.kill('SIGTERM')
    })
    expect(code).toBe(0)
    expect(stdout).toContain('doichieu review: stopped')
  })
})
