import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fc, test as fcTest} from '@fast-check/vitest'
import {describe, expect, test} from 'vitest'
import {decode, isSyllable, measureDamage, placeTone, toBareKey, toKey} from '../src/ingest/index.js'
import type {DocNode} from '../src/types.js'
import {flatten, processSeed, processValue, root, seeds} from './helpers/corpus.js'
import {toPlain} from './helpers/plain.js'

describe('decode', () => {
  const text = 'Tỉnh ủy Hà Tĩnh\n'
  test('should read UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(text)
    expect(decode(bytes).value).toBe(text)
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])).value).toBe(text)
  })
  test('should read UTF-16 with a BOM, both byte orders', () => {
    const units = [...text].map((char) => char.charCodeAt(0))
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((unit) => [unit & 0xff, unit >> 8])])
    const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((unit) => [unit >> 8, unit & 0xff])])
    expect(decode(le)).toEqual({value: text, encoding: 'utf-16le', warning: null})
    expect(decode(be)).toEqual({value: text, encoding: 'utf-16be', warning: null})
  })
  test('should normalise to NFC and LF', () => {
    expect(decode(new TextEncoder().encode('Đảng\r\nu\u0309y')).value).toBe('Đảng\nủy')
  })
  test('should refuse empty, binary and invalid input with the place', () => {
    expect(() => decode(new Uint8Array())).toThrow('Unexpected empty file')
    expect(() => decode(new TextEncoder().encode('%PDF-1.7\n'))).toThrow('Unexpected binary file (PDF document)')
    expect(() => decode(new Uint8Array([0x61, 0x62, 0xc3, 0x28]))).toThrow('Unexpected invalid UTF-8 at byte 2')
    expect(() => decode(new Uint8Array([0x61, 0x62, 0x00, 0x63, 0x00, 0x00, 0x64, 0x65]))).toThrow('Unexpected NUL byte at byte 2')
    expect(decode(new Uint8Array([0x61, 0x00, 0x62, 0x00])).warning).toBe('Unexpected UTF-16 without a byte-order mark, expected one: read as UTF-16LE')
  })
})

describe('keys', () => {
  test('should give one key whatever the tone placement or Unicode form', () => {
    expect(toKey('hoà')).toBe(toKey('hòa'))
    expect(toKey('Tỉnh uỷ')).toBe(toKey('Tỉnh ủy'))
    expect(toKey('Tỉnh u\u0309y')).toBe(toKey('tỉnh ủy'))
    expect(toKey('thuỷ  lợi\u00a0')).toBe('thủy lợi')
    expect(placeTone('quyết')).toBe('quyết')
    expect(placeTone('giữ')).toBe('giữ')
    expect(placeTone('hoàng')).toBe('hoàng')
  })
  test('should strip diacritics and OCR symbols in the bare key', () => {
    expect(toBareKey('TỔ CHỨC THỰC HIỆN')).toBe('to chuc thuc hien')
    expect(toBareKey("TO CHU'C THU'C HIEN")).toBe('to chuc thuc hien')
    expect(toBareKey('Nhi€ém vu, gidi phap')).toBe('nhiem vu gidi phap')
  })
  fcTest.prop([fc.string()])('should give the same key to NFC and NFD forms of any text', (value) => {
    expect(toKey(value.normalize('NFD'))).toBe(toKey(value.normalize('NFC')))
  })
})

describe('syllables and damage', () => {
  test('should accept Vietnamese syllables and refuse OCR debris', () => {
    for (const word of ['Đảng', 'nghiêng', 'quyết', 'giữ', 'gì', 'khuya', 'chuyển', 'ngoài', 'uỷ']) expect(isSyllable(word), word).toBe(true)
    for (const word of ['chirc', 'ciia', '16i', 'trwong', 'nudc', '1anh']) expect(isSyllable(word), word).toBe(false)
  })
  test.each(Object.entries(seeds))('should mark only seed 002 as damaged (%s)', (seed, name) => {
    expect(processSeed(name).data.damage?.damaged).toBe(seed === '002')
  })
  test('should mark stripped text as damaged', () => {
    expect(measureDamage('Doi moi, nang cao chat luong ban hanh va to chuc thuc hien dat hieu qua cao chu truong, duong loi cua Dang').damaged).toBe(true)
  })
})

describe('no text is lost', () => {
  const word = /[\p{L}\p{N}]+/gu

  /** Words of a tree: numbering, heading and text of every node. */
  function treeWords(tree: DocNode): string[] {
    return flatten(tree).flatMap((node) => [node.num ?? '', node.heading ?? '', node.text].join(' ').match(word) ?? [])
  }
  /** Words of a source, less what clean-up reported it removed. */
  function sourceWords(value: string, removed: string[]): string[] {
    const words = (value.match(word) ?? []).filter((token) => token !== 'footnoteRef')
    for (const token of removed.flatMap((text) => text.match(word) ?? [])) {
      const index = words.indexOf(token)
      if (index !== -1) words.splice(index, 1)
    }
    return words.sort()
  }
  test.each(['002', '003', '004'] as const)('should keep every word of seed %s in exactly one node', (seed) => {
    const file = processSeed(seeds[seed])
    const removed = file.messages.filter((message) => ['drop-bookmark', 'drop-rule'].includes(message.ruleId ?? '')).map((message) => message.actual ?? '')
    expect(treeWords(file.data.tree!).sort()).toEqual(sourceWords(String(file.value), removed))
  })
  test.each(['000', '001'] as const)('should keep every word of seed %s, rendered as plain text, in exactly one node', (seed) => {
    const file = processValue('plain.txt', toPlain(readFileSync(join(root, seeds[seed]), 'utf8')))
    const removed = file.messages.filter((message) => ['drop-bookmark', 'drop-rule'].includes(message.ruleId ?? '')).map((message) => message.actual ?? '')
    expect(treeWords(file.data.tree!).sort()).toEqual(sourceWords(String(file.value), removed))
  })
  const line = fc.oneof(
    fc.constant(''),
    fc.constantFrom('I. MỤC TIÊU', 'II. NHIỆM VỤ, GIẢI PHÁP', '1. Nhóm', '2.3. Mục', 'a) Điểm', '- gạch', '+ cộng', '* sao', '---', 'Nơi nhận:', 'T/M TỈNH ỦY'),
    fc.array(fc.constantFrom('Đảng', 'ủy', 'tỉnh', '100%', '2025', 'và', 'của', '28-NQ/TW', 'Hà', 'Tĩnh', '.', ':', ';', '(1)', '}'), {minLength: 1, maxLength: 30}).map((words) => words.join(' ')),
    fc.string()
  )
  fcTest.prop([fc.array(line, {maxLength: 60})])('should keep every word of random plain text', (lines) => {
    const file = processValue('random.txt', lines.join('\n') + 'x')
    if (!file.data.tree) return
    const removed = file.messages.filter((message) => ['drop-bookmark', 'drop-rule'].includes(message.ruleId ?? '')).map((message) => message.actual ?? '')
    expect(treeWords(file.data.tree).sort()).toEqual(sourceWords(String(file.value), removed))
    const ids = flatten(file.data.tree).map((node) => node.id)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
