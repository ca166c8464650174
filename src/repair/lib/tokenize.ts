/**
 * Cut a text into the pieces repair looks at: words (possibly damaged),
 * numbers, document codes, marks (list letters, abbreviations, HTML tags),
 * punctuation and line breaks, each with its offsets in the NFC text.
 */

/** What a piece of text is. */
export type TokenKind = 'word' | 'number' | 'code' | 'mark' | 'punct' | 'break'

/** One piece of the text. */
export interface Token {
  /** What the piece is. */
  kind: TokenKind
  /** Its text, as in the source. */
  value: string
  /** Offset of its first character (0-based, UTF-16 units of the NFC text). */
  offset: number
  /** Offset just past it. */
  end: number
  /**
   * For a `break`: whether it separates sentences or paragraphs (a blank
   * line, a line ending in sentence punctuation, a list item following)
   * rather than wrapping a sentence.
   */
  hard?: boolean
}

// Characters an English OCR model puts in place of Vietnamese letters.
const junk = '&€¢¥£§@'
// Characters that belong to a word only between two word characters
// (`phu’o’ng`, `quo”'c`), and are punctuation elsewhere.
const inner = '’”\'‘`~{}'
const wordChar = new RegExp(`[\\p{L}\\p{N}\\p{M}${escape(junk)}]`, 'u')
const innerChar = new RegExp(`[${escape(inner)}]`, 'u')
// A document code such as `28-NQ/TW`, `08-QĐi/TW`, also when OCR turned the
// slash into `I` or split the issuer (`28-NQIT W`).
const codePattern =
  /\d{1,4}-[A-Za-zĐđ]{1,5}?(?:\/|\|| ?I(?= ?[A-ZĐ])) ?(?:[A-ZĐ] [A-ZĐ]|[A-ZĐ]{1,4})(?![\p{L}\p{N}])/uy
// Digits with inner separators: dates, decimals, section numbers.
const numberPattern = /\d+(?:[.,/:]\d+)*/y
// What may start a list item, which makes the line break before it hard.
const itemStart = /^[ \t]*(?:[-+•*]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLC]+\.)(?:\s|$)/
const sentenceEnd = /[.;:!?]["”’)]?[ \t]*$/
// Letters that are symbols, not syllables, so repair must not read them as
// words (`b)` → `bộ)`, `T/M` → `Tổ/Ở`): the letter of a list item starting
// a line (`a)`, `- đ)`), and one or two capitals joined to a slash, the
// abbreviations of signature blocks (`T/M`, `K/T`, `TM/`), except the kind
// and issuer of a code cut after its hyphen (`200- QD/TW`, whose `QD` is
// repaired as a word).
const listLetter = /^[a-zđ]$/
// An HTML tag in Markdown (`<sup>`, `</sup>`, `<br/>`): markup, not words.
const tagPattern = /<\/?[A-Za-z][A-Za-z\d-]*(?:\s[^<>\n]*)?\/?>/y
const bullets = new Set(['-', '+', '•', '*'])
const initials = /^[A-ZĐ]{1,2}$/
const slashGroup = /[\p{L}/]/u
const codeNumber = /\d-\s*$/

/**
 * @param value
 *   Characters to put in a character class.
 * @returns
 *   Escaped characters.
 */
function escape(value: string): string {
  return value.replace(/[\\\]^-]/g, '\\$&')
}

/**
 * @param value
 *   NFC text.
 * @param start
 *   Offset of a word.
 * @param end
 *   Offset just past it.
 * @param tokens
 *   Tokens before it.
 * @returns
 *   Whether the word is a list letter or an abbreviation's capitals.
 */
function isMark(value: string, start: number, end: number, tokens: Token[]): boolean {
  if (end - start > 2) return false
  const word = value.slice(start, end)
  if (value.charAt(end) === ')' && listLetter.test(word)) {
    // First on its line, or after a bullet that is (`- a)`).
    let before = tokens.length - 1
    const last = tokens[before]
    if (last?.kind === 'punct' && bullets.has(last.value)) before--
    return before < 0 || tokens[before]?.kind === 'break'
  }
  if (!initials.test(word) || (value.charAt(start - 1) !== '/' && value.charAt(end) !== '/')) return false
  // Back to the start of `KIND/ISSUER` (a code's parts are short).
  const stop = Math.max(0, start - 12)
  let from = start
  while (from > stop && slashGroup.test(value.charAt(from - 1))) from--
  return !codeNumber.test(value.slice(Math.max(0, from - 8), from))
}

/**
 * Cut an NFC text into tokens. Whitespace other than line breaks is left
 * out; every other character is covered by exactly one token.
 *
 * @param value
 *   NFC text.
 * @returns
 *   Tokens in order.
 */
export function tokenize(value: string): Token[] {
  const tokens: Token[] = []
  const length = value.length
  let index = 0
  let lineStart = 0

  while (index < length) {
    const char = value.charAt(index)

    if (char === '\n') {
      const line = value.slice(lineStart, index)
      const nextEnd = value.indexOf('\n', index + 1)
      const next = value.slice(index + 1, nextEnd < 0 ? length : nextEnd)
      const hard = line.trim() === '' || next.trim() === '' || sentenceEnd.test(line) || itemStart.test(next)
      tokens.push({kind: 'break', value: char, offset: index, end: index + 1, hard})
      index++
      lineStart = index
      continue
    }

    if (char === ' ' || char === '\t' || char === '\r' || char === '\u00a0' || /\s/.test(char)) {
      index++
      continue
    }

    // A document code, or an HTML tag, is one token.
    const [kind, pattern] = char >= '0' && char <= '9' ? (['code', codePattern] as const) : char === '<' ? (['mark', tagPattern] as const) : [null, null]
    if (pattern) {
      pattern.lastIndex = index
      const match = pattern.exec(value)
      if (match) {
        tokens.push({kind, value: match[0], offset: index, end: index + match[0].length})
        index += match[0].length
        continue
      }
    }

    if (wordChar.test(char)) {
      let end = index + 1
      while (end < length) {
        const next = value.charAt(end)
        if (wordChar.test(next)) {
          end++
          continue
        }
        if (innerChar.test(next)) {
          // Take a run of inner characters only when a word character follows.
          let after = end + 1
          while (after < length && innerChar.test(value.charAt(after))) after++
          if (after < length && wordChar.test(value.charAt(after))) {
            end = after
            continue
          }
        }
        break
      }
      let word = value.slice(index, end)
      if (/^\d/.test(word)) {
        numberPattern.lastIndex = index
        const number = numberPattern.exec(value)
        if (number && number[0].length >= word.length) {
          word = number[0]
          tokens.push({kind: 'number', value: word, offset: index, end: index + word.length})
          index += word.length
          continue
        }
      }
      tokens.push({kind: isMark(value, index, end, tokens) ? 'mark' : 'word', value: word, offset: index, end})
      index = end
      continue
    }

    // Astral characters are one token, not two halves.
    const codePoint = value.codePointAt(index) ?? 0
    const size = codePoint > 0xffff ? 2 : 1
    tokens.push({kind: 'punct', value: value.slice(index, index + size), offset: index, end: index + size})
    index += size
  }

  return tokens
}
