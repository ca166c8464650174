/**
 * The history of decisions, newest first, with the decisions that no
 * longer apply at the top; and the error page.
 */
import type {Orphan} from './apply.js'
import {anchor} from './document-page.js'
import {bi, biText, clip, escapeHtml, href, page, when} from './html.js'
import {kindLabel} from './labels.js'
import type {Decision} from './types.js'

/** Data of {@link historyPage}. */
export interface HistoryPageData {
  /** Decisions to list (any order). */
  decisions: Decision[]
  /** Decisions that no longer apply to the last run's outputs. */
  orphans: Orphan[]
  /** Document the list is limited to, or null. */
  document: string | null
}

/**
 * The history page.
 *
 * @param data
 *   Decisions, orphans, filter.
 * @returns
 *   HTML.
 */
export function historyPage(data: HistoryPageData): string {
  const decisions = [...data.decisions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  const parts: string[] = []
  parts.push('<h1>' + bi('Lịch sử quyết định', 'Decision history') + '</h1>')
  if (data.document) {
    parts.push('<p class="lede">' + bi('Văn bản', 'Document') + ': <a href="' + href(['documents', data.document]) + '">' + escapeHtml(data.document) + '</a>' +
      ' · <a href="/decisions">' + bi('Mọi văn bản', 'All documents') + '</a></p>')
  }
  if (data.orphans.length > 0) {
    parts.push(
      '<section class="orphans"><h2>' + bi('Quyết định không còn áp dụng được', 'Decisions that no longer apply') + '</h2>' +
        '<p>' + bi('Văn bản đã thay đổi kể từ khi các quyết định này được đưa ra. Hãy xem lại và quyết định lại nếu cần.',
          'The documents changed since these decisions were made. Check them and decide again where needed.') + '</p>' +
        '<ul>' +
        data.orphans
          .map((orphan) => '<li><strong>' + escapeHtml(orphan.decision.document) + '</strong> · ' + kindLabel(orphan.decision.kind) + ' · ' +
            escapeHtml(orphan.decision.target) + ' · ' + escapeHtml(orphan.decision.author) + ', ' + escapeHtml(when(orphan.decision.at)) +
            '<br><span class="reason">' + escapeHtml(orphan.message) + '</span></li>')
          .join('') +
        '</ul></section>'
    )
  }
  if (decisions.length === 0) {
    parts.push('<p class="notice">' + bi('Chưa có quyết định nào.', 'No decisions yet.') + '</p>')
    return page({title: biText('Lịch sử', 'History'), section: 'history', body: parts.join('\n')})
  }
  parts.push(
    '<div class="table-wrap"><table class="list history"><thead><tr>' +
      '<th scope="col">' + bi('Thời điểm', 'When') + '</th><th scope="col">' + bi('Người sửa', 'Editor') + '</th>' +
      '<th scope="col">' + bi('Văn bản', 'Document') + '</th><th scope="col">' + bi('Loại', 'Kind') + '</th>' +
      '<th scope="col">' + bi('Đối tượng', 'Target') + '</th><th scope="col">' + bi('Cũ → mới', 'Old → new') + '</th>' +
      '<th scope="col">' + bi('Ghi chú', 'Comment') + '</th></tr></thead><tbody>' +
      decisions
        .map(
          (decision) =>
            '<tr><td class="nowrap">' + escapeHtml(when(decision.at)) + '</td><td>' + escapeHtml(decision.author) + '</td>' +
            '<td><a href="' + href(['decisions'], {document: decision.document}) + '">' + escapeHtml(decision.document) + '</a></td>' +
            '<td>' + kindLabel(decision.kind) + '</td><td>' + target(decision) + '</td>' +
            '<td>' + value(decision.old) + ' → ' + value(decision.value) + '</td>' +
            '<td>' + escapeHtml(decision.comment ?? '') + '</td></tr>'
        )
        .join('\n') +
      '</tbody></table></div>'
  )
  return page({title: biText('Lịch sử', 'History'), section: 'history', body: parts.join('\n')})
}

/**
 * An error page.
 *
 * @param status
 *   HTTP status.
 * @param en
 *   Message in English.
 * @param vi
 *   Message in Vietnamese.
 * @returns
 *   HTML.
 */
export function errorPage(status: number, en: string, vi: string): string {
  return page({
    title: String(status),
    section: 'matrix',
    body: '<h1>' + status + '</h1><p class="notice">' + bi(vi, en) + '</p><p><a href="/">' + bi('Về ma trận', 'Back to the matrix') + '</a></p>'
  })
}

/**
 * The target of a decision, as a link where it has a page.
 *
 * @param decision
 *   Decision.
 * @returns
 *   HTML.
 */
function target(decision: Decision): string {
  if (decision.kind === 'group' || decision.kind === 'confirm') {
    return (
      '<a href="' + href(['documents', decision.document]) + '#' + escapeHtml(anchor(decision.target)) + '">' + escapeHtml(clip(decision.context ?? decision.target, 90)) + '</a>' +
      '<br><span class="context">' + escapeHtml(decision.target) + '</span>'
    )
  }
  if (decision.kind === 'word') {
    const line = decision.target.split(':')[0] ?? ''
    return '<a href="' + href(['repairs', decision.document], {show: 'all', line}) + '#l-' + escapeHtml(line) + '">' + bi('dòng', 'line') + ' ' + escapeHtml(decision.target) + '</a>' +
      (decision.context ? ' <code>' + escapeHtml(decision.context) + '</code>' : '')
  }
  return escapeHtml(decision.target)
}

/**
 * A decision value for the table.
 *
 * @param value
 *   Value.
 * @returns
 *   HTML.
 */
function value(value: string | null): string {
  return value === null ? '<span class="null">∅</span>' : '<code>' + escapeHtml(value) + '</code>'
}
