import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Post from '#models/post'
import type { DateTime } from 'luxon'
import Delivery, { type DeliveryStatus } from '#models/delivery'
import type SocialAccount from '#models/social_account'
import PostMedia from '#models/post_media'
import { resolveActor, type ActorInput } from '#policies/actor'
import PostPolicy from '#policies/post_policy'
import type Workspace from '#models/workspace'
import { loadTargetAccounts } from '#services/posts/load_targets'
import { checkTargets, type TargetCheck, type TargetInput } from '#services/posts/check_targets'
import { actorIdOf, recordPostActivity } from '#services/reviews/post_activity'
import { writePostParts, type PartInput } from '#services/posts/post_parts'
import { signTargetsOf } from '#services/library/auto_signatures'

export interface MediaInput {
  mediaAssetId: number
  altText?: string | null
}

export interface CreatePostInput {
  workspace: Workspace
  author: ActorInput
  body: string
  targets: TargetInput[]
  media?: MediaInput[]
  /** The shared follow-ups (thread parts, a first comment); targets may carry their own. */
  parts?: PartInput[]
  /**
   * `add` (the default, so no way of making posts can forget it): each account gets its
   * automatic signatures, once. `as-sent`: the composer, whose author saw the signatures added
   * when picking the accounts and may have removed one on purpose.
   */
  signatures?: 'add' | 'as-sent'
}

/** A fresh delivery row: its own idempotency key for life, revision 1, nothing attempted. */
export function newDelivery(
  post: Post,
  account: SocialAccount,
  target: TargetInput,
  status: DeliveryStatus = 'draft',
  dueAt: DateTime | null = null
) {
  return {
    postId: post.id,
    workspaceId: post.workspaceId,
    socialAccountId: account.id,
    network: account.network,
    text: target.text ?? null,
    options: target.options ?? {},
    status,
    dueAt,
    revision: 1,
    attempts: 0,
    rateLimitWaits: 0,
    statusChecks: 0,
    idempotencyKey: randomUUID(),
  }
}

export type CreatePostResult =
  | { status: 'created'; post: Post; checks: TargetCheck[] }
  | { status: 'forbidden' }
  | { status: 'no_targets' }
  | { status: 'unknown_accounts'; socialAccountIds: number[] }

/**
 * Saves a draft: the shared body, one delivery per target account (with its variant and
 * network options) and the attached media. Network rule violations do not block a draft;
 * they come back per target so the composer can show them.
 */
export async function createPost(input: CreatePostInput): Promise<CreatePostResult> {
  const { user, member } = await resolveActor(input.author, input.workspace.id)
  if (!new PostPolicy().edit(user, member, { workspaceId: input.workspace.id }))
    return { status: 'forbidden' }
  // One delivery per account: a repeated target keeps its last variant.
  const unique = [
    ...new Map(input.targets.map((target) => [target.socialAccountId, target])).values(),
  ]
  if (!unique.length) return { status: 'no_targets' }
  const { accounts, missing } = await loadTargetAccounts(
    input.workspace.id,
    unique.map((t) => t.socialAccountId)
  )
  if (missing.length) return { status: 'unknown_accounts', socialAccountIds: missing }
  const targets =
    input.signatures === 'as-sent'
      ? unique
      : await signTargetsOf(input.workspace.id, input.body, unique, accounts)

  const post = await db.transaction(async (trx) => {
    const created = await Post.create(
      {
        workspaceId: input.workspace.id,
        authorId: user.id,
        body: input.body,
        status: 'draft',
      },
      { client: trx }
    )
    for (const target of targets) {
      const account = accounts.get(target.socialAccountId)!
      await Delivery.create(newDelivery(created, account, target), { client: trx })
    }
    for (const [position, item] of (input.media ?? []).entries()) {
      await PostMedia.create(
        {
          postId: created.id,
          mediaAssetId: item.mediaAssetId,
          altText: item.altText ?? null,
          position,
        },
        { client: trx }
      )
    }
    await writePostParts(trx, created.id, input.parts, targets)
    return created
  })
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'created',
    actorId: actorIdOf(input.author),
  })
  const checks = await checkTargets({
    postId: post.id,
    workspaceId: post.workspaceId,
    instant: post.scheduledAt,
    body: input.body,
    targets,
    accounts,
    parts: input.parts,
  })
  return { status: 'created', post, checks }
}
