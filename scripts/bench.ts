/**
 * `npm run bench`: a synthetic corpus of 1,000 distinct documents (about
 * 40 MB) built from the seeds — provinces, figures and years changed,
 * wording varied, sections dropped and repeated, some stripped of their
 * diacritics — then `doichieu run` over it with `--jobs 1` and `--jobs 2`,
 * cold and warm cache. Prints documents/s, MB/s, peak memory and time per
 * stage. Run `npm run build` first (the script runs the built CLI).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import provinces from '../src/segment/data/provinces.json' with {type: 'json'}

const root = join(import.meta.dirname, '..')
const count = Number(process.env.BENCH_DOCUMENTS ?? 1000)
const seeds = [
  'corpus/ha-tinh.ctr-28-nq-tw.md',
  'corpus/binh-thuan.ctr-28-nq-tw.md',
  'corpus/lam-dong.ctr-28-nq-tw.ocr.txt',
  'corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt',
  'corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt'
].map((name) => ({name, value: readFileSync(join(root, name), 'utf8')}))
const swaps: Array<[string, string]> = [
  ['tăng cường', 'đẩy mạnh'],
  ['nâng cao', 'cải thiện'],
  ['thường xuyên', 'định kỳ'],
  ['kịp thời', 'nhanh chóng'],
  ['chủ trì', 'chủ động']
]

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One synthetic document. */
function synthesize(index: number): {name: string; value: string} {
  const next = random(index + 1)
  const seed = seeds[index % seeds.length]!
  const province = provinces.provinces[Math.floor(next() * provinces.provinces.length)]!
  let paragraphs = seed.value.split(/\n\s*\n/)
  paragraphs = paragraphs.flatMap((paragraph) => {
    const roll = next()
    if (roll < 0.03) return []
    if (roll < 0.05) return [paragraph, paragraph]
    return [paragraph]
  })
  for (let swap = 0; swap < 3; swap++) {
    const at = 5 + Math.floor(next() * Math.max(1, paragraphs.length - 10))
    const a = paragraphs[at]
    const b = paragraphs[at + 1]
    if (a?.startsWith('- ') && b?.startsWith('- ')) [paragraphs[at], paragraphs[at + 1]] = [b, a]
  }
  let value = paragraphs.join('\n\n')
  value = value.replace(/Hà Tĩnh|Bình Thuận|Lâm Đồng|Bắc Kạn/g, province)
  value = value.replace(/\b(\d{1,2})%/g, (_, figure: string) => Math.min(100, Number(figure) + Math.floor(next() * 10)) + '%')
  value = value.replace(/năm (20[23]\d)/g, (_, year: string) => 'năm ' + (Number(year) + Math.floor(next() * 3)))
  for (const [from, to] of swaps) if (next() < 0.5) value = value.split(from).join(to)
  // One in ten clean documents arrives stripped of its diacritics, as OCR would.
  const stripped = !seed.name.includes('.ocr.') && next() < 0.1
  if (stripped) value = value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
  const extension = seed.name.endsWith('.md') ? '.md' : '.txt'
  return {name: String(index).padStart(4, '0') + '.' + seed.name.split('/')[1]!.split('.')[0] + (stripped ? '.stripped' : '') + extension, value}
}

/** Run the CLI with /usr/bin/time for its peak memory. */
function run(corpus: string, out: string, jobs: number): {seconds: number; peak: number; stages: Record<string, number>; processed: number} {
  // As the `doichieu` command and `npm start` run it (see src/cli/bin.ts).
  const args = ['-f', '%M', process.execPath, '--single-threaded-gc', join(root, 'dist/cli/bin.js'), 'run', '--corpus', corpus, '--out', out, '--jobs', String(jobs), '--json']
  const start = performance.now()
  const child = spawnSync('/usr/bin/time', args, {encoding: 'utf8', maxBuffer: 1 << 28})
  const seconds = (performance.now() - start) / 1000
  if (child.status !== 0 && child.status !== 1) throw new Error('doichieu run failed: ' + child.stderr.slice(-2000))
  const peak = Number(child.stderr.trim().split('\n').at(-1)) / 1024
  const summary = JSON.parse(child.stdout) as {stages: Record<string, number>; processed: number}
  return {seconds, peak, stages: summary.stages, processed: summary.processed}
}

const folder = mkdtempSync(join(tmpdir(), 'doichieu-bench-'))
const corpus = join(folder, 'corpus')
mkdirSync(corpus)
let bytes = 0
const seen = new Set<string>()
for (let index = 0; index < count; index++) {
  const document = synthesize(index)
  seen.add(document.value)
  writeFileSync(join(corpus, document.name), document.value)
  bytes += Buffer.byteLength(document.value)
}
mkdirSync(join(corpus, 'reference'))
writeFileSync(join(corpus, 'reference', '28-nq-tw.md'), readFileSync(join(root, 'corpus/reference/28-nq-tw.md')))
const megabytes = bytes / 1048576
console.log(`Synthetic corpus: ${readdirSync(corpus).length - 1} documents (${seen.size} distinct), ${megabytes.toFixed(1)} MB in ${corpus}\n`)
console.log('| jobs | cache | seconds | documents/s | MB/s | peak memory (MB) | processed |')
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |')
const stageRows: string[] = []
for (const jobs of [1, 2]) {
  const out = join(folder, 'out-' + jobs)
  for (const cache of ['cold', 'warm']) {
    const result = run(join(corpus), out, jobs)
    console.log(`| ${jobs} | ${cache} | ${result.seconds.toFixed(2)} | ${(count / result.seconds).toFixed(1)} | ${(megabytes / result.seconds).toFixed(2)} | ${result.peak.toFixed(0)} | ${result.processed} |`)
    if (cache === 'cold') {
      const total = Object.values(result.stages).reduce((sum, time) => sum + time, 0)
      stageRows.push(`| ${jobs} | ` + Object.entries(result.stages).map(([stage, time]) => `${stage} ${(time / 1000).toFixed(1)} s (${((time / total) * 100).toFixed(0)}%)`).join(', ') + ' |')
    }
  }
  rmSync(out, {recursive: true, force: true})
}
console.log('\nTime per stage, summed over documents (cold runs):\n')
console.log('| jobs | stages |')
console.log('| ---: | --- |')
for (const row of stageRows) console.log(row)
rmSync(folder, {recursive: true, force: true})
