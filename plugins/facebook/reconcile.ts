import { ok, type PublishContext, type Published, type Result } from '#sdk'
import { graph } from './graph.js'
import type { FacebookOptions } from './options.js'
import { postUrl } from './publish.js'

const LOOKBACK_MS = 60 * 60 * 1000
const RECENT_POSTS = 25

/** Facebook may trim surrounding whitespace and normalise line endings; nothing else is rewritten. */
const normal = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC').trim()

/**
 * Graph has no idempotency key. An ambiguous publish is resolved by reading the Page's 25
 * latest published posts and taking one created within the last hour with the same message.
 * Limits: a post older than an hour, or pushed out by 25 newer posts, is not found; two
 * identical messages within the hour cannot be told apart; a video still processing has no
 * feed post yet (its publish call is not the ambiguous one: the upload is, and it is resumable).
 */
export async function findRecentPagePost(ctx: PublishContext<FacebookOptions>): Promise<Result<Published | null>> {
  const since = Date.now() - LOOKBACK_MS
  const recent = await graph(ctx).send<{ data: { id: string; message?: string; created_time?: string }[] }>({
    url: `${ctx.account.externalId}/published_posts`,
    query: { fields: 'id,message,created_time', limit: RECENT_POSTS, since: Math.floor(since / 1000) },
    token: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const wanted = normal(ctx.post.text)
  const match = recent.value.body.data.find(
    (post) => (!post.created_time || Date.parse(post.created_time) >= since) && normal(post.message ?? '') === wanted
  )
  return ok(match ? { externalId: match.id, url: postUrl(ctx, match.id) } : null)
}
