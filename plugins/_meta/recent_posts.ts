import { ok, type AccountContext, type Published, type Result } from '#sdk'
import type { GraphClient } from './graph_client.js'

const LOOKBACK_MS = 60 * 60 * 1000
const RECENT_POSTS = 25

/** Meta may trim surrounding whitespace and normalise line endings; nothing else is rewritten. */
const normal = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC').trim()

/** How one network lists an account's posts: the edge, and the names of its text and time fields. */
export interface RecentPostsEdge {
  edge: string
  textField: string
  timeField: string
  /** Where a found post is seen; without it, the post's own `permalink` field is read. */
  urlOf?: (id: string) => string
}

/**
 * Graph (Facebook, Instagram, Threads) has no idempotency key. An ambiguous publish is resolved
 * by reading the account's 25 latest posts since an hour ago and taking one with the same text.
 * Limits: a post older than an hour, or pushed out by 25 newer ones, is not found; two identical
 * texts within the hour cannot be told apart; an empty text matches the newest post without one.
 */
export async function findRecentByText(
  api: GraphClient,
  ctx: AccountContext,
  text: string,
  list: RecentPostsEdge
): Promise<Result<Published | null>> {
  const since = Date.now() - LOOKBACK_MS
  const fields = ['id', list.textField, list.timeField, ...(list.urlOf ? [] : ['permalink'])]
  const recent = await api.send<{
    data: ({ id: string; permalink?: string } & Record<string, string | undefined>)[]
  }>({
    url: `${ctx.account.externalId}/${list.edge}`,
    query: { fields: fields.join(','), limit: RECENT_POSTS, since: Math.floor(since / 1000) },
    token: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const wanted = normal(text)
  const match = recent.value.body.data.find((post) => {
    const time = post[list.timeField]
    return (!time || Date.parse(time) >= since) && normal(post[list.textField] ?? '') === wanted
  })
  if (!match) return ok(null)
  return ok({
    externalId: match.id,
    url: list.urlOf ? list.urlOf(match.id) : (match.permalink ?? null),
  })
}
