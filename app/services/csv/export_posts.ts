import { stringify } from 'csv-stringify'
import type { Readable } from 'node:stream'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first)
 * gets a leading apostrophe: OWASP's advice against CSV injection. Applies to every
 * text cell that user or network text can reach.
 */
export function neutralizeCell(value: unknown) {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

const COLUMNS = [
  'post_id',
  'post_status',
  'scheduled_at_local',
  'scheduled_at_utc',
  'text',
  'delivery_id',
  'network',
  'account',
  'delivery_status',
  'published_at_utc',
  'external_url',
  'last_error',
]

/** A timestamp column as the driver returns it (Date on PostgreSQL, UTC text on SQLite). */
function utc(value: unknown) {
  if (!value) return null
  if (value instanceof Date) return DateTime.fromJSDate(value).toUTC()
  const parsed = DateTime.fromSQL(String(value), { zone: 'utc' })
  return parsed.isValid ? parsed : DateTime.fromISO(String(value), { zone: 'utc' })
}

/**
 * Every post of a workspace with one line per delivery (a post without deliveries keeps
 * one line), streamed page by page so a large workspace never sits in memory.
 */
export function exportPostsCsv(workspace: { id: number; timezone: string }): Readable {
  const out = stringify({ header: true, columns: COLUMNS, bom: true })
  void (async () => {
    let after = 0
    for (;;) {
      const posts = await db
        .from('posts')
        .where('workspace_id', workspace.id)
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .select('id', 'status', 'body', 'scheduled_at')
      if (!posts.length) break
      after = Number(posts.at(-1).id)
      const deliveries = await db
        .from('deliveries')
        .leftJoin('social_accounts', 'social_accounts.id', 'deliveries.social_account_id')
        .whereIn(
          'deliveries.post_id',
          posts.map((post) => post.id)
        )
        .whereNot('deliveries.status', 'cancelled')
        .orderBy('deliveries.id')
        .select(
          'deliveries.id',
          'deliveries.post_id',
          'deliveries.network',
          'deliveries.text',
          'deliveries.status',
          'deliveries.published_at',
          'deliveries.external_url',
          'deliveries.last_error',
          'social_accounts.handle'
        )
      const byPost = Map.groupBy(deliveries, (delivery) => Number(delivery.post_id))
      for (const post of posts) {
        const scheduled = utc(post.scheduled_at)
        const base = [
          post.id,
          post.status,
          scheduled?.setZone(workspace.timezone).toFormat('yyyy-MM-dd HH:mm') ?? '',
          scheduled?.toISO() ?? '',
        ]
        const lines = byPost.get(Number(post.id)) ?? [null]
        for (const delivery of lines) {
          const row = [
            ...base,
            neutralizeCell(delivery?.text ?? post.body),
            delivery?.id ?? '',
            delivery?.network ?? '',
            neutralizeCell(delivery?.handle ?? ''),
            delivery?.status ?? '',
            utc(delivery?.published_at)?.toISO() ?? '',
            neutralizeCell(delivery?.external_url ?? ''),
            neutralizeCell(delivery?.last_error ?? ''),
          ]
          if (!out.write(row)) await new Promise((resolve) => out.once('drain', resolve))
        }
      }
    }
    out.end()
  })().catch((error) => out.destroy(error))
  return out
}
