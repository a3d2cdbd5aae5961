import EvergreenItem from '#models/evergreen_item'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { EvergreenInput } from '#validators/evergreen'
import type { TargetCheck } from '#services/posts/check_targets'
import { mayPost } from '#actions/automation/may_post'
import { checkDraft } from '#actions/posts/check_draft'

export type SaveEvergreenResult =
  | { status: 'saved'; item: EvergreenItem }
  | { status: 'forbidden' }
  | { status: 'unknown_accounts' }
  | { status: 'invalid'; variant: number; checks: TargetCheck[] }

/**
 * Adds or changes an evergreen item. Its accounts must be this workspace's, and every text
 * must pass each account's network checks now — as the composer checks a post — rather
 * than be dropped, slot after slot, by the queue later. Its sends will be written as the
 * member who saves it (their right to post is asked again at each send).
 */
export async function saveEvergreen(input: {
  workspace: Workspace
  actor: User
  payload: EvergreenInput
  item?: EvergreenItem
}): Promise<SaveEvergreenResult> {
  const { workspace, actor, payload } = input
  if (!(await mayPost(workspace.id, actor))) return { status: 'forbidden' }
  const variants = [...new Set(payload.variants)]
  for (const [index, text] of variants.entries()) {
    const checked = await checkDraft({
      workspace,
      body: text,
      targets: payload.targetAccountIds.map((socialAccountId) => ({ socialAccountId })),
      media: [],
    })
    if (checked.status !== 'checked') return { status: 'unknown_accounts' }
    if (checked.checks.some((check) => check.issues.length))
      return { status: 'invalid', variant: index, checks: checked.checks }
  }
  const item = input.item ?? new EvergreenItem()
  item.merge({
    workspaceId: workspace.id,
    createdById: actor.id,
    variants,
    targetAccountIds: payload.targetAccountIds,
    minGapDays: payload.minGapDays,
    active: payload.active ?? item.active ?? true,
  })
  if (!input.item) item.lastSentAt = null
  await item.save()
  return { status: 'saved', item }
}
