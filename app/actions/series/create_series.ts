import { DateTime } from 'luxon'
import PostSeries, { type SeriesTarget } from '#models/post_series'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { mayPost } from '#actions/automation/may_post'
import { loadTargetAccounts } from '#services/posts/load_targets'
import { checkTargets, type TargetCheck } from '#services/posts/check_targets'
import { parseRule, RuleError } from '#services/series/occurrences'
import { seriesSettings } from '#services/series/settings'
import { materializeSeries } from '#actions/series/materialize_series'

export interface SeriesContent {
  rule: string
  startsAtLocal: string
  body: string
  targets: SeriesTarget[]
}

export type CreateSeriesResult =
  | { status: 'created'; series: PostSeries }
  | { status: 'forbidden' | 'no_targets' }
  | { status: 'unknown_accounts'; socialAccountIds: number[] }
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
    rule: content.rule.replace(/^RRULE:/i, ''),
    startsAtLocal: content.startsAtLocal,
    body: content.body,
    targets: content.targets,
    media: [],
    materializedUntil: null,
    active: true,
    lastError: null,
  })
  const now = input.now ?? DateTime.utc()
  await materializeSeries(series, now.plus({ days: seriesSettings.windowDays }), now)
  return { status: 'created', series }
}

/** The rule reads, the targets are this workspace's, and each passes its network's checks. */
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
  const { accounts, missing } = await loadTargetAccounts(
    workspace.id,
    targets.map((t) => t.socialAccountId)
  )
  if (missing.length) return { status: 'unknown_accounts' as const, socialAccountIds: missing }
  const checks = await checkTargets({ body: content.body, targets, accounts })
  if (checks.some((check) => check.issues.length)) return { status: 'invalid' as const, checks }
  return null
}
