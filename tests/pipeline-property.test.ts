import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fc, test} from '@fast-check/vitest'
import {expect} from 'vitest'
import {VFile} from 'vfile'
import {parseReference} from '../src/align/index.js'
import {processFile} from '../src/pipeline/index.js'
import {trainRepairModel} from '../src/repair/index.js'
import {flatten, root, seeds} from './helpers/corpus.js'

const referenceText = readFileSync(join(root, 'corpus/reference/28-nq-tw.md'), 'utf8')
const reference = parseReference({value: referenceText, path: 'corpus/reference/28-nq-tw.md'})
const model = trainRepairModel({texts: [referenceText, readFileSync(join(root, seeds['000']), 'utf8')]})
const seedLines = Object.values(seeds).flatMap((name) => readFileSync(join(root, name), 'utf8').split('\n'))

/** Adversarial lines: numbering, bullets, markup, codes, OCR debris, seed lines, noise. */
const line = fc.oneof(
  fc.constantFrom('I. MỤC TIÊU', 'III. NHIỆM VỤ, GIẢI PHÁP', '1. TO CHU\'C THU\'C HIEN', '2.4. Ban Tổ chức Tỉnh ủy', 'a) Về tổ chức bộ máy:', '- ', '+ ', '* ', '---', '> > >', '## **5.**', 'Nơi nhận:', 'T/M TỈNH ỦY', '(1)', '[bookmark: _Toc1]', '[1: chú thích]', '<sup>(1)</sup>', '} (để', '100% 80% 8-10% 02 - 04 tập thể', '(thực hiện từ năm 2024 - năm 2026)', 'Nghị quyết số 28-NQIT W, ngày 17/11/2022'),
  fc.constantFrom(...seedLines),
  fc.string({maxLength: 200}),
  fc.string({unit: 'binary', maxLength: 80})
)

/** Run every stage on a text: no exception escapes (a crash would be a fatal `crash` message), ids stay unique. */
function check(path: string, value: string): void {
  const file = processFile({file: new VFile({path, value}), reference, repair: () => model})
  expect(file.messages.filter((message) => message.ruleId === 'crash').map(String)).toEqual([])
  if (!file.data.tree) return
  const ids = flatten(file.data.tree).map((node) => node.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const record of [...(file.data.extract?.targets ?? []), ...(file.data.extract?.assignments ?? [])]) {
    expect(ids).toContain(record.node)
  }
}

test.prop([fc.array(line, {maxLength: 40})], {numRuns: 60})('should run every stage on random plain text without an escaping exception', (lines) => {
  check('random.txt', lines.join('\n'))
})

test.prop([fc.array(line, {maxLength: 40})], {numRuns: 60})('should run every stage on random Markdown without an escaping exception', (lines) => {
  check('random.md', lines.join('\n\n'))
})
