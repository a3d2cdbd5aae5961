import type { PublishContext } from '../contract.js'
import type { PostRef, PublishPartContext } from '../parts.js'

/**
 * What the pipeline hands `publishPart` for a post's first comment: the context the comment's
 * text (and media) would be published with, placed as the only part, under `root`.
 */
export function firstCommentContext<O>(
  ctx: PublishContext<O>,
  root: PostRef
): PublishPartContext<O> {
  return { ...ctx, part: { kind: 'first_comment', position: 1, total: 1 }, root, previous: root }
}
