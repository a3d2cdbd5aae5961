/**
 * Dates as a workspace types them, for the date fields of the app (shared by the server,
 * which says which pattern a workspace uses, and the browser, which reads and writes it).
 * A native date input would follow the browser's language instead. Dependency-free on
 * purpose: the browser bundle imports this file.
 */

const TOKENS: Record<string, string> = { day: 'dd', month: 'MM', year: 'yyyy' }
const PATTERN = /^(dd|MM|yyyy)([./-])(dd|MM|yyyy)\2(dd|MM|yyyy)$/

/**
 * The numeric date of a locale as a pattern (dd, MM, yyyy and the locale's separator):
 * en-FR and fr-FR write 07/12/2026, en-US 12/07/2026, de-DE 07.12.2026, en-CA 2026-12-07.
 * A locale with words or other marks between the numbers (ko-KR) falls back to ISO.
 */
export function datePatternOf(locale: string) {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(Date.UTC(2026, 11, 7)))
  const pattern = parts
    .map((part) => TOKENS[part.type] ?? (part.type === 'literal' ? part.value.trim() : ''))
    .join('')
  return PATTERN.test(pattern) ? pattern : 'yyyy-MM-dd'
}

function partsOf(pattern: string) {
  const match = PATTERN.exec(pattern) ?? PATTERN.exec('yyyy-MM-dd')!
  return { order: [match[1], match[3], match[4]], separator: match[2] }
}

/** "2026-12-07" written with the pattern: "07/12/2026". Anything else is returned as it is. */
export function formatPatternDate(iso: string, pattern: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return iso
  const values: Record<string, string> = { yyyy: match[1], MM: match[2], dd: match[3] }
  const { order, separator } = partsOf(pattern)
  return order.map((token) => values[token]).join(separator)
}

/**
 * What a person typed, read with the pattern ("7/12/2026", "07.12.26", "7 12 2026" in
 * dd/MM/yyyy), or as ISO ("2026-12-07", what a pasted date often is), as "yyyy-MM-dd";
 * null when it is not a day of the calendar.
 */
export function parsePatternDate(text: string, pattern: string): string | null {
  const trimmed = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed)
  const numbers = iso ? null : /^(\d{1,4})\D+(\d{1,2})\D+(\d{1,4})$/.exec(trimmed)
  if (!iso && !numbers) return null
  const values: Record<string, number> = {}
  if (iso) Object.assign(values, { yyyy: Number(iso[1]), MM: Number(iso[2]), dd: Number(iso[3]) })
  else
    partsOf(pattern).order.forEach((token, index) => (values[token] = Number(numbers![index + 1])))
  const year = values.yyyy < 100 ? values.yyyy + 2000 : values.yyyy
  const [month, day] = [values.MM, values.dd]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${year}-${pad(month)}-${pad(day)}`
}
