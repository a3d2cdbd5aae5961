import { metrics, ok, type AccountContext, type PostMetrics, type Result } from '#sdk'
import type { Message } from './publish.js'
import { apiHttp, webhookPath } from './urls.js'

/**
 * Reactions are the only figure a webhook can read: each message is fetched through the webhook
 * (one call per message; Discord has no batch read). A message deleted since is left out.
 */
export async function fetchPostStats(
  ctx: AccountContext,
  externalIds: string[]
): Promise<Result<Record<string, PostMetrics>>> {
  const figures: Record<string, PostMetrics> = {}
  for (const id of externalIds) {
    const read = await apiHttp(ctx).send<Message>({ url: `${webhookPath(ctx)}/messages/${id}` })
    if (read.status === 'error' && read.httpStatus === 404) continue
    if (read.status !== 'ok') return read
    const likes = (read.value.body.reactions ?? []).reduce((sum, r) => sum + r.count, 0)
    figures[id] = metrics({ likes })
  }
  return ok(figures)
}
