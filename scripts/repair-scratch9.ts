import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText, stripDiacritics} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt', 'corpus/reference/28-nq-tw.md']
const model = trainRepairModel({texts: docs.map(d => readFileSync(d, 'utf8'))})
const input = readFileSync('../shared/eval/lam-dong-ocr.dev-input.txt', 'utf8')
const once = repairText({value: input, model})
const twice = repairText({value: once.value, model})
console.log('idempotence', twice.changes.length, 'of', twice.syllables, twice.changes.slice(0, 10).map(c => c.source + '>' + c.repair))
const full = repairText({value: readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt','utf8'), model})
const full2 = repairText({value: full.value, model})
console.log('idempotence full', full2.changes.length, 'of', full2.syllables, full2.changes.slice(0, 20).map(c => c.source + '>' + c.repair))
for (const t of ['Nghị quyết số 28-NQIT W của Ban', 'Quy định số 08-ODi/TW của Bộ Chính trị', 'CHUONG TRINH HANH PONG', 'Ldam Déng, ngay 10 thang 3 nam 2023', 'Thuc hién Nghi quyét s6 28-NQ/TW, ngay 17/11/2022']) {
  const r = repairText({value: t, model}); console.log(r.value, r.changes.map(c => [c.source, c.repair, c.confidence, c.low]))
}
const stripped = repairText({value: stripDiacritics(readFileSync(docs[0]!, 'utf8')), model})
const s2 = repairText({value: stripped.value, model})
console.log('idempotence strip', s2.changes.length, 'of', s2.syllables)
