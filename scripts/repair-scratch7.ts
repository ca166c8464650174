import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText, stripDiacritics, scoreSyllables} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8').normalize('NFC'))
const ref = readFileSync('corpus/reference/28-nq-tw.md', 'utf8')
const ocr = readFileSync('corpus/lam-dong.ctr-28-nq-tw.ocr.txt', 'utf8')
const repaired = repairText({value: ocr, model: trainRepairModel({texts: [...texts, ref]})}).value
let tot = 0, right = 0, tot2 = 0, right2 = 0
for (let k = 0; k < 4; k++) {
  const base = texts.filter((_, i) => i !== k)
  const a = scoreSyllables({gold: texts[k]!, repaired: repairText({value: stripDiacritics(texts[k]!), model: trainRepairModel({texts: [...base, ref]})}).value})
  const b = scoreSyllables({gold: texts[k]!, repaired: repairText({value: stripDiacritics(texts[k]!), model: trainRepairModel({texts: [...base, ref, repaired]})}).value})
  console.log(k, a.exact.toFixed(4), b.exact.toFixed(4))
  tot += a.tokens; right += a.right; right2 += b.right
}
console.log(right / tot, right2 / tot)
