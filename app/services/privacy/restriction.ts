import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * Restriction of processing (GDPR art. 18). While set, the publishing and stats queues
 * must leave the user's content alone: call `isProcessingRestricted(authorId)` before
 * publishing a post or collecting its metrics.
 */
export async function isProcessingRestricted(userId: number): Promise<boolean> {
  const row = await db.from('users').where('id', userId).select('processing_restricted_at').first()
  return Boolean(row?.processing_restricted_at)
}

/** When the restriction started, or null when processing is allowed. */
export async function processingRestrictedSince(userId: number): Promise<DateTime | null> {
  const row = await db.from('users').where('id', userId).select('processing_restricted_at').first()
  const value = row?.processing_restricted_at
  if (!value) return null
  return value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(String(value))
}

/** Sets or lifts the restriction; returns whether anything changed. */
export async function setProcessingRestricted(
  userId: number,
  restricted: boolean,
  now = DateTime.now()
) {
  const query = db.from('users').where('id', userId)
  const changed = restricted
    ? await query
        .whereNull('processing_restricted_at')
        .update({ processing_restricted_at: now.toFormat(db.connection().dialect.dateTimeFormat) })
    : await query
        .whereNotNull('processing_restricted_at')
        .update({ processing_restricted_at: null })
  return Number(Array.isArray(changed) ? changed[0] : changed) > 0
}
