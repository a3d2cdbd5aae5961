import type { PublishOutcome, PublishPartContext, Published, Result } from '#sdk'
import {
  findOwnComment,
  notAFirstComment,
  postComment,
  type CommentEdge,
} from '../_meta/comments.js'
import { graph } from './graph.js'
import type { InstagramOptions } from './options.js'

/** A comment has no page of its own: it is seen under the media it belongs to. */
const edgeOf = (ctx: PublishPartContext<InstagramOptions>): CommentEdge => ({
  textField: 'text',
  urlOf: () => ctx.root.url,
})

/** The first comment under the published media: POST /{ig-media-id}/comments with `message` (text only). */
export async function publishFirstComment(
  ctx: PublishPartContext<InstagramOptions>
): Promise<PublishOutcome<Published>> {
  return (
    notAFirstComment(ctx, 'Instagram') ??
    postComment(graph(ctx), ctx, { message: ctx.post.text }, edgeOf(ctx))
  )
}

/** Settles an unanswered comment: the account's own comment with the same text under the media. */
export function findFirstComment(
  ctx: PublishPartContext<InstagramOptions>
): Promise<Result<Published | null>> {
  return findOwnComment(graph(ctx), ctx, edgeOf(ctx))
}
