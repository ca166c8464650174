/**
 * One document: its metadata, and its tree with each item's group, score,
 * runner-up and evidence, with the forms to confirm or reassign.
 */
import {bi, biText, clip, escapeHtml, href, page, percent, when} from './html.js'
import {actionLabel, groupClass, statusLabel} from './labels.js'
import type {GapRow, MetaField, ReferenceGroup, RelatedDocument, ReviewDocument, ReviewNode} from './types.js'

/** Data of {@link documentPage}. */
export interface DocumentPageData {
  /** The document, with decisions applied. */
  document: ReviewDocument
  /** Groups of the reference (empty when there is no alignment yet). */
  groups: ReferenceGroup[]
  /** The document's matrix row, if it implements the reference. */
  row: GapRow | null
  /** The document's entry among related documents, if it is one. */
  related: RelatedDocument | null
  /** Group to focus on (`?group=`), or null. */
  focus: string | null
  /** Whether the document has OCR repairs. */
  repaired: boolean
}

/**
 * The document page.
 *
 * @param data
 *   Document, reference groups, matrix row, focus.
 * @returns
 *   HTML.
 */
export function documentPage(data: DocumentPageData): string {
  const {document, groups} = data
  const focus = data.focus !== null && groups.some((group) => group.id === data.focus) ? data.focus : null
  const title = document.meta?.title ?? document.id
  const parts: string[] = []
  parts.push('<h1 class="doc-title">' + escapeHtml(title) + '</h1>')
  parts.push(
    '<p class="lede"><span class="file">' + escapeHtml(document.file) + '</span>' +
      (data.repaired ? ' · <a href="' + href(['repairs', document.id]) + '">' + bi('Xem sửa OCR', 'See OCR repairs') + '</a>' : '') +
      ' · <a href="' + href(['decisions'], {document: document.id}) + '">' + bi('Lịch sử quyết định', 'Decision history') + '</a></p>'
  )
  if (data.related) {
    parts.push('<p class="notice">' + bi('Văn bản liên quan, không phải chương trình thực hiện', 'Related document, not an implementing program') +
      (data.related.reason ? ': ' + escapeHtml(data.related.reason) : '') + '</p>')
  }
  parts.push(metaPanel(document))
  if (focus && data.row) parts.push(cellPanel(data.row, groups, focus))
  if (!document.root) {
    parts.push('<p class="notice">' + bi('Văn bản không xử lý được.', 'The document could not be processed.') + '</p>')
    return page({title: clip(title, 80), section: 'documents', body: parts.join('\n')})
  }
  if (groups.length === 0) {
    parts.push('<p class="notice">' + bi('Chưa có kết quả đối chiếu: hãy chạy', 'No alignment yet: run') + ' <code>doichieu run</code></p>')
  }
  parts.push(toolbar(document, groups, focus))
  parts.push('<ol class="tree">' + document.root.children.map((node) => renderNode(node, data, focus, node.kind !== 'closing')).join('\n') + '</ol>')
  return page({title: clip(title, 80), section: 'documents', body: parts.join('\n')})
}

/**
 * The metadata panel, with forms for province and date.
 *
 * @param document
 *   Document.
 * @returns
 *   HTML.
 */
function metaPanel(document: ReviewDocument): string {
  const meta = document.meta
  if (!meta) return ''
  const field = (name: MetaField, vi: string, en: string, placeholder: string): string => {
    const value = meta[name]
    const review = document.review?.meta[name]
    return (
      '<form class="decide meta-form" data-kind="meta" data-document="' + escapeHtml(document.id) + '" data-target="' + name + '"' +
      ' data-current="' + escapeHtml(value ?? '') + '" data-null="' + (value === null ? '1' : '0') + '">' +
      '<label><span class="label">' + bi(vi, en) + '</span>' +
      ' <input name="value" value="' + escapeHtml(value ?? '') + '" placeholder="' + escapeHtml(placeholder) + '"' +
      (name === 'date' ? ' pattern="\\d{4}-\\d{2}-\\d{2}" inputmode="numeric"' : ' maxlength="100"') + '></label>' +
      ' <input name="comment" class="comment" maxlength="2000" placeholder="' + escapeHtml(biText('Ghi chú', 'comment')) + '">' +
      ' <button type="submit" name="action" value="meta">' + bi('Lưu', 'Save') + '</button>' +
      '<span class="status">' +
      (review
        ? bi('Đã sửa', 'corrected') + ' · ' + escapeHtml(review.decision.author) + ' · ' + escapeHtml(when(review.decision.at)) +
          ' · ' + bi('máy', 'machine') + ': ' + escapeHtml(review.machine ?? '—')
        : '') +
      '</span></form>'
    )
  }
  return (
    '<section class="meta-panel"><h2>' + bi('Thông tin văn bản', 'Document details') + '</h2>' +
    '<dl class="meta-static">' +
    (meta.kind ? '<dt>' + bi('Loại', 'Kind') + '</dt><dd>' + escapeHtml(meta.kind) + '</dd>' : '') +
    '</dl>' +
    field('province', 'Tỉnh', 'Province', biText('chưa rõ', 'unknown')) +
    field('date', 'Ngày ban hành', 'Date of issue', biText('chưa rõ', 'unknown') + ' · YYYY-MM-DD') +
    '</section>'
  )
}

/**
 * The panel of one matrix cell: status, reasons, counts, sub-points, evidence.
 *
 * @param row
 *   Matrix row.
 * @param groups
 *   Reference groups.
 * @param focus
 *   Group id.
 * @returns
 *   HTML.
 */
function cellPanel(row: GapRow, groups: ReferenceGroup[], focus: string): string {
  const cell = row.cells[focus]
  const group = groups.find((candidate) => candidate.id === focus)
  if (!cell || !group) return ''
  const names = new Map((group.subpoints ?? []).map((subpoint) => [subpoint.id, subpoint.name]))
  const subpoint = (id: string): string => '<li><span class="gid">' + escapeHtml(id) + '</span> ' + escapeHtml(names.get(id) ?? '') + '</li>'
  const counts = cell.counts
  return (
    '<section id="group-panel" class="cell-panel st-' + escapeHtml(cell.status) + '">' +
    '<h2><span class="badge ' + groupClass(groups, group.id) + '">' + escapeHtml(group.id) + '</span> ' + escapeHtml(group.title) + '</h2>' +
    '<p><span class="chip st-' + escapeHtml(cell.status) + '">' + statusLabel(cell.status) + '</span>' +
    (cell.coverage !== undefined ? ' · ' + bi('ý được đáp ứng', 'sub-points covered') + ': ' + percent(cell.coverage) : '') +
    ' · ' + counts.items + ' ' + bi('mục', 'items') + ' · ' + counts.targets + ' ' + bi('chỉ tiêu', 'targets') +
    ' · ' + counts.assignments + ' ' + bi('giao việc', 'assignments') + ' (' + counts.assignmentsWithDeadline + ' ' + bi('có thời hạn', 'with deadline') + ')</p>' +
    (cell.reasons && cell.reasons.length > 0 ? '<ul class="reasons">' + cell.reasons.map((reason) => '<li>' + escapeHtml(reason) + '</li>').join('') + '</ul>' : '') +
    '<div class="subpoints"><div><h3>' + bi('Ý đã có', 'Sub-points covered') + '</h3><ul>' + cell.subpoints.covered.map(subpoint).join('') + '</ul></div>' +
    '<div class="gaps-list"><h3>' + bi('Ý còn thiếu', 'Sub-points missing') + '</h3><ul>' +
    (cell.subpoints.missing.length > 0 ? cell.subpoints.missing.map(subpoint).join('') : '<li>' + bi('không', 'none') + '</li>') +
    '</ul></div></div>' +
    (cell.evidence.length > 0
      ? '<h3>' + bi('Bằng chứng', 'Evidence') + '</h3><ol class="evidence-list">' +
        cell.evidence
          .map(
            (item) =>
              '<li><a href="#' + escapeHtml(anchor(item.node)) + '">' + bi('dòng', 'line') + ' ' + item.line + '</a> ' +
              '<span class="score">' + item.score.toFixed(2) + '</span> ' + escapeHtml(clip(item.excerpt, 200)) +
              terms([...(item.phrases ?? []), ...(item.terms ?? [])]) +
              '</li>'
          )
          .join('') +
        '</ol>'
      : '') +
    '</section>'
  )
}

/**
 * The filter bar above the tree.
 *
 * @param document
 *   Document.
 * @param groups
 *   Groups.
 * @param focus
 *   Focused group, or null.
 * @returns
 *   HTML.
 */
function toolbar(document: ReviewDocument, groups: ReferenceGroup[], focus: string | null): string {
  if (groups.length === 0) return ''
  const link = (group: string | null, label: string): string =>
    '<a class="filter' + (group === focus ? ' on' : '') + '" href="' + href(['documents', document.id], {group}) + '"' +
    (group === focus ? ' aria-current="true"' : '') + '>' + label + '</a>'
  return (
    '<div class="toolbar"><span class="label">' + bi('Lọc theo nhóm', 'Filter by group') + ':</span> ' +
    link(null, bi('Tất cả', 'All')) +
    groups.map((group) => link(group.id, '<span class="badge ' + groupClass(groups, group.id) + '">' + escapeHtml(group.id) + '</span>')).join('') +
    ' <label class="toggle"><input type="checkbox" id="tasks-only"> ' + bi('Chỉ hiện mục đối chiếu', 'Aligned items only') + '</label>' +
    '</div>'
  )
}

/**
 * One node and its children.
 *
 * @param node
 *   Node.
 * @param data
 *   Page data.
 * @param focus
 *   Focused group, or null.
 * @param decidable
 *   Whether the node may be given a group (false inside closing blocks).
 * @returns
 *   HTML.
 */
function renderNode(node: ReviewNode, data: DocumentPageData, focus: string | null, decidable = true): string {
  const {groups} = data
  const task = node.group !== undefined || node.review !== undefined
  const classes = ['node', 'kind-' + node.kind]
  if (task) classes.push('task', groupClass(groups, node.group))
  if (node.review) classes.push('reviewed')
  if (focus && task && node.group !== focus) classes.push('dim')
  if (focus && task && node.group === focus) classes.push('focus')
  const heading = node.heading
  const evidence =
    task && node.evidence && (node.evidence.phrases.length > 0 || node.evidence.terms.length > 0)
      ? '<div class="why"><span class="label">' + bi('Vì sao máy chọn', 'Why the machine chose') + ':</span>' + terms(node.evidence.phrases, 'phrase') + terms(node.evidence.terms.slice(0, 6), 'term') + '</div>'
      : ''
  const text =
    '<div class="text"><a class="line" href="#' + escapeHtml(anchor(node.id)) + '" title="' + escapeHtml(biText('dòng', 'line') + ' ' + node.line) + '">' + node.line + '</a>' +
    (node.num ? '<span class="num">' + escapeHtml(node.num) + '</span> ' : '') +
    (heading ? '<strong class="heading">' + escapeHtml(heading) + '</strong>' + (node.text && node.text !== heading ? ' ' + escapeHtml(node.text) : '') : escapeHtml(node.text)) +
    evidence +
    '</div>'
  const side = groups.length > 0 && (task || (decidable && !unassignable.has(node.kind))) ? sidePanel(node, data, task) : ''
  // Closing blocks (recipients, signature) hold no tasks, nor do their children.
  const children =
    node.children.length > 0 ? '<ol>' + node.children.map((child) => renderNode(child, data, focus, decidable && node.kind !== 'closing')).join('\n') + '</ol>' : ''
  return (
    '<li id="' + escapeHtml(anchor(node.id)) + '" class="' + classes.join(' ') + '" data-node="' + escapeHtml(node.id) + '">' +
    '<div class="row">' + text + side + '</div>' + children + '</li>'
  )
}

/**
 * The side of a node: the machine's choice, the evidence, the editor's
 * decision and the form.
 *
 * @param node
 *   Node.
 * @param data
 *   Page data.
 * @param task
 *   Whether the node is aligned (or an editor gave it a group).
 * @returns
 *   HTML.
 */
function sidePanel(node: ReviewNode, data: DocumentPageData, task: boolean): string {
  const {groups, document} = data
  const current = node.group ?? null
  const group = groups.find((candidate) => candidate.id === current)
  const review = node.review
  const parts: string[] = []
  if (task) {
    parts.push(
      '<div class="machine"><span class="badge ' + groupClass(groups, current) + '" title="' + escapeHtml(group?.title ?? biText('Không thuộc nhóm nào', 'no group')) + '">' +
        escapeHtml(current ?? '∅') + '</span> ' +
        (group ? '' : '<span class="gtitle">' + bi('không nhóm', 'no group') + '</span> ') +
        (typeof node.score === 'number' && !review ? bi('điểm', 'score') + ' <span class="score">' + node.score.toFixed(2) + '</span>' : '') +
        '</div>'
    )
    const was = review && review.aligned
      ? bi('Máy chọn', 'Machine') + ' <span class="badge ' + groupClass(groups, review.machine) + '">' + escapeHtml(review.machine ?? '∅') + '</span>' +
        (typeof node.score === 'number' ? ' <span class="score">' + node.score.toFixed(2) + '</span>' : '')
      : ''
    const runner = node.runnerUp
      ? bi('Kế tiếp', 'Runner-up') + ' <span class="badge ' + groupClass(groups, node.runnerUp.group) + '" title="' +
        escapeHtml(groups.find((candidate) => candidate.id === node.runnerUp?.group)?.title ?? biText('Không thuộc nhóm nào', 'no group')) + '">' +
        escapeHtml(node.runnerUp.group ?? '∅') + '</span>' +
        ' <span class="score">' + node.runnerUp.score.toFixed(2) + '</span>'
      : ''
    if (was || runner) parts.push('<div class="was">' + [was, runner].filter(Boolean).join(' · ') + '</div>')
  }
  parts.push(
    '<div class="status">' +
      (review
        ? actionLabel(review.action) + ' · ' + escapeHtml(review.decision.author) + ' · ' + escapeHtml(when(review.decision.at)) +
          (review.decision.comment ? ' · “' + escapeHtml(clip(review.decision.comment, 120)) + '”' : '')
        : '') +
      '</div>'
  )
  const options =
    groups
      .map(
        (candidate) =>
          '<option value="' + escapeHtml(candidate.id) + '"' + (candidate.id === current ? ' selected' : '') + '>' +
          escapeHtml(candidate.id + ' — ' + clip(candidate.title, 60)) + '</option>'
      )
      .join('') +
    '<option value=""' + (current === null ? ' selected' : '') + '>' + escapeHtml(biText('Không phải nhiệm vụ', 'not a task')) + '</option>'
  const form =
    '<form class="decide node-form" data-kind="node" data-document="' + escapeHtml(document.id) + '" data-target="' + escapeHtml(node.id) + '"' +
    ' data-current="' + escapeHtml(current ?? '') + '" data-null="' + (current === null ? '1' : '0') + '">' +
    '<select name="value" aria-label="' + escapeHtml(biText('Nhóm', 'Group')) + '">' + options + '</select>' +
    '<input name="comment" class="comment" maxlength="2000" placeholder="' + escapeHtml(biText('Ghi chú', 'note')) + '" aria-label="' + escapeHtml(biText('Ghi chú', 'comment')) + '">' +
    '<button type="submit" name="action" value="group">' + bi('Lưu', 'Save') + '</button>' +
    (task ? '<button type="submit" name="action" value="confirm" class="confirm">' + bi('Xác nhận', 'Confirm') + '</button>' : '') +
    '</form>'
  if (task) parts.push(form)
  else parts.push('<details class="assign"><summary>' + bi('Gán nhóm', 'Assign a group') + '</summary>' + form + '</details>')
  return '<div class="side">' + parts.join('') + '</div>'
}

/**
 * Chips for evidence terms.
 *
 * @param values
 *   Terms.
 * @param kind
 *   Class: `phrase` or `term`.
 * @returns
 *   HTML.
 */
function terms(values: readonly string[], kind = 'term'): string {
  return values.map((value) => ' <span class="' + kind + '">' + escapeHtml(value) + '</span>').join('')
}

/** Kinds that carry no task of their own: they get no form unless the machine aligned them. */
const unassignable = new Set(['part', 'title', 'dateline', 'closing', 'recipients', 'signature', 'footnote'])

/**
 * The page anchor of a node.
 *
 * @param id
 *   Node id.
 * @returns
 *   Anchor (not escaped).
 */
export function anchor(id: string): string {
  return 'n-' + id
}
