/**
 * `out/report.html`: one self-contained page (inline CSS and script, no
 * network) with the gap matrix as a heat map; a click on a cell opens its
 * status, gaps and evidence; each document follows with its tree, every
 * aligned item marked with its group. All document text is HTML-escaped.
 */
import type {AlignedNode, Cell, CellStatus, DocumentAlignment, GapMatrix, MatrixRow, SectionAlignment} from '../../align/index.js'
import type {DocNode} from '../../types.js'
import {reportScript, reportStyle} from './html-assets.js'
import {rowName, subpointName} from './matrix.js'

/** A document as the page shows it. */
export interface HtmlDocument {
  /** Document id. */
  id: string
  /** Path. */
  file: string
  /** Title, or null. */
  title: string | null
  /** Province, or null. */
  province: string | null
  /** Tree, annotated by `annotate` (a plain tree shows no groups). */
  tree: AlignedNode | DocNode
  /** Alignment, for the section headings' groups; optional. */
  alignment?: DocumentAlignment | null
}

/** What {@link reportHtml} reads. */
export interface ReportHtmlOptions {
  /** The matrix. */
  matrix: GapMatrix
  /** Documents (rows and related ones), in any order. */
  documents: HtmlDocument[]
  /** Page title (default from the framework). */
  title?: string
}

const labels: Record<CellStatus, string> = {covered: 'covered', partial: 'partial', missing: 'missing'}

/**
 * Render the report.
 *
 * @param options
 *   Matrix and documents.
 * @returns
 *   HTML text.
 */
export function reportHtml(options: ReportHtmlOptions): string {
  const groups = options.matrix.reference.groups.map((group) => group.id)
  const documents = [...options.documents].sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : 0))
  return [...reportHead(options), ...documents.flatMap((document) => reportPage(document, {groups})), reportTail()].join('')
}

/**
 * The report up to its documents: the matrix, cell details, related
 * documents and shared targets. With {@link reportPage} per document
 * (sorted by file) and {@link reportTail}, it makes the page that
 * {@link reportHtml} gives; apart, a large report can be written piece by
 * piece and its document pages made once per document.
 *
 * @param options
 *   Matrix and title.
 * @returns
 *   HTML text, a line to a piece.
 */
export function reportHead(options: Omit<ReportHtmlOptions, 'documents'>): readonly string[] {
  const {matrix} = options
  const groupIndex = new Map(matrix.reference.groups.map((group, position) => [group.id, position]))
  const title = options.title ?? 'Gap matrix — ' + (matrix.reference.code ?? matrix.reference.title)
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>' + escape(title) + '</title>',
    '<style>' + reportStyle + '</style>',
    '</head>',
    '<body>',
    '<header>',
    '<h1>' + escape(title) + '</h1>',
    '<p class="muted">' + escape(matrix.reference.title) + '</p>',
    '<p class="legend">' +
      (['covered', 'partial', 'missing'] as CellStatus[]).map((status) => '<span><i class="swatch" style="background:' + heat(status, status === 'covered' ? 1 : 0.5) + '"></i>' + labels[status] + '</span>').join('') +
      '<span>Click a cell for its evidence and gaps.</span></p>',
    '</header>',
    '<main>'
  ]

  parts.push('<section id="matrix">', '<h2>Matrix</h2>')
  if (matrix.rows.length === 0) parts.push('<p>No document implements ' + escape(matrix.reference.code ?? matrix.reference.title) + '.</p>')
  else {
    parts.push('<table class="heat">', '<thead><tr><th>Document</th>')
    for (const group of matrix.reference.groups) parts.push('<th class="group" title="' + escape(group.title) + '">' + escape(group.id) + '</th>')
    parts.push('</tr></thead>', '<tbody>')
    matrix.rows.forEach((row, position) => {
      parts.push('<tr><th scope="row"><a href="#doc-' + anchor(row.id) + '">' + escape(rowName(row)) + '</a><br><span class="muted">' + escape(row.id) + '</span></th>')
      for (const group of matrix.reference.groups) {
        const cell = row.cells[group.id]
        if (!cell) {
          parts.push('<td></td>')
          continue
        }
        const total = cell.subpoints.covered.length + cell.subpoints.missing.length
        parts.push(
          '<td><a class="cell ' + cell.status + '" id="c-' + position + '-' + anchor(group.id) + '" href="#' + cellAnchor(position, group.id) + '" style="background:' + heat(cell.status, cell.coverage) + '"' +
            ' title="' + escape(rowName(row) + ' × ' + group.id + ': ' + cell.status) + '">' +
            '<strong>' + labels[cell.status] + '</strong><small>' + (total > 0 ? cell.subpoints.covered.length + '/' + total + ' sub-points · ' : '') + cell.counts.items + ' items</small></a></td>'
        )
      }
      parts.push('</tr>')
    })
    parts.push('</tbody>', '</table>')
  }
  parts.push('</section>')

  parts.push('<section id="details">', '<h2>Cell details</h2>', '<p class="hint">Click a cell of the matrix to see why it has its status, which sub-points it misses, and the items that carry it out.</p>')
  matrix.rows.forEach((row, position) => {
    for (const group of matrix.reference.groups) {
      const cell = row.cells[group.id]
      // Its lines, not their join: a thousand documents' details are a hundred megabytes of text.
      if (cell) parts.push(...detail(matrix, row, position, group.id, group.title, cell, groupIndex))
    }
  })
  parts.push('</section>')

  parts.push('<section id="related">', '<h2>Related documents</h2>')
  if (matrix.related.length === 0) parts.push('<p>None.</p>')
  else {
    parts.push('<table><thead><tr><th>Document</th><th>Kind</th><th>Why it is not a row</th></tr></thead><tbody>')
    for (const document of matrix.related) {
      parts.push('<tr><td><a href="#doc-' + anchor(document.id) + '">' + escape(document.title ?? document.id) + '</a><br><span class="muted">' + escape(document.file) + '</span></td><td>' + escape(document.kind ?? '') + '</td><td>' + escape(document.reason) + '</td></tr>')
    }
    parts.push('</tbody></table>')
  }
  parts.push('</section>')

  parts.push('<section id="shared">', '<h2>Targets several documents share</h2>')
  if (matrix.sharedTargets.length === 0) parts.push('<p>None.</p>')
  for (const shared of matrix.sharedTargets) {
    parts.push('<h3>' + escape(shared.subject || '(no shared words)') + (shared.group ? ' <span class="badge ' + groupClass(shared.group, groupIndex) + '">' + escape(shared.group) + '</span>' : '') + '</h3>')
    parts.push('<table><thead><tr><th>Document</th><th>Year</th><th>Target</th></tr></thead><tbody>')
    for (const entry of shared.entries) {
      parts.push(
        '<tr><td>' + escape(entry.province ?? entry.id) + '</td><td>' + (entry.year ?? '—') + '</td><td><a href="#' + nodeAnchor(entry.id, entry.node) + '">' + escape(entry.excerpt) + '</a> <span class="muted">line ' + entry.line + '</span></td></tr>'
      )
    }
    parts.push('</tbody></table>')
  }
  parts.push('</section>')

  parts.push('<section id="documents">', '<h2>Documents</h2>')
  return asLines(parts)
}

/**
 * The end of the report, after its documents.
 *
 * @returns
 *   HTML text.
 */
export function reportTail(): string {
  return ['</section>', '</main>', '<script>' + reportScript + '</script>', '</body>', '</html>'].join('\n') + '\n'
}

/**
 * Details of one cell.
 *
 * @param matrix
 *   Matrix.
 * @param row
 *   Row.
 * @param position
 *   Row index.
 * @param group
 *   Group id.
 * @param groupTitle
 *   Group title.
 * @param cell
 *   Cell.
 * @param groupIndex
 *   Group positions, for colours.
 * @returns
 *   HTML, a line to an entry.
 */
function detail(matrix: GapMatrix, row: MatrixRow, position: number, group: string, groupTitle: string, cell: Cell, groupIndex: Map<string, number>): string[] {
  const parts = [
    '<article class="detail ' + cell.status + '" id="' + cellAnchor(position, group) + '">',
    '<h3><span class="badge ' + groupClass(group, groupIndex) + '">' + escape(group) + '</span>' + escape(rowName(row)) + ' — ' + escape(groupTitle) + '</h3>',
    '<p><strong>' + labels[cell.status] + '</strong> · ' + cell.counts.items + ' items · ' + cell.counts.targets + ' targets · ' + cell.counts.assignments + ' assigned tasks, ' + cell.counts.assignmentsWithDeadline + ' with a deadline</p>',
    '<ul class="reasons">' + cell.reasons.map((reason) => '<li>' + escape(reason) + '</li>').join('') + '</ul>'
  ]
  if (cell.subpoints.missing.length > 0) {
    parts.push('<h4>Gaps: sub-points not covered</h4>', '<ul class="gaps">' + cell.subpoints.missing.map((id) => '<li>' + escape(subpointName(matrix, id)) + '</li>').join('') + '</ul>')
  }
  if (cell.subpoints.covered.length > 0) {
    parts.push('<h4>Sub-points covered</h4>', '<ul>' + cell.subpoints.covered.map((id) => '<li>' + escape(subpointName(matrix, id)) + '</li>').join('') + '</ul>')
  }
  parts.push('<h4>Evidence</h4>')
  if (cell.evidence.length === 0) parts.push('<p class="muted">No item aligns to ' + escape(group) + '.</p>')
  else {
    parts.push('<ol class="evidence">')
    for (const each of cell.evidence) {
      parts.push(
        '<li><div class="meta"><a href="#' + nodeAnchor(row.id, each.node) + '">line ' + each.line + '</a> · ' + escape(scopeLabel(each.scope)) + ' · score ' + each.score.toFixed(3) + '</div>' +
          '<div class="excerpt">' + escape(each.excerpt) + '</div>' +
          '<div>' + each.terms.map((term) => '<span class="chip">' + escape(term) + '</span>').join('') + each.phrases.map((phrase) => '<span class="chip phrase">' + escape(phrase) + '</span>').join('') + '</div></li>'
      )
    }
    parts.push('</ol>')
  }
  parts.push('</article>')
  return parts
}

/**
 * The page of one document in the report: its tree, each aligned item
 * marked with its group.
 *
 * @param document
 *   Document.
 * @param options
 *   Group ids of the framework, in order (for colours).
 * @returns
 *   HTML text, a line to a piece.
 */
export function reportPage(document: HtmlDocument, options: {groups: readonly string[]}): readonly string[] {
  const page: Page = {
    document,
    groupIndex: new Map(options.groups.map((group, position) => [group, position])),
    sections: new Map((document.alignment?.sections ?? []).map((section) => [section.node, section])),
    lines: [
      '<section class="document" id="doc-' + anchor(document.id) + '">',
      '<h3>' + escape(document.province ? document.province + ' — ' : '') + escape(document.title ?? document.id) + '</h3>',
      '<p class="muted">' + escape(document.file) + (document.alignment ? ' · ' + escape(document.alignment.reason) : '') + '</p>',
      '<ol class="tree">'
    ]
  }
  pageNode(page, document.tree)
  page.lines.push('</ol>', '</section>')
  return asLines(page.lines)
}

/** A document's page being made, its lines. */
interface Page {
  document: HtmlDocument
  /** Group positions, for colours. */
  groupIndex: Map<string, number>
  /** Aligned sections by node id. */
  sections: Map<string, SectionAlignment>
  lines: string[]
}

/**
 * Add a node of the tree and its children to a page (a plain function, not
 * a closure made per page: V8 would compile it again after every full
 * collection).
 *
 * @param page
 *   Page being made.
 * @param node
 *   Node.
 */
function pageNode(page: Page, node: AlignedNode | DocNode): void {
  const {document, groupIndex, lines} = page
  if (node.kind !== 'root') {
    const aligned = 'group' in node && node.group !== undefined ? (node as AlignedNode) : null
    const section = page.sections.get(node.id)
    let badge = ''
    if (aligned) {
      const runner = aligned.runnerUp ? '; runner-up ' + (aligned.runnerUp.group ?? 'none') + ' ' + aligned.runnerUp.score.toFixed(3) : ''
      const why = aligned.evidence ? '; terms: ' + aligned.evidence.terms.join(', ') + (aligned.evidence.phrases.length > 0 ? '; phrases: ' + aligned.evidence.phrases.join(', ') : '') : ''
      const tip = 'score ' + (aligned.score ?? 0).toFixed(3) + runner + why
      badge = aligned.group
        ? '<span class="badge ' + groupClass(aligned.group, groupIndex) + '" title="' + escape(tip) + '">' + escape(aligned.group) + '</span>'
        : '<span class="badge none" title="' + escape(tip) + '">none</span>'
    } else if (section?.group) {
      badge = '<span class="badge ' + groupClass(section.group, groupIndex) + '" title="section, score ' + section.score.toFixed(3) + '">' + escape(section.group) + '</span>'
    }
    lines.push(
      '<li class="node ' + node.kind + '" id="' + nodeAnchor(document.id, node.id) + '"><div class="body">' +
        badge +
        (node.num ? '<span class="num">' + escape(node.num) + '</span>' : '') +
        (node.heading ? '<span class="head">' + escape(node.heading) + '</span>' + (node.text ? ' ' : '') : '') +
        (node.text ? '<span class="text">' + escape(node.text) + '</span>' : '') +
        '<span class="line">:' + node.line + '</span></div>'
    )
    if (node.children.length > 0) lines.push('<ol>')
  }
  for (const child of node.children) pageNode(page, child)
  if (node.kind !== 'root') {
    if (node.children.length > 0) lines.push('</ol>')
    lines.push('</li>')
  }
}

/**
 * Lines as pieces of a text, each with its line break: a report's head and
 * pages are written a line at a time, never joined (the head of a thousand
 * documents' report is tens of megabytes).
 *
 * @param lines
 *   Lines.
 * @returns
 *   Pieces.
 */
function asLines(lines: readonly string[]): string[] {
  const pieces: string[] = []
  for (const line of lines) pieces.push(line + '\n')
  return pieces
}

/**
 * Background of a cell: hue by status, the partial ones from amber towards
 * green as more sub-points are covered.
 *
 * @param status
 *   Status.
 * @param coverage
 *   Share of sub-points covered.
 * @returns
 *   CSS colour.
 */
function heat(status: CellStatus, coverage: number): string {
  if (status === 'covered') return 'hsl(135, 50%, 72%)'
  if (status === 'missing') return 'hsl(0, 75%, 82%)'
  return 'hsl(' + Math.round(35 + 50 * coverage) + ', 85%, 76%)'
}

/**
 * Class of a group's colour.
 *
 * @param group
 *   Group id.
 * @param groupIndex
 *   Group positions.
 * @returns
 *   Class name.
 */
function groupClass(group: string, groupIndex: Map<string, number>): string {
  return 'g' + ((groupIndex.get(group) ?? 7) % 8)
}

/**
 * Words for a scope.
 *
 * @param scope
 *   Scope.
 * @returns
 *   Label.
 */
function scopeLabel(scope: string): string {
  return scope === 'task' ? 'task of the tasks part' : scope === 'assignment' ? 'agency task' : 'target'
}

/**
 * Anchor of a cell's details.
 *
 * @param position
 *   Row index.
 * @param group
 *   Group id.
 * @returns
 *   Id.
 */
function cellAnchor(position: number, group: string): string {
  return 'cell-' + position + '-' + anchor(group)
}

/**
 * Anchor of a node in a document's tree.
 *
 * @param document
 *   Document id.
 * @param node
 *   Node id.
 * @returns
 *   Id.
 */
function nodeAnchor(document: string, node: string): string {
  return 'n-' + anchor(document) + '--' + anchor(node)
}

/**
 * A string made safe for an id and a fragment.
 *
 * @param value
 *   Id.
 * @returns
 *   Letters, digits, `.`, `_` and `-` only.
 */
function anchor(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '_')
}

/**
 * Escape text for HTML content and attribute values.
 *
 * @param value
 *   Text.
 * @returns
 *   Escaped text.
 */
export function escape(value: string): string {
  // Most text has nothing to escape: one look instead of five passes.
  if (!/[&<>"']/.test(value)) return value
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
