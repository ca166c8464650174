/**
 * Render Markdown as plain text the way a word processor's "save as text"
 * would: marks removed, paragraphs hard-wrapped at a fixed width.
 */

/**
 * Plain-text rendering of a Markdown document.
 *
 * @param value
 *   Markdown.
 * @param width
 *   Wrap width.
 * @returns
 *   Plain text.
 */
export function toPlain(value: string, width = 80): string {
  return value
    .split('\n')
    .map((line) =>
      line
        .replace(/^#{1,6}\s+/, '')
        .replace(/<\/?sup>/g, '')
        // Every `*` is emphasis but a `* ` header at the start of a line.
        .replace(/\*(?!\s)|(?<!^)\*/g, '')
        .replace(/\s+$/, '')
    )
    .flatMap((line) => wrap(line, width))
    .join('\n')
}

/**
 * Hard-wrap one line at spaces.
 *
 * @param line
 *   Line.
 * @param width
 *   Width.
 * @returns
 *   Lines.
 */
export function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line]
  const lines: string[] = []
  let current = ''
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current)
      current = word
    } else {
      current = current ? current + ' ' + word : word
    }
  }
  if (current) lines.push(current)
  return lines
}
