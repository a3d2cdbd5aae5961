import { DateTime } from 'luxon'
import Post, { EDITABLE_POST_STATUSES } from '#models/post'
import PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import type User from '#models/user'
import Workspace from '#models/workspace'
import { deletePost } from '#actions/posts/delete_post'
import { checkContent, seriesColumns, type SeriesContent } from '#actions/series/create_series'
import { materializeSeries } from '#actions/series/materialize_series'
import type { CreateSeriesResult } from '#actions/series/create_series'
import { mayPost } from '#actions/automation/may_post'
import { occurrencesBetween, ruleEndingBefore } from '#services/series/occurrences'
import { seriesSettings } from '#services/series/settings'

/**
 * "Edit all future ones" from the occurrence at `fromLocal`: the series is split there, as
 * calendars do. The old series ends just before it (past and published occurrences keep
 * what they were); the future posts it had made are removed — except those marked as edited
 * on their own ("this one", series_occurrences.detached) and those already publishing — and a new series with the new content and rule
 * lays out its own from `fromLocal`. A COUNT keeps counting: the new series gets what is left.
 */
export async function editFutureOccurrences(input: {
  series: PostSeries
  actor: User
  fromLocal: string
  content: SeriesContent
  now?: DateTime<boolean>
}): Promise<CreateSeriesResult> {
  const { series, actor, fromLocal } = input
  const workspace = await Workspace.findOrFail(series.workspaceId)
  if (!(await mayPost(workspace.id, actor))) return { status: 'forbidden' }
  const content = {
    ...input.content,
    // Unsaid, the rule for missed occurrences carries on from the series.
    missedPolicy: input.content.missedPolicy ?? series.missedPolicy,
    lateGraceMinutes: input.content.lateGraceMinutes ?? series.lateGraceMinutes,
    rule: keepCounting(series, input.content.rule, fromLocal, workspace.timezone),
  }
  const invalid = await checkContent(workspace, content)
  if (invalid) return invalid

  const future = await SeriesOccurrence.query()
    .where('series_id', series.id)
    .where('occurs_at_local', '>=', fromLocal)
  const kept: number[] = []
  for (const occurrence of future) {
    const post = occurrence.postId ? await Post.find(occurrence.postId) : null
    const keep =
      // Edited on its own ("this one": recorded when its post was edited or moved).
      occurrence.detached ||
      (post && !EDITABLE_POST_STATUSES.includes(post.status)) ||
      (post && (await deletePost({ post, actor })).status !== 'deleted')
    if (keep) kept.push(occurrence.id)
    else await occurrence.delete()
  }
  const windowEnd = series.materializedUntil
  await series.merge({ rule: ruleEndingBefore(series.rule, fromLocal) }).save()

  const next = await PostSeries.create({
    workspaceId: series.workspaceId,
    createdById: actor.id,
    ...seriesColumns(content),
    materializedUntil: null,
    active: true,
    lastError: null,
  })
  // The kept ones belong to the new half: holding their wall-clock names there, they get no
  // twin when the new rule falls at the same times.
  if (kept.length) await SeriesOccurrence.query().whereIn('id', kept).update({ series_id: next.id })
  const now = input.now ?? DateTime.utc()
  const until = DateTime.fromMillis(
    Math.max(windowEnd?.toMillis() ?? 0, now.plus({ days: seriesSettings.windowDays }).toMillis()),
    { zone: 'utc' }
  )
  await materializeSeries(next, until, now)
  return { status: 'created', series: next }
}

/** A COUNT in the unchanged rule counts on: the new half gets the occurrences not yet spent. */
function keepCounting(series: PostSeries, rule: string, fromLocal: string, zone: string) {
  const count = /(?:^|;)COUNT=(\d+)/i.exec(series.rule)
  if (!count || rule.replace(/^RRULE:/i, '') !== series.rule) return rule
  const start = DateTime.fromISO(series.startsAtLocal, { zone })
  const cut = DateTime.fromISO(fromLocal, { zone })
  const spent = occurrencesBetween(
    series.rule,
    series.startsAtLocal,
    zone,
    start.minus({ days: 1 }),
    cut
  ).length
  const left = Math.max(0, Number(count[1]) - spent)
  return series.rule.replace(/COUNT=\d+/i, `COUNT=${left}`)
}
