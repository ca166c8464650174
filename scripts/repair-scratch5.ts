import {readFileSync, writeFileSync} from 'node:fs'
import {trainRepairModel, repairText, scoreSyllables} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const nfc = process.argv[2] === 'nfc'
const model = trainRepairModel({texts: docs.map(d => { const t = readFileSync(d, 'utf8'); return nfc ? t.normalize('NFC') : t })})
const input = readFileSync('../shared/eval/lam-dong-ocr.dev-input.txt', 'utf8')
const gold = readFileSync('../shared/eval/lam-dong-ocr.dev-gold.txt', 'utf8')
const result = repairText({value: input, model})
console.log(nfc, scoreSyllables({gold, repaired: result.value}).exact, model.vocabulary.length)
