import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const model = trainRepairModel({texts: docs.map(d => readFileSync(d, 'utf8'))})
const lines = readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt','utf8').split('\n')
const r = repairText({value: lines.slice(321, 331).join('\n'), model})
console.log(r.value)
console.log(r.changes.filter(c => /\d-/.test(c.source)).map(c => [c.source, c.repair, c.confidence, c.alternatives]))
const full = repairText({value: lines.join('\n'), model})
console.log(full.changes.filter(c => /\d-/.test(c.source)).map(c => [c.source, c.repair, c.confidence]))
