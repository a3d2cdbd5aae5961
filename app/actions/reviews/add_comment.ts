import PostComment from '#models/post_comment'
import type Post from '#models/post'
import type User from '#models/user'
import Workspace from '#models/workspace'
import { findMentions } from '#services/reviews/mentions'
import { recordPostActivity } from '#services/reviews/post_activity'
import { notifyMembers } from '#services/reviews/review_notify'
import { publishWebhookEvent } from '#services/webhooks/dispatch'

/**
 * A member's internal comment on a post (never shown on a review page). Mentioned members
 * are told in-app and by mail; the workspace's webhooks get `post.commented`.
 */
export async function addComment({
  post,
  author,
  body,
}: {
  post: Post
  author: User
  body: string
}) {
  const mentions = (await findMentions(post.workspaceId, body)).filter((id) => id !== author.id)
  const comment = await PostComment.create({
    workspaceId: post.workspaceId,
    postId: post.id,
    source: 'internal',
    authorId: author.id,
    reviewLinkId: null,
    clientName: null,
    kind: 'comment',
    body,
    mentions,
    editedAt: null,
  })
  await recordPostActivity({
    workspaceId: post.workspaceId,
    postId: post.id,
    kind: 'commented',
    actorId: author.id,
    meta: { commentId: comment.id },
  })
  await tellMentioned(post, author, comment, mentions)
  await publishWebhookEvent(post.workspaceId, 'post.commented', {
    postId: post.id,
    commentId: comment.id,
    source: 'internal',
    authorId: author.id,
    comment: body,
    at: comment.createdAt.toUTC().toISO(),
  })
  return comment
}

/** Notifies the members a comment mentions, once per comment and member. */
export async function tellMentioned(
  post: Post,
  author: User,
  comment: PostComment,
  userIds: number[]
) {
  if (!userIds.length) return
  await notifyMembers(userIds, {
    workspace: await Workspace.findOrFail(post.workspaceId),
    post,
    kind: 'mentioned',
    eventKey: `post-comment:${comment.id}:mention`,
    who: author.fullName,
    comment: comment.body,
  })
}
