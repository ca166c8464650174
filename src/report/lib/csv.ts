/**
 * CSV as RFC 4180 has it: CRLF between records, a field quoted when it holds
 * a comma, a quote, CR or LF, quotes inside doubled; UTF-8 with a byte order
 * mark in front so spreadsheet programs read Vietnamese right. Pure: the
 * caller writes the string.
 */

/** A field value: null and undefined are empty fields. */
export type CsvValue = string | number | boolean | null | undefined

/** Options for {@link toCsv}. */
export interface CsvOptions {
  /** Whether to start with a byte order mark (default `true`). */
  bom?: boolean
  /**
   * Whether to start with the header (default `true`); without it and the
   * byte order mark, the records alone, to write a table piece by piece.
   */
  header?: boolean
}

/**
 * Format a table as CSV.
 *
 * @param columns
 *   Header names.
 * @param rows
 *   Records; each as long as `columns` (shorter ones are padded with empty fields).
 * @param options
 *   Options.
 * @returns
 *   CSV text, every record ended by CRLF.
 */
export function toCsv(columns: string[], rows: CsvValue[][], options: CsvOptions = {}): string {
  const lines = options.header === false ? [] : [columns.map((value) => field(value)).join(',')]
  for (const row of rows) {
    const cells: string[] = []
    for (let index = 0; index < Math.max(columns.length, row.length); index++) cells.push(field(row[index]))
    lines.push(cells.join(','))
  }
  // An empty last line ends every record with CRLF in one join.
  lines.push('')
  return (options.bom === false ? '' : '\uFEFF') + lines.join('\r\n')
}

/**
 * One field.
 *
 * @param value
 *   Value.
 * @returns
 *   Field text, quoted when needed.
 */
function field(value: CsvValue): string {
  let text: string
  if (value === null || value === undefined) text = ''
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : ''
  else if (typeof value === 'boolean') text = value ? 'true' : 'false'
  else text = value
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text
}
