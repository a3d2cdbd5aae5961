import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import MediaAsset from '#models/media_asset'
import PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import User from '#models/user'
import Workspace from '#models/workspace'
import { createPost } from '#actions/posts/create_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { mayPost } from '#actions/automation/may_post'
import { occurrencesBetween } from '#services/series/occurrences'
import { seriesSettings } from '#services/series/settings'

/**
 * Lays out a series' occurrences up to `until` (the rolling window's end): each one is
 * remembered first (unique per series and wall-clock time, so a second run or a second
 * worker makes nothing twice), then made into its own post and scheduled through the
 * composer's actions, with their checks. Occurrences already past are not made late.
 */
export async function materializeSeries(
  series: PostSeries,
  until: DateTime<boolean>,
  now: DateTime<boolean> = DateTime.utc()
) {
  const [workspace, author] = await Promise.all([
    Workspace.find(series.workspaceId),
    series.createdById ? User.find(series.createdById) : null,
  ])
  if (!workspace) return []
  if (!author || !(await mayPost(workspace.id, author))) {
    await series.merge({ lastError: 'author_left' }).save()
    return []
  }
  const from = DateTime.fromMillis(
    Math.max(series.materializedUntil?.toMillis() ?? now.toMillis(), now.toMillis()),
    { zone: 'utc' }
  )
  if (until.toMillis() <= from.toMillis()) return []
  const made: SeriesOccurrence[] = []
  for (const occurrence of occurrencesBetween(
    series.rule,
    series.startsAtLocal,
    workspace.timezone,
    from,
    until
  )) {
    const row = await claim(series, occurrence.local, occurrence.at)
    if (!row) continue
    const created = await createPost({
      workspace,
      author,
      body: series.body,
      targets: series.targets,
      media: await usableMedia(series),
    })
    if (created.status !== 'created') {
      await row.merge({ problem: created.status }).save()
      continue
    }
    const scheduled = await schedulePost({ post: created.post, actor: author, at: occurrence.at })
    const ok = scheduled.status === 'scheduled' || scheduled.status === 'pending_approval'
    await row.merge({ postId: created.post.id, problem: ok ? null : scheduled.status }).save()
    made.push(row)
  }
  await series.merge({ materializedUntil: until, lastError: null }).save()
  return made
}

/**
 * The series' media still in the library, in order: an asset deleted since the series was
 * made leaves the occurrences without it rather than without a post.
 */
async function usableMedia(series: PostSeries) {
  if (!series.media.length) return []
  const ready = new Set(
    (
      await MediaAsset.query()
        .where('workspace_id', series.workspaceId)
        .where('status', 'ready')
        .whereIn(
          'id',
          series.media.map((item) => item.mediaAssetId)
        )
        .select('id')
    ).map((asset) => asset.id)
  )
  return series.media.filter((item) => ready.has(item.mediaAssetId))
}

async function claim(series: PostSeries, local: string, at: DateTime) {
  try {
    return await SeriesOccurrence.create({
      seriesId: series.id,
      workspaceId: series.workspaceId,
      occursAtLocal: local,
      occursAt: at,
      postId: null,
      detached: false,
      problem: null,
      missedAt: null,
      lateSeconds: null,
    })
  } catch (error) {
    logger.debug({ err: error, seriesId: series.id, local }, 'occurrence already made')
    return null
  }
}

/** The job's round: every active series, laid out to now + the window. */
export async function materializeAllSeries(now: DateTime<boolean> = DateTime.utc()) {
  const until = now.plus({ days: seriesSettings.windowDays })
  const series = await PostSeries.query().where('active', true).orderBy('id')
  let made = 0
  for (const one of series) made += (await materializeSeries(one, until, now)).length
  return { series: series.length, made }
}
