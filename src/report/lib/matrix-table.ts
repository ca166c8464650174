/**
 * The gap matrix as a table for the terminal (`npm start`).
 */
import type {CellStatus, GapMatrix} from '../../align/index.js'
import {cellSummary, rowName} from './matrix.js'

/** Options for {@link gapMatrixTable}. */
export interface GapMatrixTableOptions {
  /** Colour the statuses with ANSI escapes (default `false`). */
  color?: boolean
}

const colors: Record<CellStatus, string> = {covered: '\u001B[32m', partial: '\u001B[33m', missing: '\u001B[31m'}
const reset = '\u001B[39m'

/**
 * The gap matrix as a fixed-width table, one line per document, then the
 * related documents.
 *
 * @param matrix
 *   Matrix.
 * @param options
 *   Options.
 * @returns
 *   Text, ending with a newline.
 */
export function gapMatrixTable(matrix: GapMatrix, options: GapMatrixTableOptions = {}): string {
  const groups = matrix.reference.groups
  const header = ['Document', ...groups.map((group) => group.id)]
  const body = matrix.rows.map((row) => [
    rowName(row),
    ...groups.map((group) => {
      const cell = row.cells[group.id]
      return cell ? cellSummary(cell) : ''
    })
  ])
  const widths = header.map((title, column) => Math.max(width(title), ...body.map((cells) => width(cells[column] ?? ''))))
  const line = (cells: string[], paint: boolean): string =>
    cells
      .map((cell, column) => {
        const padded = cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - width(cell)))
        const status = /\b(covered|partial|missing)\b/.exec(cell)?.[1] as CellStatus | undefined
        return paint && options.color && status && column > 0 ? colors[status] + padded + reset : padded
      })
      .join('  ')
      .replace(/\s+$/, '')
  const lines = [line(header, false), widths.map((size) => '─'.repeat(size)).join('  ')]
  for (const cells of body) lines.push(line(cells, true))
  if (matrix.rows.length === 0) lines.push('(no document implements ' + (matrix.reference.code ?? matrix.reference.id) + ')')
  for (const document of matrix.related) lines.push('related: ' + document.file + ' — ' + document.reason)
  return lines.join('\n') + '\n'
}

/**
 * Width of a string in terminal columns: NFC code points (Vietnamese
 * precomposed letters are one column; combining marks none).
 *
 * @param value
 *   Text.
 * @returns
 *   Columns.
 */
function width(value: string): number {
  return [...value.normalize('NFC').replace(/\p{M}/gu, '')].length
}
