import { DateTime } from 'luxon'
import type PostComment from '#models/post_comment'
import type Post from '#models/post'
import type User from '#models/user'
import { findMentions } from '#services/reviews/mentions'
import { tellMentioned } from '#actions/reviews/add_comment'

export type CommentChangeResult = { status: 'ok' } | { status: 'forbidden' }

/** Members edit their own internal comments only; newly mentioned members are told. */
export async function editComment({
  post,
  comment,
  actor,
  body,
}: {
  post: Post
  comment: PostComment
  actor: User
  body: string
}): Promise<CommentChangeResult> {
  if (comment.source !== 'internal' || comment.authorId !== actor.id) return { status: 'forbidden' }
  const before = new Set(comment.mentions)
  const mentions = (await findMentions(post.workspaceId, body)).filter((id) => id !== actor.id)
  comment.merge({ body, mentions, editedAt: DateTime.utc() })
  await comment.save()
  await tellMentioned(
    post,
    actor,
    comment,
    mentions.filter((id) => !before.has(id))
  )
  return { status: 'ok' }
}

/** Members delete their own internal comments only; a client's comment stays on record. */
export async function deleteComment({
  comment,
  actor,
}: {
  comment: PostComment
  actor: User
}): Promise<CommentChangeResult> {
  if (comment.source !== 'internal' || comment.authorId !== actor.id) return { status: 'forbidden' }
  await comment.delete()
  return { status: 'ok' }
}
