import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText, stripDiacritics} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8'))
const model = trainRepairModel({texts})
const which = process.argv[2]
const body = which === 'ocr' ? readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt','utf8') : which === 'clean' ? texts.join('\n') : texts.map(stripDiacritics).join('\n')
for (let i = 0; i < Number(process.env.RUNS ?? 2); i++) {
const c0 = process.cpuUsage(); const t = process.hrtime.bigint()
const r = repairText({value: body, model})
const s = Number(process.hrtime.bigint() - t) / 1e9
const cu = process.cpuUsage(c0); const cs = (cu.user + cu.system) / 1e6; console.log(which, r.syllables, "wall", s.toFixed(2), "cpu", cs.toFixed(2), Math.round(r.syllables / cs))
}
