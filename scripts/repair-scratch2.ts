import {readFileSync} from 'node:fs'
import {trainRepairModel} from '../src/repair/index.js'
import {modelChannel} from '../src/repair/lib/model.js'
import {searchTrie} from '../src/repair/lib/trie.js'
import {channelCost, align} from '../src/repair/lib/channel.js'
const docs = ['corpus/ha-tinh.ctr-28-nq-tw.md','corpus/binh-thuan.ctr-28-nq-tw.md','corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt','corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt']
const model = trainRepairModel({texts: docs.map(d => readFileSync(d, 'utf8'))})
const ch = modelChannel(model)
for (const w of process.argv.slice(2)) {
  const m = searchTrie(model.trie, ch, w, 9, 8 + 2.2 * w.length, 40)
  console.log(w, m.slice(0, 8).map(x => model.vocabulary[x.id] + ':' + x.cost.toFixed(2)).join(' '))
}
const pairs = [['thức','thirc'],['chức','chirc'],['của','ciaa'],['tiếp','tlep'],['lối','161'],['là','13'],['có','€6'],['đổi','d01'],['mới','m&i'],['của','ctuia'],['đảng','bang'], ['tới','té1'], ['lâm', 'ldam']]
for (const [a,b] of pairs) { const r = align(ch, a, b); console.log(a, b, r.cost.toFixed(2), r.steps.map(s=>s.glyph+'>'+s.read).join(' ')) }
