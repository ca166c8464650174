import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {execute} from '../src/cli/index.js'
import {diff, redline} from '../src/diff/index.js'
import {diffHtml, diffJson, diffMarkdown, diffText} from '../src/report/index.js'
import type {DocNode} from '../src/types.js'
import {processSeed, processValue, root, seeds} from './helpers/corpus.js'

/**
 * Streams that collect what is written.
 *
 * @param options
 *   Whether stdout claims to be a terminal, and the working folder.
 * @returns
 *   Streams and readers.
 */
function capture(options: {tty?: boolean; cwd?: string} = {}) {
  const out: string[] = []
  const err: string[] = []
  return {
    streams: {
      stdout: {write: (chunk: string) => out.push(chunk), isTTY: options.tty === true},
      stderr: {write: (chunk: string) => err.push(chunk)},
      cwd: options.cwd ?? root
    },
    stdout: () => out.join(''),
    stderr: () => err.join('')
  }
}

/**
 * A tree that must be there.
 *
 * @param value
 *   Tree or undefined.
 * @returns
 *   Tree.
 */
function tree(value: DocNode | undefined): DocNode {
  if (!value) throw new Error('Expected a tree')
  return value
}

const fixture = (name: string, file: string): string => join('fixtures', 'diff', name, file)

describe('doichieu diff', () => {
  test('should exit 2 without two files or with an unknown format', async () => {
    for (const args of [['diff'], ['diff', 'a.md'], ['diff', 'a', 'b', 'c'], ['diff', fixture('moved-item', 'old.md'), fixture('moved-item', 'new.md'), '--format', 'pdf'], ['diff', 'a', 'b', '--threshold', '2']]) {
      const io = capture()
      expect(await execute(args, io.streams)).toBe(2)
      expect(io.stderr()).toContain('Usage: doichieu diff')
      expect(io.stdout()).toBe('')
    }
  })

  test('should exit 1 when a file cannot be read', async () => {
    const io = capture()
    expect(await execute(['diff', fixture('moved-item', 'old.md'), 'fixtures/diff/nope.md'], io.streams)).toBe(1)
    expect(io.stderr()).toContain('nope.md')
    expect(io.stdout()).toBe('')
  })

  test('should exit 0 when nothing changed, and say so', async () => {
    const io = capture()
    expect(await execute(['diff', fixture('moved-item', 'old.md'), fixture('moved-item', 'old.md')], io.streams)).toBe(0)
    expect(io.stdout()).toContain('No change: all 34 nodes match.')
  })

  for (const name of [seeds['000'], seeds['002']]) {
    test('should report no change, records and coverage included, between `' + name + '` and itself', async () => {
      const io = capture()
      expect(await execute(['diff', name, name, '--format', 'json'], io.streams)).toBe(0)
      const json = JSON.parse(io.stdout()) as {changes: unknown[]; summary: {identical: boolean; records: boolean}}
      expect(json.changes).toEqual([])
      expect(json.summary).toMatchObject({identical: true, records: true})
    })
  }

  test('should match the OCR program, once repaired, to a clean one', async () => {
    const io = capture()
    expect(await execute(['diff', seeds['002'], seeds['001'], '--format', 'json'], io.streams)).toBe(0)
    const json = JSON.parse(io.stdout()) as {changes: Array<{kind: string; old: {id?: string} | null; new: {id?: string} | null}>}
    const pairs = json.changes.filter((change) => change.kind === 'edited').map((change) => [change.old?.id, change.new?.id])
    // Lâm Đồng's task groups II.2.1… are Bình Thuận's III.1.1…, reworded.
    expect(pairs).toContainEqual(['part_II__group_2__item_2-1', 'part_III__group_1__item_1-1'])
    expect(pairs).toContainEqual(['part_II__group_2__item_2-6', 'part_III__group_1__item_1-6'])
    // Confident repairs are information (listed with --verbose); only the ones to check are warnings.
    expect(io.stderr()).toMatch(/lam-dong\.ctr-28-nq-tw\.ocr\.txt:\d+:\d+: warning Unexpected .*\[ocr-repair\]/)
    expect(io.stderr()).not.toMatch(/: info /)
  })

  test('should print JSON with a list of changes, each with a kind', async () => {
    const io = capture()
    expect(await execute(['diff', seeds['000'], seeds['001'], '--format', 'json'], io.streams)).toBe(0)
    const json = JSON.parse(io.stdout()) as {changes: Array<{kind: string; old: unknown; new: unknown}>; summary: {counts: Record<string, number>}}
    expect(json.changes.length).toBeGreaterThan(0)
    for (const change of json.changes) {
      expect(typeof change.kind).toBe('string')
      expect('old' in change && 'new' in change).toBe(true)
    }
    expect(Object.values(json.summary.counts).reduce((sum, count) => sum + count, 0)).toBe(json.changes.length)
  })

  test('should match the fixture through the CLI, and add the coverage delta', async () => {
    const io = capture()
    expect(await execute(['diff', fixture('moved-item', 'old.md'), fixture('moved-item', 'new.md'), '--format', 'json'], io.streams)).toBe(0)
    const expected = JSON.parse(readFileSync(join(root, fixture('moved-item', 'expected.json')), 'utf8')) as {changes: unknown}
    const json = JSON.parse(io.stdout()) as {changes: Array<{kind: string; unit?: string}>; summary: {records: boolean; coverage: boolean}}
    expect(json.changes.filter((change) => !change.kind.startsWith('coverage'))).toEqual(expected.changes)
    expect(json.summary).toMatchObject({records: true, coverage: true})
    // The bullet on votes of confidence left the cadre group: its sub-point is lost there.
    expect(json.changes.filter((change) => change.kind.startsWith('coverage')).map((change) => [change.kind, change.unit])).toContainEqual(['coverage-lost', 'G3.4'])
  })

  test('should exit 1 on a framework that cannot be read', async () => {
    const io = capture()
    expect(await execute(['diff', fixture('moved-item', 'old.md'), fixture('moved-item', 'new.md'), '--reference', 'nope.md'], io.streams)).toBe(1)
    expect(io.stderr()).toContain('nope.md')
  })

  test('should colour only a terminal', async () => {
    const plain = capture()
    expect(await execute(['diff', fixture('reworded-item', 'old.md'), fixture('reworded-item', 'new.md')], plain.streams)).toBe(0)
    expect(plain.stdout()).not.toContain('\u001B[')
    expect(plain.stdout()).toContain('[-phương-]{+hình+}')
    const tty = capture({tty: true})
    expect(await execute(['diff', fixture('reworded-item', 'old.md'), fixture('reworded-item', 'new.md')], tty.streams)).toBe(0)
    expect(tty.stdout()).toContain('\u001B[31m')
    expect(tty.stdout()).not.toContain('[-phương-]')
    // Markdown, JSON and HTML never carry terminal codes.
    for (const format of ['md', 'json', 'html']) {
      const io = capture({tty: true})
      expect(await execute(['diff', fixture('reworded-item', 'old.md'), fixture('reworded-item', 'new.md'), '--format', format], io.streams)).toBe(0)
      expect(io.stdout()).not.toContain('\u001B[')
    }
  })
})

describe('diff reports', () => {
  const a = processSeed(seeds['000'])
  const b = processSeed(seeds['001'])
  const trees = {old: tree(a.data.tree), new: tree(b.data.tree)}
  const result = diff({old: {tree: trees.old, meta: a.data.meta, file: seeds['000']}, new: {tree: trees.new, meta: b.data.meta, file: seeds['001']}})

  test('should give the terminal view a summary and one entry per change', () => {
    const text = diffText(result)
    expect(text.startsWith('doichieu diff\n  old: corpus/ha-tinh.ctr-28-nq-tw.md, Hà Tĩnh, 123 nodes\n  new: corpus/binh-thuan.ctr-28-nq-tw.md, Bình Thuận, 142 nodes\n')).toBe(true)
    expect(text).toContain(' of 123 old nodes matched')
    expect(text).toContain('↷ moved              IV › 1 (line 167) → III › 2 › 2.3 (line 145)')
    expect(text).toContain('      “Ban Tuyên giáo Tỉnh ủy”')
  })

  test('should write Markdown with escaped document text', () => {
    const markdown = diffMarkdown(result)
    expect(markdown).toContain('# Diff: corpus/ha-tinh.ctr-28-nq-tw.md → corpus/binh-thuan.ctr-28-nq-tw.md')
    expect(markdown).toContain('| Province | Hà Tĩnh | Bình Thuận |')
    expect(markdown).toContain('## Structure and wording (')
    expect(markdown).toContain('- **moved** · IV › 1 (line 167) → III › 2 › 2.3 (line 145)')
  })

  test('should mark words in Markdown, never the spaces around them', () => {
    const left = processValue('old.md', readFileSync(join(root, fixture('reworded-item', 'old.md'))))
    const right = processValue('new.md', readFileSync(join(root, fixture('reworded-item', 'new.md'))))
    const markdown = diffMarkdown(diff({old: {tree: tree(left.data.tree)}, new: {tree: tree(right.data.tree)}}))
    expect(markdown).toContain('  Đổi mới **mạnh mẽ** nội dung, ~~phương~~**hình** thức tuyên truyền')
  })

  test('should write a self-contained HTML redline with the summary first', () => {
    const html = diffHtml(result, trees)
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toMatch(/<script|<link|src=/)
    expect(html.indexOf('class="summary"')).toBeLessThan(html.indexOf('class="redline"'))
    expect(html).toContain('<ins>')
    expect(html).toContain('<del>')
    expect(html).toContain('class="row moved"')
    expect(html).toContain('class="row moved-away"')
    expect(html).toContain('↷ moved from IV › 1 (line 167)')
  })

  test('should lay out every node of both documents once in the redline', () => {
    const rows = redline(result, trees)
    const news = rows.filter((row) => row.new !== null && row.status !== 'moved-away').map((row) => row.new?.id)
    const olds = rows.filter((row) => row.status === 'removed' || row.status === 'moved-away').map((row) => row.old?.id)
    expect(news).toHaveLength(result.new.nodes)
    expect(new Set(news).size).toBe(result.new.nodes)
    expect(olds.length).toBe(new Set(olds).size)
  })

  test('should escape document text in HTML and Markdown', () => {
    const left = processValue('old.txt', 'I. NHIỆM VỤ\n\n- Tăng cường kiểm tra & giám sát.\n')
    const right = processValue('new.txt', 'I. NHIỆM VỤ\n\n- Tăng cường <script>alert("x")</script> kiểm tra & giám sát *mạnh*.\n')
    const html = diffHtml(diff({old: {tree: tree(left.data.tree)}, new: {tree: tree(right.data.tree)}}), {old: tree(left.data.tree), new: tree(right.data.tree)})
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('kiểm tra &amp; giám sát')
    const markdown = diffMarkdown(diff({old: {tree: tree(left.data.tree)}, new: {tree: tree(right.data.tree)}}))
    expect(markdown).toContain('\\<script\\>')
    expect(markdown).toContain('\\*mạnh\\*')
  })

  test('should keep JSON to old, new, summary and changes', () => {
    expect(Object.keys(diffJson(result))).toEqual(['old', 'new', 'summary', 'changes'])
  })
})

