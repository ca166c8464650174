/**
 * The OCR repairs of one document: each changed line of the source beside
 * its repair, the low-confidence words highlighted, and a form to correct a
 * word. Also the list of repaired documents.
 */
import {groupBy} from '../../util.js'
import {repairedColumn} from './apply.js'
import {bi, biText, clip, escapeHtml, href, page, percent, when} from './html.js'
import type {RepairChange, RepairRecord} from './types.js'

/** Lines per page: enough to read on, few enough to keep the page light on a laptop. */
export const linesPerPage = 40

/** Data of {@link repairsPage}. */
export interface RepairsPageData {
  /** Document id. */
  id: string
  /** Source path. */
  file: string
  /** Title, or null. */
  title: string | null
  /** Repairs, with decisions applied. */
  record: RepairRecord
  /** Which lines: with a low-confidence (or corrected) word, or all changed lines. */
  show: 'low' | 'all'
  /** Page number, from 1. */
  page: number
  /** Line to show: its page wins over `page`. */
  line: number | null
}

/** A repaired document in the list. */
export interface RepairSummary {
  /** Document id. */
  id: string
  /** Source path. */
  file: string
  /** Title, or null. */
  title: string | null
  /** Changed tokens. */
  changes: number
  /** Low-confidence ones. */
  low: number
  /** Corrected by editors. */
  corrected: number
}

/**
 * The list of OCR-repaired documents.
 *
 * @param summaries
 *   Repaired documents.
 * @returns
 *   HTML.
 */
export function repairsIndexPage(summaries: RepairSummary[]): string {
  const body =
    '<h1>' + bi('Sửa lỗi OCR', 'OCR repairs') + '</h1>\n' +
    (summaries.length === 0
      ? '<p class="notice">' + bi('Không có văn bản nào được sửa OCR trong lần chạy cuối.', 'No document was OCR-repaired in the last run.') + '</p>'
      : '<div class="table-wrap"><table class="list"><thead><tr><th scope="col">' + bi('Văn bản', 'Document') + '</th>' +
        '<th scope="col">' + bi('Từ đã sửa', 'Repaired words') + '</th><th scope="col">' + bi('Cần xem', 'To check') + '</th>' +
        '<th scope="col">' + bi('Người sửa đã chỉnh', 'Corrected by editors') + '</th></tr></thead><tbody>' +
        summaries
          .map(
            (summary) =>
              '<tr><td><a href="' + href(['repairs', summary.id]) + '">' + escapeHtml(clip(summary.title ?? summary.id, 110)) + '</a>' +
              '<br><span class="file">' + escapeHtml(summary.file) + '</span></td>' +
              '<td class="num">' + summary.changes + '</td><td class="num low-count">' + summary.low + '</td><td class="num">' + summary.corrected + '</td></tr>'
          )
          .join('\n') +
        '</tbody></table></div>')
  return page({title: biText('Sửa OCR', 'OCR repairs'), section: 'repairs', body})
}

/**
 * The repairs page of one document.
 *
 * @param data
 *   Document, repairs, filter, page.
 * @returns
 *   HTML.
 */
export function repairsPage(data: RepairsPageData): string {
  const {record} = data
  const changes = record.changes
  const byLine = groupBy(changes, (change) => change.line)
  const wanted = (change: RepairChange): boolean => change.low || change.review?.low === true
  const lines = [...byLine.keys()].sort((a, b) => a - b).filter((line) => data.show === 'all' || (byLine.get(line) ?? []).some(wanted))
  const pages = Math.max(1, Math.ceil(lines.length / linesPerPage))
  const place = data.line === null ? -1 : lines.indexOf(data.line)
  const current = place >= 0 ? Math.floor(place / linesPerPage) + 1 : Math.min(Math.max(1, data.page), pages)
  const shown = lines.slice((current - 1) * linesPerPage, current * linesPerPage)
  const textLines = record.text === null ? null : record.text.split('\n')
  const low = changes.filter((change) => change.review?.low ?? change.low).length
  const open = changes.filter((change) => change.low).length
  const corrected = changes.filter((change) => change.review).length

  const parts: string[] = []
  parts.push('<h1>' + bi('Sửa lỗi OCR', 'OCR repairs') + '</h1>')
  parts.push(
    '<p class="lede"><a href="' + href(['documents', data.id]) + '">' + escapeHtml(clip(data.title ?? data.id, 160)) + '</a>' +
      ' <span class="file">' + escapeHtml(data.file) + '</span></p>'
  )
  parts.push(
    '<p class="stats">' + changes.length + ' ' + bi('từ đã sửa', 'repaired words') +
      ' · <span class="low-count">' + low + ' ' + bi('độ tin cậy thấp', 'low confidence') + (low > 0 ? ' (' + open + ' ' + bi('chưa xem', 'unchecked') + ')' : '') + '</span>' +
      ' · ' + corrected + ' ' + bi('người sửa đã chỉnh', 'corrected by editors') + '</p>'
  )
  const filter = (show: 'low' | 'all', label: string): string =>
    '<a class="filter' + (data.show === show ? ' on' : '') + '" href="' + href(['repairs', data.id], {show}) + '"' + (data.show === show ? ' aria-current="true"' : '') + '>' + label + '</a>'
  parts.push(
    '<div class="toolbar">' + filter('low', bi('Dòng có từ cần xem', 'Lines with words to check')) + filter('all', bi('Mọi dòng đã sửa', 'All repaired lines')) +
      '<span class="legend-inline"><span class="tok low">' + bi('cần xem', 'check') + '</span> <span class="tok">' + bi('đã sửa', 'repaired') + '</span> <span class="tok edited">' + bi('người sửa', 'editor') + '</span></span>' +
      pager(data, current, pages) + '</div>'
  )
  parts.push('<p class="hint">' + bi('Bấm vào một từ ở dòng đã sửa để chỉnh.', 'Click a word in a repaired line to correct it.') + '</p>')
  if (shown.length === 0) {
    parts.push('<p class="notice">' + bi('Không có dòng nào cần xem.', 'No lines to check.') + '</p>')
  }
  parts.push(
    '<ol class="repair-lines">' +
      shown
        .map((line) => {
          const list = (byLine.get(line) ?? []).slice().sort((a, b) => a.column - b.column)
          const repaired = textLines?.[line - 1]
          return (
            '<li class="rline" id="l-' + line + '"><span class="ln">' + line + '</span>' +
            '<div class="pair"><div class="src"><span class="tag">' + bi('Gốc', 'Source') + '</span>' +
            (repaired === undefined ? tokensOnly(list, 'source') : sourceLine(repaired, list, changes)) + '</div>' +
            '<div class="rep"><span class="tag">' + bi('Sửa', 'Repaired') + '</span>' +
            (repaired === undefined ? tokenButtons(list, data.id) : repairedLine(repaired, list, changes, data.id)) + '</div></div></li>'
          )
        })
        .join('\n') +
      '</ol>'
  )
  parts.push(pager(data, current, pages))
  parts.push(wordForm())
  return page({title: biText('Sửa OCR', 'OCR repairs') + ' · ' + clip(data.title ?? data.id, 60), section: 'repairs', body: parts.join('\n')})
}

/**
 * Links to the other pages of lines.
 *
 * @param data
 *   Page data.
 * @param current
 *   Current page.
 * @param pages
 *   Number of pages.
 * @returns
 *   HTML (empty for one page).
 */
function pager(data: RepairsPageData, current: number, pages: number): string {
  if (pages <= 1) return ''
  const link = (number: number, label: string): string =>
    number === current
      ? '<span class="page on" aria-current="page">' + label + '</span>'
      : '<a class="page" href="' + href(['repairs', data.id], {show: data.show, page: number}) + '">' + label + '</a>'
  const links: string[] = []
  if (current > 1) links.push(link(current - 1, '‹'))
  for (let number = 1; number <= pages; number++) links.push(link(number, String(number)))
  if (current < pages) links.push(link(current + 1, '›'))
  return '<nav class="pager" aria-label="' + escapeHtml(biText('Trang', 'Pages')) + '">' + links.join('') + '</nav>'
}

/**
 * The source line, rebuilt from the repaired line by putting each source
 * token back (repair keeps line N of the source as line N), with the
 * changed tokens marked.
 *
 * @param repaired
 *   Repaired line.
 * @param list
 *   Changes on the line, by column.
 * @param all
 *   All changes of the document.
 * @returns
 *   HTML.
 */
function sourceLine(repaired: string, list: RepairChange[], all: RepairChange[]): string {
  return segments(repaired, list, all, (change) =>
    '<mark class="src-tok' + (change.low || change.review?.low ? ' low' : '') + '">' + escapeHtml(change.source) + '</mark>'
  )
}

/**
 * The repaired line with each changed word as a button.
 *
 * @param repaired
 *   Repaired line.
 * @param list
 *   Changes on the line, by column.
 * @param all
 *   All changes of the document.
 * @param document
 *   Document id.
 * @returns
 *   HTML.
 */
function repairedLine(repaired: string, list: RepairChange[], all: RepairChange[], document: string): string {
  return segments(repaired, list, all, (change) => tokenButton(change, document))
}

/**
 * Cut a repaired line into plain text and changed tokens.
 *
 * @param repaired
 *   Repaired line.
 * @param list
 *   Changes on the line, by column.
 * @param all
 *   All changes of the document.
 * @param token
 *   Renders one changed token.
 * @returns
 *   HTML.
 */
function segments(repaired: string, list: RepairChange[], all: RepairChange[], token: (change: RepairChange) => string): string {
  let html = ''
  let at = 0
  for (const change of list) {
    const start = repairedColumn(all, change) - 1
    if (start < at || repaired.slice(start, start + change.repair.length) !== change.repair) {
      // The text is out of step with its changes: show the tokens rather than a wrong line.
      return tokensOnly(list, 'repair')
    }
    html += escapeHtml(repaired.slice(at, start)) + token(change)
    at = start + change.repair.length
  }
  return html + escapeHtml(repaired.slice(at))
}

/**
 * The changed tokens of a line without the rest of it.
 *
 * @param list
 *   Changes.
 * @param field
 *   Which side.
 * @returns
 *   HTML.
 */
function tokensOnly(list: RepairChange[], field: 'source' | 'repair'): string {
  return list.map((change) => '<mark class="src-tok' + (change.low ? ' low' : '') + '">' + escapeHtml(change[field]) + '</mark>').join(' … ')
}

/**
 * Buttons for the changed tokens of a line without the rest of it.
 *
 * @param list
 *   Changes.
 * @param document
 *   Document id.
 * @returns
 *   HTML.
 */
function tokenButtons(list: RepairChange[], document: string): string {
  return list.map((change) => tokenButton(change, document)).join(' … ')
}

/**
 * One repaired word as a button that opens the correction form.
 *
 * @param change
 *   Change.
 * @param document
 *   Document id.
 * @returns
 *   HTML.
 */
function tokenButton(change: RepairChange, document: string): string {
  const review = change.review
  const classes = ['tok']
  if (change.low) classes.push('low')
  if (review) classes.push('edited')
  const title = review
    ? biText('Người sửa', 'editor') + ': ' + review.decision.author + ', ' + when(review.decision.at) + ' · ' + biText('máy', 'machine') + ': ' + review.machine
    : biText('Độ tin cậy', 'confidence') + ' ' + percent(change.confidence)
  return (
    '<button type="button" class="' + classes.join(' ') + '" title="' + escapeHtml(title) + '"' +
    ' data-document="' + escapeHtml(document) + '" data-target="' + change.line + ':' + change.column + '"' +
    ' data-source="' + escapeHtml(change.source) + '" data-current="' + escapeHtml(change.repair) + '"' +
    ' data-machine="' + escapeHtml(review ? review.machine : change.repair) + '"' +
    ' data-confidence="' + escapeHtml(percent(review ? review.confidence : change.confidence)) + '"' +
    ' data-alternatives="' + escapeHtml(JSON.stringify(change.alternatives.map((alternative) => alternative.value))) + '">' +
    escapeHtml(change.repair) + '</button>'
  )
}

/**
 * The one correction form, which the script moves under the clicked line.
 *
 * @returns
 *   HTML.
 */
function wordForm(): string {
  return (
    '<form id="word-form" class="decide word-form" data-kind="word" hidden>' +
    '<div class="wf-head">' + bi('Gốc', 'Source') + ': <code class="wf-source"></code> → ' + bi('máy sửa', 'machine') + ': <code class="wf-machine"></code>' +
    ' <span class="wf-confidence"></span> · ' + bi('hiện tại', 'now') + ': <code class="wf-current"></code></div>' +
    '<div class="wf-alternatives" aria-label="' + escapeHtml(biText('Cách đọc khác', 'Other readings')) + '"></div>' +
    '<label><span class="label">' + bi('Từ đúng', 'Correct word') + '</span> <input name="value" required maxlength="64" autocomplete="off" spellcheck="false"></label>' +
    ' <input name="comment" class="comment" maxlength="2000" placeholder="' + escapeHtml(biText('Ghi chú (không bắt buộc)', 'comment (optional)')) + '">' +
    ' <button type="submit" name="action" value="word">' + bi('Lưu', 'Save') + '</button>' +
    ' <button type="button" class="wf-close">' + bi('Đóng', 'Close') + '</button>' +
    '</form>'
  )
}
