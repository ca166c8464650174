/**
 * The HTML view of a diff (`doichieu diff --format html`): one self-contained
 * redline page. A summary comes first; then the new document in full, with
 * insertions underlined, deletions struck through, removed nodes where they
 * stood, and moves marked apart (a bar and an arrow at the new place, a ghost
 * line at the old one); then the record, citation and coverage changes.
 * Every piece of document text is escaped. No script: a checkbox and CSS hide
 * unchanged lines.
 */
import type {Change, DiffResult, DocumentInfo, RedlineRow, RedlineTrees, WordPart} from '../../diff/index.js'
import {changeKinds, redline} from '../../diff/index.js'
import {changesOf, edges, kindLabels, sections, short, summaryLine, where} from './diff-shared.js'

const style = `
:root { --ins: #1a7f37; --ins-bg: #dafbe1; --del: #b3261e; --del-bg: #ffebe9; --move: #0b5cad; --move-bg: #e6f0fb; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.55 "Noto Serif", "Times New Roman", serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
.summary { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1rem; }
.summary p { margin: 0 0 .5rem; }
.legend { font-size: .9rem; color: var(--muted); margin: .5rem 0; }
.legend span { margin-right: 1.2rem; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; text-decoration-thickness: 1px; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; }
.row { position: relative; padding: .2rem .5rem .2rem .75rem; margin: .15rem 0; border-left: 3px solid transparent; }
.row .num { font-weight: 600; margin-right: .35rem; }
.row .tag { float: right; font: 600 .7rem/1.6 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .03em; padding: 0 .4rem; border-radius: 3px; margin-left: .5rem; }
.row .line { color: var(--muted); font: .75rem system-ui, sans-serif; margin-left: .4rem; }
.edited { border-left-color: #bf8700; }
.edited .tag { background: #fff8c5; color: #7d4e00; }
.added { border-left-color: var(--ins); background: #f3fcf5; }
.added .tag { background: var(--ins-bg); color: var(--ins); }
.removed { border-left-color: var(--del); background: #fff6f5; }
.removed .tag { background: var(--del-bg); color: var(--del); }
.moved { border-left: 3px double var(--move); background: var(--move-bg); }
.moved .tag { background: var(--move); color: #fff; }
.moved-away { border: 1px dashed var(--move); color: var(--muted); font-style: italic; font-size: .9rem; }
.moved-away .tag { background: #fff; color: var(--move); border: 1px solid var(--move); font-style: normal; }
.moved-away del { color: var(--muted); background: none; }
.note { display: block; color: var(--move); font: .8rem system-ui, sans-serif; font-style: normal; }
.renumbered .num ins, .renumbered .num del { font-weight: 700; }
.same.renumbered { border-left-color: #bf8700; }
.same.renumbered .tag { background: #fff8c5; color: #7d4e00; }
#only-changes:checked ~ .redline .same { display: none; }
.toggle { font: .9rem system-ui, sans-serif; }
.quote { color: var(--muted); }
`

/**
 * Render a diff as a self-contained HTML page.
 *
 * @param result
 *   Diff.
 * @param trees
 *   The two trees the diff was computed from, for the full redline.
 * @returns
 *   HTML document.
 */
export function diffHtml(result: DiffResult, trees: RedlineTrees): string {
  const title = 'Diff: ' + (result.old.file ?? 'old') + ' → ' + (result.new.file ?? 'new')
  const parts: string[] = []
  parts.push('<!doctype html>', '<html lang="vi">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">')
  parts.push('<title>' + escape(title) + '</title>', '<style>' + style + '</style>', '</head>', '<body>', '<main>')
  parts.push('<h1>' + escape(title) + '</h1>')
  parts.push(documents(result.old, result.new))
  parts.push('<section class="summary">', '<p>' + escape(summaryLine(result)) + '</p>', counts(result), '</section>')

  const rows = redline(result, trees)
  parts.push('<h2>Redline of the new document</h2>')
  parts.push(
    '<p class="legend"><span><ins>inserted</ins></span><span><del>deleted</del></span><span class="note" style="display:inline">↷ moved (bar: new place; dashed: old place)</span><span><b><del>2.</del><ins>3.</ins></b> renumbered</span></p>'
  )
  parts.push('<input type="checkbox" id="only-changes"> <label class="toggle" for="only-changes">Show changed lines only</label>')
  parts.push('<div class="redline">')
  for (const row of rows) parts.push(line(row))
  parts.push('</div>')

  for (const section of sections.slice(1)) {
    const changes = changesOf(result, section.kinds)
    if (changes.length === 0) continue
    parts.push('<h2>' + escape(section.title) + ' (' + changes.length + ')</h2>', '<table>', '<tr><th>Change</th><th>Old</th><th>New</th></tr>')
    for (const change of changes) parts.push(recordRow(change))
    parts.push('</table>')
  }
  parts.push('</main>', '</body>', '</html>')
  return parts.join('\n') + '\n'
}

/**
 * The two documents side by side.
 *
 * @param left
 *   Old document.
 * @param right
 *   New document.
 * @returns
 *   HTML.
 */
function documents(left: DocumentInfo, right: DocumentInfo): string {
  const row = (label: string, a: string | number | null, b: string | number | null): string =>
    '<tr><th>' + label + '</th><td>' + escape(a === null ? '—' : String(a)) + '</td><td>' + escape(b === null ? '—' : String(b)) + '</td></tr>'
  return [
    '<table>',
    '<tr><th></th><th>Old</th><th>New</th></tr>',
    row('File', left.file, right.file),
    row('Title', left.title ? short(left.title, 90) : null, right.title ? short(right.title, 90) : null),
    row('Province', left.province, right.province),
    row('Date', left.date, right.date),
    row('Nodes', left.nodes, right.nodes),
    '</table>'
  ].join('\n')
}

/**
 * Table of change counts.
 *
 * @param result
 *   Diff.
 * @returns
 *   HTML, empty when nothing changed.
 */
function counts(result: DiffResult): string {
  const present = changeKinds.filter((kind) => result.summary.counts[kind] > 0)
  if (present.length === 0) return ''
  return (
    '<table><tr><th>Change</th><th>Count</th></tr>' +
    present.map((kind) => '<tr><td>' + kindLabels[kind] + '</td><td class="count">' + result.summary.counts[kind] + '</td></tr>').join('') +
    '</table>'
  )
}

/**
 * One redline row.
 *
 * @param row
 *   Row.
 * @returns
 *   HTML.
 */
function line(row: RedlineRow): string {
  const classes = ['row', row.status]
  if (row.renumbered) classes.push('renumbered')
  const indent = ' style="margin-left:' + (row.depth * 1.5).toFixed(1) + 'rem"'
  const place = row.new ?? row.old
  const id = row.status === 'removed' || row.status === 'moved-away' ? 'old-' + (row.old?.id ?? '') : 'new-' + (row.new?.id ?? '')
  const tags: string[] = []
  let note = ''
  if (row.status === 'added' || row.status === 'removed') tags.push(row.status)
  if (row.status === 'moved') {
    tags.push('↷ moved')
    if (row.other) note = '<span class="note">↷ moved from ' + escape(where(row.other)) + '</span>'
  }
  if (row.status === 'moved-away') {
    tags.push('↷ moved away')
    if (row.other) note = '<span class="note">↷ moved to ' + escape(where(row.other)) + '</span>'
  }
  if (row.renumbered && row.status !== 'moved-away') tags.push('renumbered')
  if (row.edited && row.status !== 'moved-away') tags.push('edited')
  const tag = tags.join(' · ')
  const lineNumber = row.status === 'removed' || row.status === 'moved-away' ? row.old?.line : row.new?.line
  const words = row.status === 'moved-away' ? [{op: 'delete' as const, value: short(row.old?.value ?? '', 140)}] : row.words
  return (
    '<div class="' + classes.join(' ') + '" id="' + escape(id) + '"' + indent + '>' +
    (tag ? '<span class="tag">' + escape(tag) + '</span>' : '') +
    note +
    (row.num.length > 0 ? '<span class="num">' + runs(row.num) + '</span>' : '') +
    // A node without text of its own (a closing block) is named by its kind.
    (words.length > 0 || row.num.length > 0 ? runs(words) : '<span class="quote">' + escape(place?.kind ?? '') + '</span>') +
    (place && lineNumber !== undefined ? '<span class="line">:' + lineNumber + '</span>' : '') +
    '</div>'
  )
}

/**
 * A table row for a record, citation or coverage change.
 *
 * @param change
 *   Change.
 * @returns
 *   HTML.
 */
function recordRow(change: Change): string {
  const cells = (left: string, right: string): string => '<tr><td>' + escape(kindLabels[change.kind]) + '</td><td>' + left + '</td><td>' + right + '</td></tr>'
  const at = (line: number, text: string): string => '<br><span class="quote">line ' + line + ': ' + escape(short(text, 160)) + '</span>'
  switch (change.kind) {
    case 'target-changed': {
      return cells(del(change.old.value + (change.old.year === null ? '' : ' (' + change.old.year + ')')) + at(change.old.line, change.old.text), ins(change.new.value + (change.new.year === null ? '' : ' (' + change.new.year + ')')) + at(change.new.line, change.new.text))
    }
    case 'target-added': {
      return cells('—', ins(change.new.value + (change.new.year === null ? '' : ' (' + change.new.year + ')')) + at(change.new.line, change.new.text))
    }
    case 'target-removed': {
      return cells(del(change.old.value + (change.old.year === null ? '' : ' (' + change.old.year + ')')) + at(change.old.line, change.old.text), '—')
    }
    case 'assignment-changed': {
      return cells(
        (change.fields.includes('agency') ? del(change.old.agency) : escape(change.old.agency)) + (change.old.deadline ? ' — ' + (change.fields.includes('deadline') ? del(change.old.deadline) : escape(change.old.deadline)) : '') + at(change.old.line, change.old.text),
        (change.fields.includes('agency') ? ins(change.new.agency) : escape(change.new.agency)) + (change.new.deadline ? ' — ' + (change.fields.includes('deadline') ? ins(change.new.deadline) : escape(change.new.deadline)) : '') + at(change.new.line, change.new.text)
      )
    }
    case 'assignment-added': {
      return cells('—', ins(change.new.agency + (change.new.deadline ? ' — ' + change.new.deadline : '')) + at(change.new.line, change.new.text))
    }
    case 'assignment-removed': {
      return cells(del(change.old.agency + (change.old.deadline ? ' — ' + change.old.deadline : '')) + at(change.old.line, change.old.text), '—')
    }
    case 'citation-added': {
      return cells('—', ins(change.new.code) + at(change.new.line, change.new.value))
    }
    case 'citation-removed': {
      return cells(del(change.old.code) + at(change.old.line, change.old.value), '—')
    }
    case 'coverage-gained':
    case 'coverage-lost': {
      const label = escape(change.unit + ' ' + short(change.label, 80))
      const why = (reasons: string[]): string => (reasons.length > 0 ? '<br><span class="quote">' + escape(reasons.join('; ')) + '</span>' : '')
      return cells(
        label + ': ' + escape(change.old.status) + why(change.old.reasons),
        label + ': ' + (change.kind === 'coverage-gained' ? ins(change.new.status) : del(change.new.status)) + why(change.new.reasons)
      )
    }
    default: {
      return cells(change.old ? escape(where(change.old)) : '—', change.new ? escape(where(change.new)) : '—')
    }
  }
}

/**
 * Word runs as HTML.
 *
 * @param parts
 *   Runs.
 * @returns
 *   HTML.
 */
function runs(parts: WordPart[]): string {
  return parts
    .map((part) => {
      if (part.op === 'equal') return escape(part.value)
      const [lead, inner, trail] = edges(part.value)
      return inner ? lead + (part.op === 'delete' ? del(inner) : ins(inner)) + trail : part.value
    })
    .join('')
}

/**
 * Struck-through text.
 *
 * @param value
 *   Text.
 * @returns
 *   HTML.
 */
function del(value: string): string {
  return '<del>' + escape(value) + '</del>'
}

/**
 * Underlined text.
 *
 * @param value
 *   Text.
 * @returns
 *   HTML.
 */
function ins(value: string): string {
  return '<ins>' + escape(value) + '</ins>'
}

/**
 * Escape text for HTML content and attribute values.
 *
 * @param value
 *   Text.
 * @returns
 *   Escaped text.
 */
function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
