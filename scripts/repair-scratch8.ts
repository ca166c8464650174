import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText, stripDiacritics} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8'))
const bodies: Record<string, string> = {ocr: readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt','utf8'), strip: texts.map(stripDiacritics).join('\n'), clean: texts.join('\n')}
for (const which of ['ocr', 'strip', 'clean']) {
  let cold = Infinity, warm = Infinity, n = 0
  for (let i = 0; i < 3; i++) {
    const model = trainRepairModel({texts})
    let c0 = process.cpuUsage(); const r = repairText({value: bodies[which]!, model}); let cu = process.cpuUsage(c0); cold = Math.min(cold, (cu.user + cu.system) / 1e6); n = r.syllables
    c0 = process.cpuUsage(); repairText({value: bodies[which]!, model}); cu = process.cpuUsage(c0); warm = Math.min(warm, (cu.user + cu.system) / 1e6)
  }
  console.log(which, n, 'cold', Math.round(n / cold), 'warm', Math.round(n / warm))
}
