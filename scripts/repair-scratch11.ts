// Tuning on synthetic OCR-damaged LOO (bench section 3) only.
import {readFileSync} from 'node:fs'
import {trainRepairModel, repairText, scoreSyllables} from '../src/repair/index.js'
import {align, createChannel} from '../src/repair/lib/channel.js'
import {tokenize} from '../src/repair/lib/tokenize.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const texts = docs.map(d => readFileSync(d, 'utf8').normalize('NFC'))
const ref = readFileSync('corpus/reference/28-nq-tw.md', 'utf8')
const words = (l: string) => tokenize(l).filter(t => t.kind === 'word').map(t => t.value)
const input = readFileSync('../shared/eval/lam-dong-ocr.dev-input.txt', 'utf8').normalize('NFC').split('\n')
const gold = readFileSync('../shared/eval/lam-dong-ocr.dev-gold.txt', 'utf8').normalize('NFC').split('\n')
const ch = createChannel({_source: '', emissions: {}}, [])
const counts = new Map<string, Map<string, number>>()
gold.forEach((line, i) => { const a = words(line), b = words(input[i] ?? ''); if (a.length !== b.length) return; a.forEach((w, k) => { for (const s of align(ch, w.toLowerCase(), (b[k] ?? '').toLowerCase()).steps) { let r = counts.get(s.glyph); if (!r) counts.set(s.glyph, r = new Map()); r.set(s.read, (r.get(s.read) ?? 0) + 1) } }) })
const damage = (text: string, seed: number) => { let st = seed * 2654435761 + 1; const rnd = () => { st = (st * 1103515245 + 12345) % 2147483648; return st / 2147483648 }; let out = ''; for (const c of text) { const l = c.toLowerCase(); const r = counts.get(l); if (!r) { out += c; continue } let t = 0; for (const v of r.values()) t += v; let p = rnd() * t; let o = l; for (const [v, n] of r) { p -= n; if (p <= 0) { o = v; break } } out += c === l ? o : o.toUpperCase() } return out }
let right = 0, tot = 0
for (let k = 0; k < 4; k++) {
  const m = trainRepairModel({texts: [...texts.filter((_, i) => i !== k), ref]})
  const s = scoreSyllables({gold: texts[k]!, repaired: repairText({value: damage(texts[k]!, docs[k]!.length), model: m}).value})
  right += s.right; tot += s.tokens
}
console.log('CW', process.env.CW, 'ocr-loo', (right / tot).toFixed(4))
