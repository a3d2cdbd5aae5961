import { ok, type PublishContext, type Published, type Result } from '#sdk'
import { graph } from './api.js'
import type { ThreadsOptions } from './options.js'

const LOOKBACK_MS = 60 * 60 * 1000
const RECENT = 25
const normal = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC').trim()

/**
 * No idempotency key: an ambiguous threads_publish is resolved by reading the profile's 25
 * latest posts since an hour ago and taking one with the same text. Limits: older or pushed-out
 * posts are not found; identical texts within the hour cannot be told apart.
 */
export async function findRecentThread(ctx: PublishContext<ThreadsOptions>): Promise<Result<Published | null>> {
  const since = Date.now() - LOOKBACK_MS
  const recent = await graph(ctx).send<{ data: { id: string; text?: string; timestamp?: string; permalink?: string }[] }>({
    url: `${ctx.account.externalId}/threads`,
    query: { fields: 'id,text,timestamp,permalink', limit: RECENT, since: Math.floor(since / 1000) },
    token: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const wanted = normal(ctx.post.text)
  const match = recent.value.body.data.find((post) => (!post.timestamp || Date.parse(post.timestamp) >= since) && normal(post.text ?? '') === wanted)
  return ok(match ? { externalId: match.id, url: match.permalink ?? null } : null)
}
