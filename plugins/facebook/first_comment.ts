import {
  failed,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import {
  findOwnComment,
  notAFirstComment,
  postComment,
  type CommentEdge,
} from '../_meta/comments.js'
import { graph, postUrl } from './graph.js'
import type { FacebookOptions } from './options.js'
import { uploadPhoto } from './publish.js'

/** A comment is seen on its post's page, opened at the comment. */
const edgeOf = (ctx: PublishPartContext<FacebookOptions>): CommentEdge => ({
  textField: 'message',
  urlOf: (commentId) => `${postUrl(ctx, ctx.root.externalId)}?comment_id=${commentId}`,
})

/**
 * The first comment under the Page's post, as the Page: POST /{post-id}/comments with `message`
 * and at most one photo, uploaded unpublished first and attached by `attachment_id` (the
 * PagePost comments edge takes one attachment; a video is not one of them).
 */
export async function publishFirstComment(
  ctx: PublishPartContext<FacebookOptions>
): Promise<PublishOutcome<Published>> {
  const refused = notAFirstComment(ctx, 'Facebook')
  if (refused) return refused
  const [photo, ...more] = ctx.post.media
  if (more.length || (photo && photo.kind !== 'image'))
    return failed('A Facebook comment takes one photo at most', false, 'media_rejected')
  const fields: Record<string, string> = { message: ctx.post.text }
  if (photo) {
    const uploaded = await uploadPhoto(ctx, photo)
    if (uploaded.status !== 'ok') return uploaded
    fields.attachment_id = uploaded.value
  }
  return postComment(graph(ctx), ctx, fields, edgeOf(ctx))
}

/** Settles an unanswered comment: the Page's own comment with the same message under the post. */
export function findFirstComment(
  ctx: PublishPartContext<FacebookOptions>
): Promise<Result<Published | null>> {
  return findOwnComment(graph(ctx), ctx, edgeOf(ctx))
}
