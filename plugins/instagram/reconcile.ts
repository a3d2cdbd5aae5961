import type { PublishContext, Published, Result } from '#sdk'
import { findRecentByText } from '../_meta/recent_posts.js'
import { graph } from './graph.js'
import type { InstagramOptions } from './options.js'

/** An ambiguous media_publish is looked up among the account's latest media, by caption (see findRecentByText for the limits). */
export function findRecentMedia(
  ctx: PublishContext<InstagramOptions>
): Promise<Result<Published | null>> {
  return findRecentByText(graph(ctx), ctx, ctx.post.text, {
    edge: 'media',
    textField: 'caption',
    timeField: 'timestamp',
  })
}
