import Delivery from '#models/delivery'
import PostMedia from '#models/post_media'
import Post, { EDITABLE_POST_STATUSES } from '#models/post'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import { loadTargetAccounts } from '#services/posts/load_targets'
import { checkTargets, type TargetCheck, type TargetInput } from '#services/posts/check_targets'
import { newDelivery, type MediaInput } from '#actions/posts/create_post'
import { changeDeliveries } from '#services/publishing/schedule'
import { wakeAt } from '#services/publishing/wake'
import { resetClientApprovalIfChanged } from '#services/reviews/client_reset'
import { actorIdOf, recordPostActivity } from '#services/reviews/post_activity'
import { writePostParts, type PartInput } from '#services/posts/post_parts'
import { detachOccurrence } from '#services/series/detach'

export interface UpdatePostInput {
  post: Post
  actor: ActorInput
  body: string
  /** The full list of targets after the edit: missing ones are removed, new ones added. */
  targets: TargetInput[]
  media?: MediaInput[]
  /** The shared follow-ups after the edit (absent: none); targets may carry their own. */
  parts?: PartInput[]
}

export type UpdatePostResult =
  | {
      status: 'updated'
      post: Post
      checks: TargetCheck[]
      approvalReset: boolean
      clientApprovalReset: boolean
    }
  | { status: 'forbidden' | 'not_editable' | 'publishing_started' | 'no_targets' }
  | { status: 'unknown_accounts'; socialAccountIds: number[] }

/**
 * Edits a post until it starts publishing. Every delivery's revision is bumped (a job
 * already in Redis becomes a no-op) and its job moved; if any delivery was claimed
 * meanwhile, nothing changes. An editor's edit of an approved post sends it back to draft.
 */
export async function updatePost({
  post,
  actor,
  body,
  targets,
  media,
  parts,
}: UpdatePostInput): Promise<UpdatePostResult> {
  const { user, member } = await resolveActor(actor, post.workspaceId)
  const policy = new PostPolicy()
  if (!policy.edit(user, member, post)) return { status: 'forbidden' }
  if (!EDITABLE_POST_STATUSES.includes(post.status)) return { status: 'not_editable' }
  const wanted = new Map(targets.map((target) => [target.socialAccountId, target]))
  if (!wanted.size) return { status: 'no_targets' }
  const { accounts, missing } = await loadTargetAccounts(post.workspaceId, [...wanted.keys()])
  if (missing.length) return { status: 'unknown_accounts', socialAccountIds: missing }

  const approvalReset =
    ['approved', 'scheduled'].includes(post.status) && !policy.skipReview(user, member, post)
  const existing = new Set<number>()
  const changed = await changeDeliveries(
    post.id,
    (delivery) => {
      existing.add(delivery.socialAccountId ?? -1)
      if (delivery.status === 'cancelled') return null
      const target = wanted.get(delivery.socialAccountId ?? -1)
      if (!target) return { status: 'cancelled', due_at: null }
      return {
        text: target.text ?? null,
        options: JSON.stringify(target.options ?? {}),
        ...(approvalReset ? { status: 'draft', due_at: null } : {}),
      }
    },
    {
      alongside: async (trx) => {
        const statusOfNew = approvalReset
          ? 'draft'
          : ['scheduled'].includes(post.status)
            ? 'scheduled'
            : post.status === 'pending_approval'
              ? 'pending_approval'
              : 'draft'
        for (const target of wanted.values()) {
          if (existing.has(target.socialAccountId)) continue
          const dueAt = statusOfNew === 'scheduled' ? post.scheduledAt : null
          await Delivery.create(
            newDelivery(post, accounts.get(target.socialAccountId)!, target, statusOfNew, dueAt),
            { client: trx }
          )
        }
        await trx
          .from('deliveries')
          .where('post_id', post.id)
          .where('status', 'cancelled')
          .whereNull('published_at')
          .delete()
        if (media) {
          await trx.from('post_media').where('post_id', post.id).delete()
          for (const [position, item] of media.entries()) {
            await PostMedia.create(
              {
                postId: post.id,
                mediaAssetId: item.mediaAssetId,
                altText: item.altText ?? null,
                position,
              },
              { client: trx }
            )
          }
        }
        await writePostParts(trx, post.id, parts, [...wanted.values()])
        // An occurrence of a repeating post, edited here, is edited on its own.
        await detachOccurrence(post.id, trx)
        post.useTransaction(trx)
        post.body = body
        if (approvalReset)
          post.merge({ status: 'draft', reviewedById: null, reviewedAt: null, reviewComment: null })
        await post.save()
      },
    }
  )
  if (changed.status !== 'ok') return changed
  // New targets of a scheduled post need their own wake-up call.
  const fresh = await Delivery.query()
    .where('post_id', post.id)
    .where('status', 'scheduled')
    .whereNull('job_id')
  for (const delivery of fresh) await wakeAt(delivery, delivery.dueAt!.toMillis())
  const clientApprovalReset = await resetClientApprovalIfChanged(post.id, actorIdOf(actor))
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'edited',
    actorId: actorIdOf(actor),
  })
  const checks = await checkTargets({
    postId: post.id,
    workspaceId: post.workspaceId,
    instant: post.scheduledAt,
    body,
    targets: [...wanted.values()],
    accounts,
    parts,
  })
  return {
    status: 'updated',
    post: await Post.findOrFail(post.id),
    checks,
    approvalReset,
    clientApprovalReset,
  }
}
