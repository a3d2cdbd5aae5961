import type { PublishContext, Published, Result } from '#sdk'
import { findRecentByText } from '../_meta/recent_posts.js'
import { graph } from './api.js'
import type { ThreadsOptions } from './options.js'

/** An ambiguous threads_publish is looked up among the profile's latest posts, by text (see findRecentByText for the limits). */
export function findRecentThread(
  ctx: PublishContext<ThreadsOptions>
): Promise<Result<Published | null>> {
  return findRecentByText(graph(ctx), ctx, ctx.post.text, {
    edge: 'threads',
    textField: 'text',
    timeField: 'timestamp',
  })
}
