/**
 * `report.html`: self-contained, every piece of document text escaped, and in
 * a real browser (Debian's Chromium, driven by playwright-core) a click on a
 * cell opens its evidence.
 */
import {existsSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'
import {expect, test} from 'vitest'
import {annotate} from '../src/align/index.js'
import {reportHtml, type HtmlDocument} from '../src/report/index.js'
import {align, load, names, reference} from '../fixtures/align/corpus.js'

const browserPath = '/usr/bin/chromium'
const framework = reference()
const documents = [load(names.haTinh), load(names.binhThuan), load(names.lamDong), load(names.bacKan), load(names.haTinhCadres)]
const {matrix, alignments} = align(framework, documents)
const pages: HtmlDocument[] = documents.map((document, index) => ({
  id: document.id,
  file: document.file,
  title: document.meta.title,
  province: document.meta.province,
  tree: annotate(document.tree, alignments[index] ?? alignments[0]!),
  alignment: alignments[index] ?? null
}))
const html = reportHtml({matrix, documents: pages})

test('should be one self-contained file: no network, no external script, style or font', () => {
  expect(html.startsWith('<!doctype html>')).toBe(true)
  expect(html).not.toMatch(/<link\b/i)
  expect(html).not.toMatch(/@import|url\(/i)
  expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?(?:[a-z]+:|\/\/)/i)
  expect(html).not.toMatch(/<script\s+src/i)
  for (const [, target = ''] of html.matchAll(/\shref="([^"]*)"/g)) expect(target.startsWith('#'), target).toBe(true)
})

test('should escape every piece of document text', () => {
  const hostile = load(names.haTinh)
  const tree = structuredClone(hostile.tree)
  const bullet = tree.children.find((node) => node.kind === 'part')?.children[0]?.children[0]
  if (!bullet) throw new Error('Expected a bullet')
  bullet.text = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
  const page = reportHtml({matrix, documents: [{id: 'evil"<id>', file: 'a<b>.md', title: '<b>title</b>', province: null, tree}]})
  expect(page).not.toContain('<script>alert')
  expect(page).not.toContain('<img src=x')
  expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;')
  expect(page).toContain('&lt;b&gt;title&lt;/b&gt;')
  expect(page).toContain('id="doc-evil__id_"')
  // The only script is the page's own.
  expect(page.match(/<script>/g)).toHaveLength(1)
})

test('should show the matrix as a heat map, one cell per document and group', () => {
  const cells = [...html.matchAll(/<a class="cell (covered|partial|missing)"/g)]
  expect(cells).toHaveLength(matrix.rows.length * framework.groups.length)
  expect(html).toContain('id="doc-ha-tinh.ctr-28-nq-tw"')
  // Each document's tree carries the groups of its items.
  expect(html).toContain('id="n-ha-tinh.ctr-28-nq-tw--part_III__group_4__bullet_3"><div class="body"><span class="badge g3" title="score ')
})

test.skipIf(!existsSync(browserPath))('should open a cell’s evidence and gaps on a click, in headless Chromium (skipped when ' + browserPath + ' is absent: apt-get install -y chromium)', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'doichieu-report-'))
  const path = join(folder, 'report.html')
  await writeFile(path, html)
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const page = await browser.newPage()
    const outside: string[] = []
    page.on('request', (request) => {
      if (!/^(?:file|data|about):/.test(request.url())) outside.push(request.url())
    })
    await page.goto(pathToFileURL(path).href)
    const row = matrix.rows.findIndex((each) => each.province === 'Hà Tĩnh')
    const cell = matrix.rows[row]?.cells.G4
    if (!cell) throw new Error('Expected a G4 cell for Hà Tĩnh')
    const detail = page.locator('#cell-' + row + '-G4')
    expect(await detail.isVisible()).toBe(false)

    await page.click('#c-' + row + '-G4')
    expect(await detail.isVisible()).toBe(true)
    expect(await page.getAttribute('#c-' + row + '-G4', 'class')).toContain('selected')
    const text = await detail.innerText()
    expect(text).toContain('Đổi mới, nâng cao chất lượng, hiệu quả công tác kiểm tra, giám sát')
    expect(text).toContain(cell.status)
    expect(text).toContain((cell.evidence[0]?.excerpt ?? '').slice(0, 60))
    expect(text).toContain('Evidence')
    // Another cell replaces it.
    await page.click('#c-' + row + '-G1')
    expect(await detail.isVisible()).toBe(false)
    expect(await page.locator('#cell-' + row + '-G1').isVisible()).toBe(true)
    // Following an evidence link into the document keeps the details open.
    await page.locator('#cell-' + row + '-G1 .evidence a').first().click()
    expect(await page.locator('#cell-' + row + '-G1').isVisible()).toBe(true)
    expect(await page.evaluate(() => (globalThis as unknown as {location: {hash: string}}).location.hash)).toMatch(/^#n-ha-tinh\.ctr-28-nq-tw--/)
    expect(outside).toEqual([])
  } finally {
    await browser.close()
    await rm(folder, {recursive: true, force: true})
  }
})
