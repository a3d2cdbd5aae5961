import { DateTime } from 'luxon'
import EvergreenItem from '#models/evergreen_item'
import EvergreenSend from '#models/evergreen_send'
import type SocialAccount from '#models/social_account'
import User from '#models/user'
import Workspace from '#models/workspace'
import { createPost } from '#actions/posts/create_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { deletePost } from '#actions/posts/delete_post'
import plugins from '#services/plugins'
import { mayPost } from '#actions/automation/may_post'
import { loadTargetAccounts } from '#services/posts/load_targets'
import { freeSlots } from '#services/posts/next_free_slot'
import { evergreenSettings } from '#services/evergreen/settings'
import { pickVariant } from '#services/evergreen/pick_variant'
import { sqlTime } from '#services/publishing/settings'

type Skip = 'account_gap' | 'duplicate_text'

/**
 * Fills the workspace's free posting-schedule slots of the coming days with its evergreen
 * posts, in rotation (least recently sent first). An item waits `minGapDays` between sends;
 * an account waits `accountGapHours` between two evergreen posts; an account on a network
 * that refuses repeated text only gets a variant it never got, else is left out with the
 * reason. Each send is a post of its own, made and scheduled by the composer's actions.
 */
export async function fillEvergreen(workspace: Workspace, now: DateTime<boolean> = DateTime.utc()) {
  const items = await EvergreenItem.query()
    .where('workspace_id', workspace.id)
    .where('active', true)
    .orderBy('id')
  const report = { made: [] as number[], skipped: {} as Record<string, number> }
  if (!items.length) return report
  const horizon = now.plus({ days: evergreenSettings.horizonDays }).toMillis()
  const slots = ((await freeSlots(workspace, 100, now)) ?? []).filter(
    (s) => s.toMillis() <= horizon
  )

  for (const slot of slots) {
    const rotation = [...items].sort(
      (a, b) => (a.lastSentAt?.toMillis() ?? 0) - (b.lastSentAt?.toMillis() ?? 0) || a.id - b.id
    )
    for (const item of rotation) {
      if (item.lastSentAt && slot < item.lastSentAt.plus({ days: item.minGapDays })) continue
      const sent = await sendItem(workspace, item, slot, report)
      if (sent) break
    }
  }
  return report
}

async function sendItem(
  workspace: Workspace,
  item: EvergreenItem,
  slot: DateTime,
  report: { made: number[]; skipped: Record<string, number> }
) {
  const author = item.createdById ? await User.find(item.createdById) : null
  if (!author || !(await mayPost(workspace.id, author))) return false
  const { accounts } = await loadTargetAccounts(workspace.id, item.targetAccountIds)
  const chosen: { account: SocialAccount; text: string; hash: string }[] = []
  const skipped: { account: SocialAccount; reason: Skip }[] = []
  for (const account of accounts.values()) {
    const reason = await accountBusy(account, slot)
    if (reason) {
      skipped.push({ account, reason })
      continue
    }
    const history = await EvergreenSend.query()
      .where('social_account_id', account.id)
      .whereNull('skipped_reason')
      .select('item_id', 'text_hash')
    const plugin = await plugins.get(account.network)
    const variant = pickVariant({
      variants: item.variants,
      sentToAccount: history.filter((h) => h.itemId === item.id).length,
      usedHashes: new Set(history.map((h) => h.textHash)),
      refusesDuplicates: plugin.capabilities.refusesDuplicateText === true,
    })
    if (variant) chosen.push({ account, ...variant })
    else skipped.push({ account, reason: 'duplicate_text' })
  }
  if (!chosen.length) {
    for (const { reason } of skipped) report.skipped[reason] = (report.skipped[reason] ?? 0) + 1
    return false
  }

  const created = await createPost({
    workspace,
    author,
    body: item.variants[0],
    targets: chosen.map(({ account, text }) => ({ socialAccountId: account.id, text })),
  })
  if (created.status !== 'created') return false
  const scheduled = await schedulePost({ post: created.post, actor: author, at: slot })
  if (scheduled.status !== 'scheduled' && scheduled.status !== 'pending_approval') {
    // A network rule refuses it: no half-made send is left in a slot.
    await deletePost({ post: created.post, actor: author })
    report.skipped.invalid = (report.skipped.invalid ?? 0) + 1
    return false
  }
  const rows = [
    ...chosen.map(({ account, hash }) => ({
      account,
      hash,
      reason: null,
      postId: created.post.id,
    })),
    ...skipped.map(({ account, reason }) => ({ account, hash: '', reason, postId: null })),
  ]
  for (const row of rows) {
    await EvergreenSend.create({
      itemId: item.id,
      workspaceId: workspace.id,
      socialAccountId: row.account.id,
      network: row.account.network,
      textHash: row.hash,
      postId: row.postId,
      slotAt: slot,
      skippedReason: row.reason,
    })
    if (row.reason) report.skipped[row.reason] = (report.skipped[row.reason] ?? 0) + 1
  }
  await item.merge({ lastSentAt: slot }).save()
  report.made.push(created.post.id)
  return true
}

/** Whether an evergreen post already goes to this account too close to the slot. */
async function accountBusy(account: SocialAccount, slot: DateTime): Promise<Skip | null> {
  const gap = { hours: evergreenSettings.accountGapHours }
  const near = await EvergreenSend.query()
    .where('social_account_id', account.id)
    .whereNull('skipped_reason')
    .where('slot_at', '>', sqlTime(slot.minus(gap)))
    .where('slot_at', '<', sqlTime(slot.plus(gap)))
    .first()
  return near ? 'account_gap' : null
}

/** The job's round: every workspace with active evergreen items. */
export async function fillAllEvergreen(now: DateTime<boolean> = DateTime.utc()) {
  const ids = await EvergreenItem.query().where('active', true).distinct('workspace_id')
  let made = 0
  for (const { workspaceId } of ids) {
    const workspace = await Workspace.find(workspaceId)
    if (workspace) made += (await fillEvergreen(workspace, now)).made.length
  }
  return { made }
}
