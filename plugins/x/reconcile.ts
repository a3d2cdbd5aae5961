import { failed, ok, type PublishContext, type Published, type Result, URL_PATTERN } from '#sdk'
import { mapForbidden } from './errors.js'
import type { XOptions } from './options.js'
import { POST_FIELDS } from './stats.js'
import { apiHttp, postUrl } from './urls.js'

/** Same URL shape as the SDK's counters, so "what counts as a URL" agrees with validation. */
const TCO = /^https?:\/\/t\.co\//i
const LOOKBACK_MS = 60 * 60 * 1000

interface UrlEntity {
  url?: string | null
  expanded_url?: string | null
  display_url?: string | null
  media_key?: string | null
}

export interface TimelinePost {
  id: string
  text: string
  created_at?: string
  entities?: { urls?: UrlEntity[] | null } | null
}

/** X's v2 `text` escapes exactly these three characters. */
function unescapeX(text: string) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

function split(text: string) {
  const normal = text.replace(/\r\n?/g, '\n').normalize('NFC').trim()
  return {
    words: normal.split(URL_PATTERN),
    urls: [...normal.matchAll(URL_PATTERN)].map((match) => match[0]),
  }
}

function canonicalUrl(url: string) {
  try {
    return new URL(url).href.replace(/\/$/, '')
  } catch {
    return url
  }
}

/**
 * Whether a post read back from X is the text we sent. X rewrites what it stores:
 * every URL becomes a t.co link (entities.urls maps it back to expanded_url), attached
 * media add a trailing t.co link of their own, `& < >` come back HTML-escaped, text is
 * NFC-normalised and trimmed. So: unescape, expand t.co links through the entities, drop
 * media links, then compare the text between URLs exactly and each URL loosely — a t.co
 * link X did not explain matches any URL, since the lookup is already narrowed to this
 * account's last hour. Bare domains ("example.com") that X also links are not expanded
 * back, and such posts will not be recognised (validation counts only http(s) URLs too).
 */
export function isSameText(post: TimelinePost, wanted: string, hasMedia: boolean) {
  const entities = new Map((post.entities?.urls ?? []).filter((e) => e.url).map((e) => [e.url!, e]))
  let text = unescapeX(post.text).replace(URL_PATTERN, (url) => {
    const entity = entities.get(url)
    if (entity && (entity.media_key || /^pic\.(x|twitter)\.com\//i.test(entity.display_url ?? '')))
      return ''
    return entity?.expanded_url ?? url
  })
  const target = split(wanted)
  if (matches(split(text), target)) return true
  // Without entities the media link cannot be told apart: allow one trailing t.co link.
  if (hasMedia && !entities.size) {
    text = text.replace(/\s*https?:\/\/t\.co\/\S+\s*$/i, '')
    return matches(split(text), target)
  }
  return false
}

function matches(got: ReturnType<typeof split>, wanted: ReturnType<typeof split>) {
  if (got.urls.length !== wanted.urls.length || got.words.length !== wanted.words.length)
    return false
  if (got.words.some((word, i) => word !== wanted.words[i])) return false
  return got.urls.every(
    (url, i) => TCO.test(url) || canonicalUrl(url) === canonicalUrl(wanted.urls[i])
  )
}

/** A page of the account's timeline (GET /2/users/{id}/tweets), newest first. */
interface TimelinePage {
  data?: TimelinePost[]
  meta?: { next_token?: string; result_count?: number }
}

/**
 * X keeps the latest 3,200 posts of a timeline reachable (its docs); at 100 a page, that many
 * pages read every one of them — far more than X lets an account post in the lookback hour.
 */
const MAX_PAGES = 32

/**
 * X has no idempotency key, so an ambiguous publish is resolved by reading the account's
 * posts of the last hour, every page of them, and looking for one with the same text. The
 * timeline holds every post of the account once X's read-after-write delay has passed
 * (capabilities.readAfterWriteSeconds): "not found" after it means "never made".
 */
export async function findRecentTweet(
  ctx: PublishContext<XOptions>
): Promise<Result<Published | null>> {
  const since = Date.now() - LOOKBACK_MS
  const hasMedia = ctx.post.media.length > 0
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const recent = mapForbidden(
      await apiHttp(ctx).send<TimelinePage>({
        url: `/2/users/${ctx.account.externalId}/tweets`,
        query: {
          max_results: 100,
          start_time: new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          [POST_FIELDS]: 'created_at,entities',
          ...(token ? { pagination_token: token } : {}),
        },
        bearer: ctx.token.accessToken,
      })
    )
    if (recent.status !== 'ok') return recent
    const match = (recent.value.body.data ?? []).find(
      (post) =>
        (!post.created_at || Date.parse(post.created_at) >= since) &&
        isSameText(post, ctx.post.text, hasMedia)
    )
    if (match)
      return ok({ externalId: match.id, url: postUrl(ctx.settings, ctx.account, match.id) })
    token = recent.value.body.meta?.next_token
    if (!token) return ok(null)
  }
  return failed(`X's timeline had more than ${MAX_PAGES * 100} posts in the last hour`, true)
}
