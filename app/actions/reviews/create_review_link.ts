import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import ReviewLink from '#models/review_link'
import { EDITABLE_POST_STATUSES } from '#models/post'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import ReviewActivityMail from '#mails/review_activity_mail'
import { roleIn } from '#services/posts/post_rules'
import { can } from '#services/roles'
import { newReviewToken, reviewPath } from '#services/reviews/review_tokens'
import { recordPostActivity } from '#services/reviews/post_activity'
import { sqlTime } from '#services/publishing/settings'

/** At most this many posts on one link: a page a client reads in one sitting. */
export const MAX_POSTS_PER_LINK = 100

export interface CreateReviewLinkInput {
  workspace: Workspace
  actor: User
  label: string
  /** Either explicit posts… */
  postIds?: number[]
  /** …or every post scheduled in [from, to) with a target among `accountIds` (all accounts when empty). */
  range?: { from: DateTime; to: DateTime }
  accountIds?: number[]
  expiresInDays: number
  password?: string | null
  clientEmail?: string | null
  locale: string
}

export type CreateReviewLinkResult =
  | { status: 'created'; link: ReviewLink; token: string }
  | { status: 'forbidden' | 'no_posts' | 'too_many_posts' }

/** The workspace's posts the link will show: only this workspace's, only ones not yet published. */
async function pickPosts(input: CreateReviewLinkInput) {
  const query = db
    .from('posts')
    .where('posts.workspace_id', input.workspace.id)
    .whereIn('posts.status', EDITABLE_POST_STATUSES)
    .select('posts.id')
    .orderBy('posts.scheduled_at')
    .orderBy('posts.id')
    .limit(MAX_POSTS_PER_LINK + 1)
  if (input.postIds?.length) query.whereIn('posts.id', input.postIds)
  else if (input.range)
    query
      .where('posts.scheduled_at', '>=', sqlTime(input.range.from))
      .where('posts.scheduled_at', '<', sqlTime(input.range.to))
  else return []
  if (input.accountIds?.length)
    query.whereExists((sub) =>
      sub
        .from('deliveries')
        .whereColumn('deliveries.post_id', 'posts.id')
        .whereNot('deliveries.status', 'cancelled')
        .whereIn('deliveries.social_account_id', input.accountIds!)
    )
  return (await query).map((row) => Number(row.id))
}

/**
 * Creates a review link for some posts of the workspace and returns its token — the only
 * time it exists in clear. Optionally protected by a password and announced to the
 * client's address (opt-in), in the link's language.
 */
export async function createReviewLink(
  input: CreateReviewLinkInput
): Promise<CreateReviewLinkResult> {
  const role = await roleIn(input.workspace.id, input.actor.id)
  if (!role || !can(role, 'editContent')) return { status: 'forbidden' }
  const postIds = await pickPosts(input)
  if (!postIds.length) return { status: 'no_posts' }
  if (postIds.length > MAX_POSTS_PER_LINK) return { status: 'too_many_posts' }

  const { token, tokenHash } = newReviewToken()
  const link = await db.transaction(async (trx) => {
    const created = await ReviewLink.create(
      {
        workspaceId: input.workspace.id,
        label: input.label,
        tokenHash,
        passwordHash: input.password ? await hash.make(input.password) : null,
        locale: input.locale,
        clientEmail: input.clientEmail ?? null,
        accountIds: input.accountIds?.length ? input.accountIds : null,
        rangeStart: input.range?.from.toUTC() ?? null,
        rangeEnd: input.range?.to.toUTC() ?? null,
        createdById: input.actor.id,
        expiresAt: DateTime.utc().plus({ days: input.expiresInDays }),
        revokedAt: null,
        lastOpenedAt: null,
      },
      { client: trx }
    )
    await created.related('posts').attach(postIds, trx)
    return created
  })
  for (const postId of postIds)
    await recordPostActivity({
      workspaceId: input.workspace.id,
      postId,
      kind: 'review_link_created',
      actorId: input.actor.id,
      meta: { link: link.label, linkId: link.id },
    })
  if (link.clientEmail) await announceToClient(link, input.workspace, token, postIds.length)
  return { status: 'created', link, token }
}

async function announceToClient(
  link: ReviewLink,
  workspace: Workspace,
  token: string,
  count: number
) {
  await mail
    .send(
      new ReviewActivityMail(
        { email: link.clientEmail!, name: null, locale: link.locale },
        'awaiting_review',
        { workspace: workspace.name, count: String(count) },
        reviewPath(token)
      )
    )
    .catch((error) => logger.error({ err: error, linkId: link.id }, 'review link mail failed'))
}
