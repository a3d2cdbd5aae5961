import type { PublishContext, Published, Result } from '#sdk'
import { findRecentByText } from '../_meta/recent_posts.js'
import { graph } from './graph.js'
import type { FacebookOptions } from './options.js'
import { postUrl } from './graph.js'

/**
 * An ambiguous feed post is looked up among the Page's latest published posts (see
 * findRecentByText for the limits). A video still processing has no feed post yet, but its
 * publish call is not the ambiguous one: the upload is, and it is resumable.
 */
export function findRecentPagePost(
  ctx: PublishContext<FacebookOptions>
): Promise<Result<Published | null>> {
  return findRecentByText(graph(ctx), ctx, ctx.post.text, {
    edge: 'published_posts',
    textField: 'message',
    timeField: 'created_time',
    urlOf: (id) => postUrl(ctx, id),
  })
}
