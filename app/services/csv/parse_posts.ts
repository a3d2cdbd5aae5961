import { parse } from 'csv-parse/sync'

/** A row as read from the file, before any check: column values by (lower-cased) header. */
export interface CsvRecord {
  /** Line number in the file (the header is line 1), for error messages. */
  line: number
  text: string
  accounts: string
  datetime: string
  mediaUrls: string
  /** The name of a library template the row starts from (its text when the row has none). */
  template: string
}

export const MAX_IMPORT_ROWS = 5000

const ALIASES: Record<string, keyof Omit<CsvRecord, 'line'>> = {
  text: 'text',
  body: 'text',
  accounts: 'accounts',
  account: 'accounts',
  datetime: 'datetime',
  date_time: 'datetime',
  scheduled_at: 'datetime',
  media_urls: 'mediaUrls',
  media: 'mediaUrls',
  template: 'template',
}

export type ParseResult =
  { status: 'ok'; records: CsvRecord[] } | { status: 'invalid'; message: string }

/**
 * Reads a CSV of posts with csv-parse: a header row naming the columns (text, accounts,
 * datetime — or date and time —, media_urls, template), UTF-8 with or without BOM, comma or
 * semicolon separated (spreadsheets in French locales write semicolons).
 */
export function parsePostsCsv(content: string): ParseResult {
  const firstLine = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  let rows: Record<string, string>[]
  try {
    rows = parse(content, {
      bom: true,
      delimiter,
      columns: (header: string[]) =>
        header.map((name) => name.trim().toLowerCase().replace(/\s+/g, '_')),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      to: MAX_IMPORT_ROWS + 1,
    })
  } catch (error) {
    return { status: 'invalid', message: (error as Error).message }
  }
  if (rows.length > MAX_IMPORT_ROWS)
    return { status: 'invalid', message: `At most ${MAX_IMPORT_ROWS} rows per file` }
  const headers = Object.keys(rows[0] ?? {})
  const hasWhen =
    headers.some((name) => ALIASES[name] === 'datetime') ||
    (headers.includes('date') && headers.includes('time'))
  if (
    !headers.some((name) => ['text', 'template'].includes(ALIASES[name])) ||
    !headers.some((name) => ALIASES[name] === 'accounts') ||
    !hasWhen
  ) {
    return {
      status: 'invalid',
      message:
        'The header must name the columns text (or template), accounts and datetime (or date and time)',
    }
  }
  const records = rows.map((row, index) => {
    const record: CsvRecord = {
      line: index + 2,
      text: '',
      accounts: '',
      datetime: '',
      mediaUrls: '',
      template: '',
    }
    for (const [name, value] of Object.entries(row)) {
      const field = ALIASES[name]
      if (field) record[field] = String(value ?? '')
    }
    if (!record.datetime && (row.date || row.time))
      record.datetime = `${row.date ?? ''} ${row.time ?? ''}`.trim()
    return record
  })
  return { status: 'ok', records }
}
