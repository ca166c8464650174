import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {repairText, scoreSyllables, trainRepairModel} from '../src/repair/index.js'
const root = new URL('../', import.meta.url)
const clean = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const evalFolder = new URL('../shared/eval/', root)
const read = (path: string | URL): string => readFileSync(typeof path === 'string' ? new URL(path, root) : path, 'utf8').normalize('NFC')
const texts = new Map(clean.map((path) => [path, read(path)]))
const folder = new URL('corpus/reference/', root)
const reference = existsSync(folder) ? readdirSync(folder).filter((n) => /\.(md|txt)$/.test(n)) : []
console.log(reference)
const model = trainRepairModel({texts: [...texts.values()]})
const input = read(new URL('lam-dong-ocr.dev-input.txt', evalFolder))
const gold = read(new URL('lam-dong-ocr.dev-gold.txt', evalFolder))
console.log(scoreSyllables({gold, repaired: repairText({value: input, model}).value}).exact)
