import { ok, type PublishContext, type Published, type Result } from '#sdk'
import { graph } from './graph.js'
import type { InstagramOptions } from './options.js'

const LOOKBACK_MS = 60 * 60 * 1000
const RECENT_MEDIA = 25

const normal = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC').trim()

/**
 * No idempotency key exists: an ambiguous media_publish is resolved by reading the account's
 * 25 latest media (since an hour ago) and taking one with the same caption. Limits: older or
 * pushed-out media are not found; two identical captions within the hour cannot be told apart;
 * an empty caption matches the newest captionless media of the hour.
 */
export async function findRecentMedia(ctx: PublishContext<InstagramOptions>): Promise<Result<Published | null>> {
  const since = Date.now() - LOOKBACK_MS
  const recent = await graph(ctx).send<{ data: { id: string; caption?: string; timestamp?: string; permalink?: string }[] }>({
    url: `${ctx.account.externalId}/media`,
    query: { fields: 'id,caption,timestamp,permalink', limit: RECENT_MEDIA, since: Math.floor(since / 1000) },
    token: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const wanted = normal(ctx.post.text)
  const match = recent.value.body.data.find(
    (media) => (!media.timestamp || Date.parse(media.timestamp) >= since) && normal(media.caption ?? '') === wanted
  )
  return ok(match ? { externalId: match.id, url: match.permalink ?? null } : null)
}
