import { ok, type PublishContext, type Published, type Result } from '#sdk'
import { toLittleText } from './little_text.js'
import type { LinkedInOptions } from './options.js'
import { authorUrn } from './profile.js'
import { apiHttp, postUrl, restHeaders } from './urls.js'

const LOOKBACK_MS = 60 * 60 * 1000
/** Posts read back: an account rarely makes more than this many posts in an hour. */
const PAGE = 20

interface LinkedInPost {
  id: string
  author: string
  commentary?: string
  createdAt?: number
  publishedAt?: number
  lifecycleState?: string
}

/**
 * LinkedIn has no idempotency key, so an ambiguous publish is resolved with the "posts by
 * author" finder (newest first): a post by the same author, created within the last hour,
 * whose commentary is exactly the little text we would send. Limits: only the newest 20
 * posts are read, and two identical posts within an hour cannot be told apart.
 */
export async function findRecentPost(
  ctx: PublishContext<LinkedInOptions>
): Promise<Result<Published | null>> {
  const author = authorUrn(ctx.account)
  const recent = await apiHttp(ctx).send<{ elements?: LinkedInPost[] }>({
    url: '/rest/posts',
    query: { q: 'author', author, count: PAGE, sortBy: 'CREATED' },
    headers: restHeaders(ctx.settings),
    bearer: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const since = Date.now() - LOOKBACK_MS
  const wanted = toLittleText(ctx.post.text)
  const match = (recent.value.body.elements ?? []).find(
    (post) =>
      post.author === author &&
      (post.createdAt ?? post.publishedAt ?? Date.now()) >= since &&
      post.commentary === wanted
  )
  return ok(match ? { externalId: match.id, url: postUrl(ctx.settings, match.id) } : null)
}
