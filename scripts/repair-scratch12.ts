import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText, stripDiacritics, scoreSyllables} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8').normalize('NFC'))
const ref = readFileSync('corpus/reference/28-nq-tw.md', 'utf8')
let ch = 0, sy = 0, r = 0, t = 0
for (let k = 0; k < 4; k++) {
  const m = trainRepairModel({texts: [...texts.filter((_, i) => i !== k), ref]})
  const c = repairText({value: texts[k]!, model: m}); ch += c.changes.length; sy += c.syllables
  const s = scoreSyllables({gold: texts[k]!, repaired: repairText({value: stripDiacritics(texts[k]!), model: m}).value}); r += s.right; t += s.tokens
}
console.log('CW', process.env.CW, 'clean changes', ch, sy, 'strip', (r / t).toFixed(4))
