import { DateTime } from 'luxon'
import PostSeries, {
  type MissedPolicy,
  type SeriesMedia,
  type SeriesTarget,
} from '#models/post_series'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { mayPost } from '#actions/automation/may_post'
import type { TargetCheck } from '#services/posts/check_targets'
import { checkDraft } from '#actions/posts/check_draft'
import { parseRule, RuleError } from '#services/series/occurrences'
import { seriesSettings } from '#services/series/settings'
import { materializeSeries } from '#actions/series/materialize_series'

export interface SeriesContent {
  rule: string
  startsAtLocal: string
  body: string
  targets: SeriesTarget[]
  /** Carried by every occurrence (this workspace's ready media only). */
  media?: SeriesMedia[]
  missedPolicy?: MissedPolicy
  lateGraceMinutes?: number
}

/** The columns a series takes from its content (a new one, or the new half of an "all future" edit). */
export function seriesColumns(content: SeriesContent) {
  return {
    rule: content.rule.replace(/^RRULE:/i, ''),
    startsAtLocal: content.startsAtLocal,
    body: content.body,
    targets: content.targets,
    media: content.media ?? [],
    missedPolicy: content.missedPolicy ?? seriesSettings.defaultMissedPolicy,
    lateGraceMinutes: content.lateGraceMinutes ?? seriesSettings.defaultLateGraceMinutes,
  }
}

export type CreateSeriesResult =
  | { status: 'created'; series: PostSeries }
  | { status: 'forbidden' | 'no_targets' | 'unknown_accounts' | 'unknown_media' }
  | { status: 'invalid_rule'; message: string }
  | { status: 'invalid'; checks: TargetCheck[] }

/**
 * A repeating post: the rule and the content are checked as the composer checks a post
 * (every target against its network's rules), then the occurrences of the rolling window
 * are made at once so the calendar shows them.
 */
export async function createSeries(input: {
  workspace: Workspace
  actor: User
  content: SeriesContent
  now?: DateTime<boolean>
}): Promise<CreateSeriesResult> {
  const { workspace, actor, content } = input
  if (!(await mayPost(workspace.id, actor))) return { status: 'forbidden' }
  const invalid = await checkContent(workspace, content)
  if (invalid) return invalid
  const series = await PostSeries.create({
    workspaceId: workspace.id,
    createdById: actor.id,
    ...seriesColumns(content),
    materializedUntil: null,
    active: true,
    lastError: null,
  })
  const now = input.now ?? DateTime.utc()
  await materializeSeries(series, now.plus({ days: seriesSettings.windowDays }), now)
  return { status: 'created', series }
}

/**
 * The rule reads, the targets and media are this workspace's, and each target passes its
 * network's checks with the media attached — the composer's own check, nothing saved.
 */
export async function checkContent(workspace: Workspace, content: SeriesContent) {
  try {
    parseRule(content.rule, content.startsAtLocal)
  } catch (error) {
    if (error instanceof RuleError)
      return { status: 'invalid_rule' as const, message: error.message }
    throw error
  }
  const targets = [...new Map(content.targets.map((t) => [t.socialAccountId, t])).values()]
  if (!targets.length) return { status: 'no_targets' as const }
  const checked = await checkDraft({
    workspace,
    body: content.body,
    targets,
    media: content.media ?? [],
  })
  if (checked.status !== 'checked') return { status: checked.status }
  if (checked.checks.some((check) => check.issues.length))
    return { status: 'invalid' as const, checks: checked.checks }
  return null
}
