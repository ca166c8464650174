/**
 * The gap matrix page and the list of documents.
 */
import {bi, biText, clip, escapeHtml, href, page} from './html.js'
import {groupClass, statusLabel} from './labels.js'
import type {GapCell, GapMatrix} from './types.js'

/** What the pages show about one document in lists. */
export interface DocumentSummary {
  /** Document id. */
  id: string
  /** Source path. */
  file: string
  /** Title as written, or null. */
  title: string | null
  /** Province, or null. */
  province: string | null
  /** Date of issue, or null. */
  date: string | null
  /** Whether processing failed (no tree). */
  failed: boolean
  /** Nodes the alignment looked at (or editors gave a group). */
  tasks: number
  /** Of those, nodes with an editor's decision. */
  reviewed: number
  /** Repairs, when the document was OCR-repaired. */
  repairs: {changes: number; low: number; corrected: number} | null
}

/** Data of {@link matrixPage}. */
export interface MatrixPageData {
  /** The matrix of the last run, or null when there is none. */
  matrix: GapMatrix | null
  /** The documents of the last run. */
  documents: DocumentSummary[]
  /** Decisions recorded after the matrix was written (the next run will show them). */
  pending: number
}

/**
 * The gap matrix: one row per implementing document, one column per group;
 * a cell leads to the document's items of that group and the cell's evidence.
 *
 * @param data
 *   Matrix, documents, pending decisions.
 * @returns
 *   HTML.
 */
export function matrixPage(data: MatrixPageData): string {
  const {matrix} = data
  const parts: string[] = []
  parts.push('<h1>' + bi('Ma trận khoảng trống', 'Gap matrix') + '</h1>')
  if (!matrix) {
    parts.push(
      '<p class="notice">' +
        bi('Chưa có ma trận: hãy chạy', 'No matrix yet: run') +
        ' <code>doichieu run</code> ' +
        bi('(cần bước đối chiếu).', '(alignment must have run).') +
        '</p>'
    )
    parts.push(documentTable(data.documents))
    return page({title: biText('Ma trận', 'Matrix'), section: 'matrix', body: parts.join('\n')})
  }
  const reference = matrix.reference
  parts.push(
    '<p class="lede">' +
      bi('Đối chiếu với', 'Checked against') +
      ' <strong>' + escapeHtml(reference.code ?? reference.id ?? '') + '</strong>' +
      (reference.title ? ' — ' + escapeHtml(clip(reference.title, 160)) : '') +
      '</p>'
  )
  if (data.pending > 0) {
    parts.push(
      '<p class="notice pending">' +
        bi(data.pending + ' quyết định mới chưa vào ma trận — chạy lại', data.pending + ' new decisions not in the matrix yet — run') +
        ' <code>doichieu run</code></p>'
    )
  }
  const groups = reference.groups
  const head =
    '<thead><tr><th scope="col" class="doc-col">' + bi('Văn bản', 'Document') + '</th>' +
    groups
      .map(
        (group) =>
          '<th scope="col" class="group-col ' + groupClass(groups, group.id) + '" title="' + escapeHtml(group.title) + '">' +
          '<span class="gid">' + escapeHtml(group.id) + '</span> <span class="gtitle">' + escapeHtml(clip(group.title, 70)) + '</span></th>'
      )
      .join('') +
    '</tr></thead>'
  const rows = matrix.rows
    .map((row) => {
      const name =
        '<th scope="row" class="doc-col"><a href="' + href(['documents', row.id]) + '">' +
        (row.province
          ? '<span class="province">' + escapeHtml(row.province) + '</span>'
          : '<span class="province unknown">' + bi('Chưa rõ tỉnh', 'province unknown') + '</span>') +
        '</a><span class="file">' + escapeHtml(row.id) + '</span></th>'
      const cells = groups.map((group) => cell(row.id, group.id, row.cells[group.id])).join('')
      return '<tr>' + name + cells + '</tr>'
    })
    .join('\n')
  parts.push('<div class="table-wrap"><table class="matrix">' + head + '<tbody>' + rows + '</tbody></table></div>')
  parts.push(
    '<p class="legend">' +
      ['covered', 'partial', 'missing'].map((status) => '<span class="chip st-' + status + '">' + statusLabel(status) + '</span>').join(' ') +
      ' · ' + bi('Bấm vào ô để xem bằng chứng và các mục của nhóm.', 'Click a cell for its evidence and the group’s items.') +
      '</p>'
  )
  if (matrix.related.length > 0) {
    parts.push('<h2>' + bi('Văn bản liên quan', 'Related documents') + '</h2>')
    parts.push(
      '<ul class="related">' +
        matrix.related
          .map(
            (related) =>
              '<li><a href="' + href(['documents', related.id]) + '">' + escapeHtml(clip(related.title ?? related.file, 120)) + '</a>' +
              ' <span class="file">' + escapeHtml(related.file) + '</span>' +
              (related.reason ? '<br><span class="reason">' + escapeHtml(related.reason) + '</span>' : '') +
              '</li>'
          )
          .join('') +
        '</ul>'
    )
  }
  return page({title: biText('Ma trận', 'Matrix'), section: 'matrix', body: parts.join('\n')})
}

/**
 * The list of documents.
 *
 * @param documents
 *   Documents.
 * @returns
 *   HTML page.
 */
export function documentsPage(documents: DocumentSummary[]): string {
  const body = '<h1>' + bi('Văn bản', 'Documents') + '</h1>\n' + documentTable(documents)
  return page({title: biText('Văn bản', 'Documents'), section: 'documents', body})
}

/**
 * A table of documents.
 *
 * @param documents
 *   Documents.
 * @returns
 *   HTML.
 */
function documentTable(documents: DocumentSummary[]): string {
  if (documents.length === 0) {
    return '<p class="notice">' + bi('Chưa có văn bản nào trong thư mục kết quả: hãy chạy', 'No documents in the output folder yet: run') + ' <code>doichieu run</code></p>'
  }
  const rows = documents
    .map(
      (document) =>
        '<tr><td>' + escapeHtml(document.province ?? '—') + '</td>' +
        '<td><a href="' + href(['documents', document.id]) + '">' + escapeHtml(clip(document.title ?? document.id, 110)) + '</a>' +
        '<br><span class="file">' + escapeHtml(document.file) + '</span>' +
        (document.failed ? ' <span class="chip st-missing">' + bi('lỗi', 'failed') + '</span>' : '') + '</td>' +
        '<td>' + escapeHtml(document.date ?? '—') + '</td>' +
        '<td class="num">' + document.tasks + '</td><td class="num">' + document.reviewed + '</td>' +
        '<td>' +
        (document.repairs
          ? '<a href="' + href(['repairs', document.id]) + '">' + document.repairs.changes + ' ' + bi('từ', 'words') + '</a>' +
            (document.repairs.low > 0 ? ' · <span class="low-count">' + document.repairs.low + ' ' + bi('cần xem', 'to check') + '</span>' : '')
          : '—') +
        '</td></tr>'
    )
    .join('\n')
  return (
    '<div class="table-wrap"><table class="list"><thead><tr>' +
    '<th scope="col">' + bi('Tỉnh', 'Province') + '</th><th scope="col">' + bi('Văn bản', 'Document') + '</th>' +
    '<th scope="col">' + bi('Ngày', 'Date') + '</th><th scope="col">' + bi('Mục đối chiếu', 'Aligned items') + '</th>' +
    '<th scope="col">' + bi('Đã rà soát', 'Reviewed') + '</th><th scope="col">' + bi('Sửa OCR', 'OCR repairs') + '</th>' +
    '</tr></thead><tbody>' + rows + '</tbody></table></div>'
  )
}

/**
 * One matrix cell: status, counts, gaps, as a link to the evidence.
 *
 * @param document
 *   Document id.
 * @param group
 *   Group id.
 * @param value
 *   Cell, if the row has one.
 * @returns
 *   HTML.
 */
function cell(document: string, group: string, value: GapCell | undefined): string {
  if (!value) return '<td class="cell st-none">—</td>'
  const missing = value.subpoints.missing.length
  const counts = value.counts
  const title = (value.reasons ?? []).join(' ')
  return (
    '<td class="cell st-' + escapeHtml(value.status) + '"' + (title ? ' title="' + escapeHtml(title) + '"' : '') + '>' +
    '<a href="' + href(['documents', document], {group}) + '#group-panel">' +
    '<span class="st">' + statusLabel(value.status) + '</span>' +
    '<span class="counts">' + counts.items + ' ' + bi('mục', 'items') +
    (counts.assignments > 0 ? ' · ' + counts.assignments + ' ' + bi('giao việc', 'assigned') : '') +
    (counts.targets > 0 ? ' · ' + counts.targets + ' ' + bi('chỉ tiêu', 'targets') : '') +
    '</span>' +
    (missing > 0 ? '<span class="gaps">' + bi('thiếu ' + missing + ' ý', missing + ' sub-point' + (missing === 1 ? '' : 's') + ' missing') + '</span>' : '') +
    '</a></td>'
  )
}
