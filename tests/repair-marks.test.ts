import {readFileSync} from 'node:fs'
import {expect, test} from 'vitest'
import {repairText, trainRepairModel, type RepairModel} from '../src/repair/index.js'
import {tokenize} from '../src/repair/lib/tokenize.js'

const clean = [
  'corpus/ha-tinh.ctr-28-nq-tw.md',
  'corpus/binh-thuan.ctr-28-nq-tw.md',
  'corpus/bac-kan.nq-4-tu.chat-luong-to-chuc-dang.txt',
  'corpus/ha-tinh.nq-03-tu.doi-ngu-can-bo.docx.txt'
]
const read = (path: string): string => readFileSync(new URL('../' + path, import.meta.url), 'utf8').normalize('NFC')

let shared: RepairModel | undefined
const model = (): RepairModel => {
  shared ??= trainRepairModel({texts: clean.map((path) => read(path))})
  return shared
}

test('should take list letters and slash-joined capitals as marks, not words', () => {
  const value = 'a) Về tổ chức\n  - đ) Khác\nT/M BAN THƯỜNG VỤ, K/T, TM/\ncán b) và Mặt trận T quốc, số 28-NQ/TW, 200- QĐ/TW, 41-\nOD/TW'
  const kinds = tokenize(value)
    .filter((token) => token.kind === 'mark' || token.kind === 'word' || token.kind === 'code')
    .map((token) => token.value + ':' + token.kind)
  expect(kinds).toEqual([
    'a:mark',
    'Về:word',
    'tổ:word',
    'chức:word',
    'đ:mark',
    'Khác:word',
    'T:mark',
    'M:mark',
    'BAN:word',
    'THƯỜNG:word',
    'VỤ:word',
    'K:mark',
    'T:mark',
    'TM:mark',
    // Not starting a line, or not joined to a slash: words.
    'cán:word',
    'b:word',
    'và:word',
    'Mặt:word',
    'trận:word',
    'T:word',
    'quốc:word',
    'số:word',
    '28-NQ/TW:code',
    // The kind and issuer of a code cut after its hyphen: words.
    'QĐ:word',
    'TW:word',
    'OD:word',
    'TW:word'
  ])
})

test('should keep the letter of a list item in OCR text', () => {
  const value = 'Ban Thuong vu Tinh iy tang cuong céng tic lanh dao:\na) Vé té chirc b may:\nb) Vé céng tic can bé:\n- c) Vé chinh sach:'
  const lines = repairText({value, model: model()}).value.split('\n')
  expect(lines[1]).toBe('a) Về tổ chức bộ máy:')
  expect(lines[2]).toBe('b) Về công tác cán bộ:')
  expect(lines[3]).toBe('- c) Về chính sách:')
})

test('should keep slash-joined capitals in OCR text', () => {
  const value = 'Noi nhan: T/M BAN THUONG VU\n- Luu Van phong Tinh iy. K/T BI THU'
  const result = repairText({value, model: model()})
  expect(result.value).toBe('Nơi nhận: T/M BAN THƯỜNG VỤ\n- Lưu Văn phòng Tỉnh ủy. K/T BÍ THƯ')
})

test('should keep the list letters and the signature abbreviation of seed 002', () => {
  const result = repairText({value: read('corpus/lam-dong.ctr-28-nq-tw.ocr.txt'), model: model()})
  const lines = result.value.split('\n')
  // Section II.2.3: points a) and b).
  expect(lines[172]).toBe('a) Về tổ chức bộ máy:')
  expect(lines[188]).toBe('b) Về công tác cán bộ:')
  expect(lines[576]).toBe('Nơi nhận: T/M TỈNH ỦY')
  // Document codes are still repaired.
  const repairs = new Map(result.changes.map((change) => [change.source, change.repair]))
  expect(repairs.get('28-NQIT W')).toBe('28-NQ/TW')
  expect(repairs.get('08-ODi/TW')).toBe('08-QĐi/TW')
})
