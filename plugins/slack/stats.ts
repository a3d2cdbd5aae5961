import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import type { Message } from './publish.js'
import { accountHttp } from './urls.js'
import { callSlack } from './web_api.js'

/** Reactions (all emoji together, as likes) and thread replies of each message. */
export async function fetchPostStats(
  ctx: AccountContext,
  externalIds: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (const ts of externalIds) {
    const read = await callSlack<{ message: Message }>(accountHttp(ctx), 'reactions.get', {
      verb: 'GET',
      token: ctx.token.accessToken,
      params: { channel: String(ctx.account.meta?.channelId ?? ''), timestamp: ts, full: 'true' },
    })
    // A deleted message has no figures any more; the others are still worth keeping.
    if (read.status === 'error' && read.networkError === 'message_not_found') continue
    if (read.status !== 'ok') return read
    const { reactions = [], reply_count: replies = 0 } = read.value.message
    figures[ts] = metrics({
      likes: reactions.reduce((sum, reaction) => sum + reaction.count, 0),
      comments: replies,
    })
  }
  return ok(figures)
}
