import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import type Delivery from '#models/delivery'
import type Post from '#models/post'
import PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import { unqueueDeliveries } from '#services/publishing/schedule'
import { seriesSettings } from '#services/series/settings'

/**
 * How late an occurrence of this series may still be published: with `post_late`, its grace
 * window; with `skip`, only the ordinary queueing delay.
 */
export function lateAllowanceMs(series: Pick<PostSeries, 'missedPolicy' | 'lateGraceMinutes'>) {
  const ordinary = seriesSettings.missedAfterMs
  return series.missedPolicy === 'post_late'
    ? Math.max(ordinary, series.lateGraceMinutes * 60_000)
    : ordinary
}

/**
 * A delivery's first wake-up long after its time means no worker ran then. When its post is
 * an occurrence of a repeating post, the series' rule decides, and the occurrence records
 * what happened: published late (by how much), or skipped as missed — its post goes back
 * to draft, the same for all its accounts, so nothing half-goes. Anything else (a retry, an
 * ordinary delay, a post of no series) publishes as usual; only late wake-ups pay the read.
 */
export async function missedOccurrenceVerdict(
  delivery: Delivery,
  post: Post,
  nowMs = Date.now()
): Promise<'publish' | 'skipped'> {
  const lateMs = nowMs - (delivery.dueAt?.toMillis() ?? nowMs)
  if (delivery.attempts > 0 || lateMs <= seriesSettings.missedAfterMs) return 'publish'
  const occurrence = await SeriesOccurrence.query().where('post_id', post.id).first()
  if (!occurrence) return 'publish'
  const series = await PostSeries.find(occurrence.seriesId)
  if (!series) return 'publish'
  // Late against the occurrence's own time (a detached one may have been moved: its post's time).
  const lateBy = nowMs - (post.scheduledAt?.toMillis() ?? occurrence.occursAt.toMillis())
  if (lateBy <= lateAllowanceMs(series)) {
    if (occurrence.lateSeconds === null)
      await occurrence.merge({ lateSeconds: Math.round(Math.max(0, lateBy) / 1000) }).save()
    return 'publish'
  }
  const skipped = await unqueueDeliveries(post.id, 'draft', async (trx) => {
    post.useTransaction(trx)
    await post.merge({ status: 'draft', scheduledAt: null }).save()
    occurrence.useTransaction(trx)
    await occurrence
      .merge({ missedAt: DateTime.fromMillis(nowMs, { zone: 'utc' }), problem: 'missed' })
      .save()
  })
  // A sibling delivery is already on its way: this one follows, late, rather than half a post.
  if (skipped.status !== 'ok') return 'publish'
  logger.info(
    { seriesId: series.id, postId: post.id, lateSeconds: Math.round(lateBy / 1000) },
    'repeating post occurrence missed while no worker ran: skipped'
  )
  return 'skipped'
}
