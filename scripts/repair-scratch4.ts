import {readFileSync, writeFileSync} from 'node:fs'
import {trainRepairModel, repairText, stripDiacritics, scoreSyllables} from '../src/repair/index.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8').normalize('NFC'))
const k = Number(process.argv[2] ?? 3)
const model = trainRepairModel({texts: texts.filter((_, i) => i !== k)})
const r = repairText({value: stripDiacritics(texts[k]!), model})
writeFileSync('/tmp/scratch/strip-gold.txt', texts[k]!)
writeFileSync('/tmp/scratch/strip-out.txt', r.value)
console.log(scoreSyllables({gold: texts[k]!, repaired: r.value}).exact)
