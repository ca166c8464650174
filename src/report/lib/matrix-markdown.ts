/**
 * `out/gap-matrix.md`: the matrix as a Markdown table, then the gaps of each
 * document by name, the related documents and the shared targets.
 */
import type {GapMatrix} from '../../align/index.js'
import {cellSummary, rowName, statusMarks, subpointName} from './matrix.js'

/**
 * The gap matrix as Markdown.
 *
 * @param matrix
 *   Matrix.
 * @returns
 *   Markdown text.
 */
export function gapMatrixMarkdown(matrix: GapMatrix): string {
  const groups = matrix.reference.groups
  const lines: string[] = ['# Gap matrix: ' + text(matrix.reference.title), '']
  lines.push(
    'Status: ' + statusMarks.covered + ' covered, ' + statusMarks.partial + ' partial, ' + statusMarks.missing + ' missing; the fraction is the share of the group’s sub-points covered.',
    ''
  )
  lines.push('| Group | Title |', '| --- | --- |')
  for (const group of groups) lines.push('| ' + group.id + ' | ' + text(group.title) + ' |')
  lines.push('')

  if (matrix.rows.length === 0) {
    lines.push('No document implements the framework.', '')
  } else {
    lines.push('| Document | ' + groups.map((group) => group.id).join(' | ') + ' |', '| --- |' + groups.map(() => ' --- |').join(''))
    for (const row of matrix.rows) {
      const cells = groups.map((group) => {
        const cell = row.cells[group.id]
        return cell ? cellSummary(cell) + ' (' + cell.counts.items + ')' : ''
      })
      lines.push('| ' + text(rowName(row)) + ' (`' + row.id + '`) | ' + cells.join(' | ') + ' |')
    }
    lines.push('', 'In brackets: items aligned to the group.', '')

    lines.push('## Gaps', '')
    for (const row of matrix.rows) {
      lines.push('### ' + text(rowName(row)) + ' (`' + row.file + '`)', '')
      let any = false
      for (const group of groups) {
        const cell = row.cells[group.id]
        if (!cell || cell.status === 'covered') continue
        any = true
        lines.push('- **' + group.id + '** ' + cell.status + ': ' + text(cell.reasons.join('; ')) + '.')
        for (const point of cell.subpoints.missing) lines.push('  - not covered: ' + text(subpointName(matrix, point)))
      }
      if (!any) lines.push('Every group is covered.')
      const counts = groups.map((group) => {
        const cell = row.cells[group.id]
        return cell ? group.id + ' ' + cell.counts.assignments + ' assigned, ' + cell.counts.assignmentsWithDeadline + ' with a deadline, ' + cell.counts.targets + ' targets' : ''
      })
      lines.push('', 'Assignments and targets: ' + counts.filter(Boolean).join('; ') + '.', '')
    }
  }

  lines.push('## Related documents', '')
  if (matrix.related.length === 0) lines.push('None.', '')
  else {
    lines.push('| Document | Kind | Why not a row |', '| --- | --- | --- |')
    for (const document of matrix.related) lines.push('| `' + document.file + '` | ' + text(document.kind ?? '') + ' | ' + text(document.reason) + ' |')
    lines.push('')
  }

  lines.push('## Targets several documents share', '')
  if (matrix.sharedTargets.length === 0) lines.push('None.', '')
  for (const shared of matrix.sharedTargets) {
    lines.push('### ' + text(shared.subject || '(no shared words)') + (shared.group ? ' (' + shared.group + ')' : ''), '')
    lines.push('| Document | Year | Target | Line |', '| --- | --- | --- | --- |')
    for (const entry of shared.entries) {
      lines.push('| ' + text(entry.province ?? entry.id) + ' | ' + (entry.year ?? '—') + ' | ' + text(entry.excerpt) + ' | ' + entry.line + ' |')
    }
    lines.push('')
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n'
}

/**
 * Text safe in a Markdown table cell: pipes escaped, line breaks flattened.
 *
 * @param value
 *   Text.
 * @returns
 *   Escaped text.
 */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/([*_`[\]<>])/g, '\\$1')
}
