/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and clear
 * refusals for everything else.
 */

/** Why a file could not be decoded, with the byte where it went wrong. */
export class DecodeError extends Error {
  /** Rule id for the message. */
  readonly ruleId: string
  /** Byte offset of the problem, if known. */
  readonly byte: number | null

  /**
   * @param reason
   *   Message, "Unexpected X, expected Y".
   * @param ruleId
   *   Rule id.
   * @param byte
   *   Byte offset, if known.
   */
  constructor(reason: string, ruleId: string, byte: number | null = null) {
    super(reason)
    this.ruleId = ruleId
    this.byte = byte
  }
}

/** Result of decoding. */
export interface Decoded {
  /** The text, NFC, with the BOM removed. */
  value: string
  /** Encoding that was read. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  /** Something worth a warning about how the bytes were read, or null. */
  warning: string | null
}

const signatures: Array<[string, number[]]> = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive (a .docx or .xlsx?)', [0x50, 0x4b, 0x03, 0x04]],
  ['OLE compound file (a .doc?)', [0xd0, 0xcf, 0x11, 0xe0]]
]

/**
 * Decode the bytes of a document.
 *
 * @param bytes
 *   File contents.
 * @returns
 *   Text in NFC.
 * @throws {DecodeError}
 *   When the bytes are empty, binary, or not in a supported encoding.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DecodeError('Unexpected empty file, expected text', 'empty-file')
  for (const [name, magic] of signatures) {
    if (magic.every((byte, index) => bytes[index] === byte)) {
      throw new DecodeError('Unexpected binary file (' + name + '), expected text', 'binary-file', 0)
    }
  }
  let value: string
  let encoding: Decoded['encoding']
  let warning: string | null = null
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le'
    value = new TextDecoder('utf-16le').decode(bytes.subarray(2))
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be'
    value = new TextDecoder('utf-16be').decode(bytes.subarray(2))
  } else if (utf16Order(bytes)) {
    encoding = utf16Order(bytes) ?? 'utf-16le'
    value = new TextDecoder(encoding).decode(bytes)
    warning = 'Unexpected UTF-16 without a byte-order mark, expected one: read as ' + encoding.toUpperCase()
  } else {
    const nul = bytes.indexOf(0)
    if (nul !== -1) {
      throw new DecodeError(
        'Unexpected NUL byte at byte ' + nul + ', expected text (a binary file, or UTF-16 without a byte-order mark)',
        'binary-file',
        nul
      )
    }
    encoding = 'utf-8'
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    try {
      value = new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(start))
    } catch {
      const legacy = legacyEncoding(bytes)
      if (legacy) {
        throw new DecodeError(
          'Unexpected legacy Vietnamese encoding (' + legacy + '), expected Unicode: convert the file to UTF-8 (for example with UniKey\'s converter) and run again',
          'legacy-encoding',
          0
        )
      }
      const byte = firstInvalidUtf8(bytes, start)
      throw new DecodeError(
        'Unexpected invalid UTF-8 at byte ' + byte + ', expected UTF-8, or UTF-16 with a byte-order mark',
        'invalid-encoding',
        byte
      )
    }
  }
  if (value.trim() === '') throw new DecodeError('Unexpected empty file (only white space), expected text', 'empty-file')
  if (/[\u0000-\u0008\u000e-\u001f]/.test(value)) {
    const at = value.search(/[\u0000-\u0008\u000e-\u001f]/)
    throw new DecodeError('Unexpected control character at character ' + at + ', expected text', 'binary-file', null)
  }
  return {value: value.replace(/\r\n?/g, '\n').normalize('NFC'), encoding, warning}
}

/**
 * Byte order of UTF-16 text that lacks its byte-order mark: text that is
 * mostly Latin letters, digits and spaces has a NUL in every other byte.
 *
 * @param bytes
 *   File contents.
 * @returns
 *   Encoding, or null when the bytes do not look like UTF-16.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const size = Math.min(bytes.length - (bytes.length % 2), 8192)
  if (size < 4) return null
  let even = 0
  let odd = 0
  for (let index = 0; index < size; index += 2) {
    if (bytes[index] === 0) even++
    if (bytes[index + 1] === 0) odd++
  }
  const pairs = size / 2
  if (odd > pairs * 0.3 && even < pairs * 0.02) return 'utf-16le'
  if (even > pairs * 0.3 && odd < pairs * 0.02) return 'utf-16be'
  return null
}

/**
 * Name of the legacy 8-bit Vietnamese encoding the bytes look like, or null.
 * VNI writes a vowel then a mark byte (`Vieät` for Việt, `ñ` for đ); TCVN3
 * (ABC) gives each accented letter one byte, with `§`/`®` for Đ/đ. Text is
 * not converted: a wrong table would corrupt it silently.
 *
 * @param bytes
 *   File contents (not valid UTF-8).
 * @returns
 *   Encoding name, or null.
 */
function legacyEncoding(bytes: Uint8Array): string | null {
  const text = new TextDecoder('windows-1252').decode(bytes.subarray(0, 65536))
  const letters = (text.match(/[A-Za-z]/g) ?? []).length
  if (letters < 20) return null
  const vni = (text.match(/[aeiouyAEIOUY][ùøûõïâêäåãáàéèëúüÙØÛÕÏÂÊÄÅÃÁÀÉÈËÚÜ]|[ñÑöÖôÔ]/g) ?? []).length
  const tcvn = (text.match(/[§®µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËª¬«Ò×ÕÖ]/g) ?? []).length
  if (vni > letters * 0.05 && vni >= tcvn) return 'VNI-Windows'
  if (tcvn > letters * 0.05) return 'TCVN3 (ABC)'
  return null
}

/**
 * Byte offset of the first byte that breaks UTF-8.
 *
 * @param bytes
 *   File contents.
 * @param start
 *   Where to begin.
 * @returns
 *   Offset.
 */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let index = start
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0
    const size = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0
    if (size === 0) return index
    for (let next = 1; next < size; next++) {
      const follow = bytes[index + next]
      if (follow === undefined || (follow & 0xc0) !== 0x80) return index
    }
    index += size
  }
  return index
}
