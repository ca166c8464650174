import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8'))
const body = readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt','utf8')
const models = [0,1,2,3,4,5].map(() => trainRepairModel({texts}))
for (const model of models) {
  const c0 = process.cpuUsage(); const r = repairText({value: body, model}); const cu = process.cpuUsage(c0)
  console.log(r.syllables, Math.round(r.syllables / ((cu.user + cu.system) / 1e6)))
}
