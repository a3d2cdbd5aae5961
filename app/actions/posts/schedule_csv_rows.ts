import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import queue from '#queue/main'
import { PUBLISH_DELIVERY } from '#queue/job_specs'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { sqlTime } from '#services/publishing/settings'
import { wakeJobId } from '#services/publishing/wake'
import { ingestUrl } from '#services/api/media'
import { ApiError } from '#services/api/errors'
import type { CheckedRow } from '#services/csv/validate_rows'

const BATCH = 200

export interface ScheduleReport {
  scheduled: number
  pendingApproval: number
  failed: { line: number; code: string; message: string }[]
}

/** Each distinct media URL is fetched once (safe fetcher) and ingested; a failure fails the rows using it. */
async function importMedia(rows: CheckedRow[], workspace: Workspace, actor: User) {
  const assets = new Map<string, number | { code: string; message: string }>()
  for (const url of new Set(rows.flatMap((row) => row.mediaUrls))) {
    try {
      assets.set(url, (await ingestUrl(url, { workspaceId: workspace.id, userId: actor.id })).id)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      assets.set(url, { code: 'media_import_failed', message: `${url}: ${error.message}` })
    }
  }
  return assets
}

/**
 * Schedules checked rows in batches of 200, one transaction per batch: the posts, one
 * delivery per account (due at the row's instant, revision 1, its own idempotency key)
 * and their media, with the wake-up job id recorded before anything reaches Redis.
 * After each commit the wake-up calls go to the publish queue in one bulk add; if Redis
 * is down the reconciler finds the due rows. An editor's rows wait for approval, as in
 * the composer.
 */
export async function scheduleRows(
  rows: CheckedRow[],
  workspace: Workspace,
  actorInput: ActorInput
): Promise<ScheduleReport> {
  const { user: actor, member } = await resolveActor(actorInput, workspace.id)
  const policy = new PostPolicy()
  if (!policy.edit(actor, member, { workspaceId: workspace.id }))
    throw new ApiError(403, 'forbidden', 'Only editors and above may import posts')
  const approved = policy.skipReview(actor, member, { workspaceId: workspace.id })
  const report: ScheduleReport = { scheduled: 0, pendingApproval: 0, failed: [] }
  const media = await importMedia(rows, workspace, actor)
  const accounts = new Map(
    (
      await SocialAccount.query()
        .where('workspace_id', workspace.id)
        .whereNot('status', 'disconnected')
    ).map((a) => [a.id, a])
  )

  const ready = rows.filter((row) => {
    const failure = row.mediaUrls
      .map((url) => media.get(url))
      .find((value) => typeof value === 'object')
    if (failure && typeof failure === 'object') report.failed.push({ line: row.line, ...failure })
    const lost = row.accountIds.find((id) => !accounts.has(id))
    if (lost)
      report.failed.push({
        line: row.line,
        code: 'unknown_account',
        message: `account #${lost} was disconnected`,
      })
    return !failure && !lost
  })

  for (let start = 0; start < ready.length; start += BATCH) {
    const batch = ready.slice(start, start + BATCH)
    const wakes: { id: number; dueAt: number }[] = []
    await db.transaction(async (trx) => {
      const status = approved ? 'scheduled' : 'pending_approval'
      const posts = await Post.createMany(
        batch.map((row) => ({
          workspaceId: workspace.id,
          authorId: actor.id,
          body: row.text,
          status,
          scheduledAt: DateTime.fromISO(row.at!),
        })),
        { client: trx }
      )
      const deliveryRows = batch.flatMap((row, index) =>
        row.accountIds.map((accountId) => ({
          post_id: posts[index].id,
          workspace_id: workspace.id,
          social_account_id: accountId,
          network: accounts.get(accountId)!.network,
          text: row.ownTexts[accountId] ?? null,
          options: '{}',
          status,
          due_at: approved ? sqlTime(DateTime.fromISO(row.at!)) : null,
          revision: 1,
          attempts: 0,
          rate_limit_waits: 0,
          status_checks: 0,
          idempotency_key: randomUUID(),
          created_at: sqlTime(),
          updated_at: sqlTime(),
        }))
      )
      for (let i = 0; i < deliveryRows.length; i += 100)
        await trx
          .insertQuery()
          .table('deliveries')
          .multiInsert(deliveryRows.slice(i, i + 100))
      // A template's media come first, then the row's own URLs.
      const mediaRows = batch.flatMap((row, index) =>
        [
          ...row.templateMedia,
          ...row.mediaUrls.map((url) => ({
            mediaAssetId: media.get(url) as number,
            altText: null,
          })),
        ].map((item, position) => ({
          post_id: posts[index].id,
          media_asset_id: item.mediaAssetId,
          position,
          alt_text: item.altText,
          created_at: sqlTime(),
          updated_at: sqlTime(),
        }))
      )
      if (mediaRows.length) await trx.insertQuery().table('post_media').multiInsert(mediaRows)
      if (!approved) return
      const dueOf = new Map(
        posts.map((post, index) => [post.id, DateTime.fromISO(batch[index].at!).toMillis()])
      )
      const inserted = await trx
        .from('deliveries')
        .whereIn('post_id', [...dueOf.keys()])
        .select('id', 'post_id')
      // Recorded before the jobs exist, as wakeAt does: the reconciler trusts the row.
      await trx
        .from('deliveries')
        .whereIn(
          'post_id',
          posts.map((post) => post.id)
        )
        .update({ job_id: db.raw(`'delivery:' || id || ':1'`) })
      for (const row of inserted)
        wakes.push({ id: Number(row.id), dueAt: dueOf.get(Number(row.post_id))! })
    })
    if (approved) {
      await queue.use(PUBLISH_DELIVERY.queue).addBulk(
        wakes.map((wake) => ({
          name: PUBLISH_DELIVERY.jobName,
          data: { deliveryId: wake.id, revision: 1 },
          opts: {
            jobId: wakeJobId({ id: wake.id, revision: 1 }),
            delay: Math.max(0, wake.dueAt - Date.now()),
          },
        }))
      )
    }
    if (approved) report.scheduled += batch.length
    else report.pendingApproval += batch.length
  }
  return report
}
