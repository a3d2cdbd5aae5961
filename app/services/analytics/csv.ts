/**
 * CSV for spreadsheets: UTF-8 with a BOM (Excel reads the encoding from it), CRLF rows,
 * and text cells that a spreadsheet would take for a formula (= + - @, tab, CR) prefixed
 * with a quote. Numbers are written as numbers, so a negative change stays a number.
 * An account handle (`@alice.test`, `@bakery@mastodon.social`) is written as it is: letters,
 * digits, dots, dashes and underscores cannot call a function, and a quote would corrupt it.
 */
export type Cell = string | number | null

const FORMULA = /^[=+\-@\t\r]/
const HANDLE = /^@[\p{L}\p{N}_.-]+(@[\p{L}\p{N}_.-]+)?$/u

export function csvCell(value: Cell, separator: string) {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = FORMULA.test(value) && !HANDLE.test(value) ? `'${value}` : value
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: Cell[][], separator = ',') {
  return (
    '\uFEFF' +
    rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n') +
    '\r\n'
  )
}
