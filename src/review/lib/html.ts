/**
 * HTML building blocks: escaping, bilingual labels, the page frame. Every
 * piece of document text goes through `escapeHtml` (element content) or
 * `escapeAttribute` (attribute values), so a document holding `<script>`
 * shows as text.
 */

/** Characters that HTML gives a meaning, with their references. */
const references: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

/**
 * Escape text for element content or a quoted attribute value.
 *
 * @param value
 *   Text (numbers and null are shown as text too).
 * @returns
 *   HTML-safe text.
 */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  return String(value).replace(/[&<>"']/g, (char) => references[char] ?? char)
}

/**
 * A bilingual label: Vietnamese, then English in a quieter type.
 *
 * @param vi
 *   Vietnamese (trusted label text, escaped anyway).
 * @param en
 *   English.
 * @returns
 *   HTML.
 */
export function bi(vi: string, en: string): string {
  return '<span class="vi">' + escapeHtml(vi) + '</span> <span class="en">' + escapeHtml(en) + '</span>'
}

/**
 * A bilingual text for places that hold plain text only (`title`, `placeholder`, `<option>`).
 *
 * @param vi
 *   Vietnamese.
 * @param en
 *   English.
 * @returns
 *   Text, not escaped.
 */
export function biText(vi: string, en: string): string {
  return vi + ' / ' + en
}

/**
 * A link target inside the workspace, with its query, escaped for an attribute.
 *
 * @param path
 *   Path segments (each is URI-encoded).
 * @param query
 *   Query parameters (null and empty values left out).
 * @returns
 *   Escaped `href` value.
 */
export function href(path: readonly string[], query: Record<string, string | number | null | undefined> = {}): string {
  const search = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => encodeURIComponent(key) + '=' + encodeURIComponent(String(value)))
    .join('&')
  return escapeHtml('/' + path.map((part) => encodeURIComponent(part)).join('/') + (search ? '?' + search : ''))
}

/** Which part of the workspace a page belongs to, for the navigation bar. */
export type Section = 'matrix' | 'documents' | 'repairs' | 'history'

/** Options for {@link page}. */
export interface PageOptions {
  /** Text of `<title>` (plain text). */
  title: string
  /** Section, highlighted in the navigation. */
  section: Section
  /** Main content (HTML). */
  body: string
}

/**
 * The page frame: head, navigation, the editor's name field, content. The
 * script and style are separate same-origin files, so the content security
 * policy can forbid inline script altogether.
 *
 * @param options
 *   Title, section and content.
 * @returns
 *   Full HTML document.
 */
export function page(options: PageOptions): string {
  const link = (section: Section, target: string, vi: string, en: string): string =>
    '<a href="' + target + '"' + (section === options.section ? ' aria-current="page"' : '') + '>' + bi(vi, en) + '</a>'
  return (
    '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<title>' + escapeHtml(options.title) + ' · doichieu</title>\n' +
    '<link rel="stylesheet" href="/assets/review.css">\n<script src="/assets/review.js" defer></script>\n</head>\n' +
    '<body data-section="' + options.section + '">\n<header class="bar">\n' +
    '<a class="brand" href="/">doichieu <span class="en">review</span></a>\n<nav>' +
    link('matrix', '/', 'Ma trận', 'Matrix') +
    link('documents', '/documents', 'Văn bản', 'Documents') +
    link('repairs', '/repairs', 'Sửa OCR', 'OCR repairs') +
    link('history', '/decisions', 'Lịch sử', 'History') +
    '</nav>\n<label class="editor">' + bi('Người sửa', 'Editor') +
    ' <input id="editor-name" name="editor" autocomplete="name" maxlength="80" placeholder="' + escapeHtml(biText('Tên của bạn', 'your name')) + '"></label>\n' +
    '</header>\n<main>\n' + options.body + '\n</main>\n<div id="toast" role="status" aria-live="polite" hidden></div>\n</body>\n</html>\n'
  )
}

/**
 * Cut a text for a cell or a tooltip.
 *
 * @param value
 *   Text.
 * @param length
 *   Most characters kept.
 * @returns
 *   Text, with `…` when cut.
 */
export function clip(value: string, length: number): string {
  const chars = Array.from(value)
  return chars.length > length ? chars.slice(0, length - 1).join('') + '…' : value
}

/**
 * A score as a percentage.
 *
 * @param value
 *   Score from 0 to 1.
 * @returns
 *   Text like `62%`.
 */
export function percent(value: number): string {
  return Math.round(value * 100) + '%'
}

/**
 * A time for people: `2025-03-10 08:15 UTC`.
 *
 * @param at
 *   ISO time.
 * @returns
 *   Text.
 */
export function when(at: string): string {
  return at.slice(0, 10) + ' ' + at.slice(11, 16) + ' UTC'
}
