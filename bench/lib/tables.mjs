// One table model, two renderings: aligned text for a terminal, Markdown for docs/performance.md.
// A table is { title, columns: [{ title, align: 'left' | 'right' }], rows: string[][] }.

export function renderText({ title, columns, rows }) {
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...rows.map((row) => row[index].length)),
  )
  const line = (cells) =>
    cells
      .map((cell, index) =>
        columns[index].align === 'right' ? cell.padStart(widths[index]) : cell.padEnd(widths[index]),
      )
      .join('  ')
      .trimEnd()
  return [title, line(columns.map((column) => column.title)), ...rows.map(line)].join('\n')
}

export function renderMarkdown({ title, columns, rows }) {
  const line = (cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`
  const rule = columns.map((column) => (column.align === 'right' ? '---:' : '---'))
  return [
    `#### ${title}`,
    '',
    line(columns.map((column) => column.title)),
    `|${rule.join('|')}|`,
    ...rows.map(line),
  ].join('\n')
}

export const left = (title) => ({ title, align: 'left' })
export const right = (title) => ({ title, align: 'right' })
