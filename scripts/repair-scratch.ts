import {readFileSync, writeFileSync} from 'node:fs'
import {trainRepairModel, repairText, scoreSyllables} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt', 'corpus/reference/28-nq-tw.md']
const model = trainRepairModel({texts: docs.map(d => readFileSync(d, 'utf8'))})
const input = readFileSync('../shared/eval/lam-dong-ocr.dev-input.txt', 'utf8')
const gold = readFileSync('../shared/eval/lam-dong-ocr.dev-gold.txt', 'utf8')
const result = repairText({value: input, model})
writeFileSync('/tmp/scratch/dev-out.txt', result.value)
console.log('dev alone', scoreSyllables({gold, repaired: result.value}).exact)
const full = repairText({value: readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt', 'utf8'), model})
writeFileSync('/tmp/scratch/full-out.txt', full.value)
console.log('full-doc dev', scoreSyllables({gold, repaired: full.value.split('\n').slice(0, 120).join('\n')}).exact)
