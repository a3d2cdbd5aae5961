import { DateTime } from 'luxon'
import PostComment from '#models/post_comment'
import Post, { EDITABLE_POST_STATUSES } from '#models/post'
import type ReviewLink from '#models/review_link'
import Workspace from '#models/workspace'
import { contentFingerprint } from '#services/reviews/fingerprint'
import { holdForClient, releaseFromHold } from '#services/reviews/hold'
import { recordPostActivity } from '#services/reviews/post_activity'
import { notifyMembers, reviewRecipients } from '#services/reviews/review_notify'
import { publishWebhookEvent } from '#services/webhooks/dispatch'

export type ClientAction = 'approve' | 'request_changes' | 'comment'

export type ClientReviewResult =
  | { status: 'ok'; post: Post; comment: PostComment }
  | { status: 'closed' | 'comment_required' | 'publishing_started' }

const KIND = {
  approve: 'approved',
  request_changes: 'changes_requested',
  comment: 'comment',
} as const
const ACTIVITY = {
  approve: 'client_approved',
  request_changes: 'client_changes_requested',
  comment: 'client_commented',
} as const

/**
 * A client's answer on one post of a review link (the caller loaded the post through the
 * link): approve, request changes (with a comment) or comment. Recorded on the post's
 * thread and activity with the name and IP, told to the team in-app and by mail, and sent
 * to the workspace's webhooks. With "client approval required", an approval puts a held
 * post back on the schedule and a request for changes takes a scheduled one off it.
 */
export async function recordClientReview(input: {
  link: ReviewLink
  post: Post
  action: ClientAction
  name: string
  comment: string | null
  ip: string
}): Promise<ClientReviewResult> {
  const { link, post, action, name } = input
  const comment = input.comment?.trim() ?? ''
  if (!EDITABLE_POST_STATUSES.includes(post.status)) return { status: 'closed' }
  if (action !== 'approve' && !comment) return { status: 'comment_required' }
  const workspace = await Workspace.findOrFail(post.workspaceId)

  if (action !== 'comment') {
    // The schedule moves first: if a worker already took the post, nothing is recorded.
    if (workspace.clientApprovalRequired) {
      const moved = action === 'approve' ? await releaseFromHold(post) : await holdForClient(post)
      if (moved.status !== 'ok') return moved
    }
    post.merge({
      clientStatus: KIND[action] as 'approved' | 'changes_requested',
      clientReviewerName: name,
      clientReviewedAt: DateTime.utc(),
      clientApprovedFingerprint: await contentFingerprint(post.id),
      clientResetAt: null,
    })
    await post.save()
  }

  const saved = await PostComment.create({
    workspaceId: post.workspaceId,
    postId: post.id,
    source: 'client',
    authorId: null,
    reviewLinkId: link.id,
    clientName: name,
    kind: KIND[action],
    body: comment.slice(0, 4000),
    mentions: [],
    editedAt: null,
  })
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: ACTIVITY[action],
    client: name,
    ip: input.ip,
    meta: { linkId: link.id, commentId: saved.id },
  })
  await notifyMembers(await reviewRecipients(post), {
    workspace,
    post,
    kind: ACTIVITY[action],
    eventKey: `post-comment:${saved.id}`,
    who: name,
    comment: comment || null,
  })
  const data = {
    postId: post.id,
    commentId: saved.id,
    source: 'client',
    clientName: name,
    comment: comment || null,
    reviewLinkId: link.id,
    at: saved.createdAt.toUTC().toISO(),
  }
  if (action === 'approve')
    await publishWebhookEvent(post.workspaceId, 'post.client_approved', data)
  if (action === 'request_changes')
    await publishWebhookEvent(post.workspaceId, 'post.client_changes_requested', data)
  if (comment) await publishWebhookEvent(post.workspaceId, 'post.commented', data)
  return { status: 'ok', post: await Post.findOrFail(post.id), comment: saved }
}
