import {
  ok,
  type AccountContext,
  type AccountMetrics,
  type AccountProfile,
  type PluginContext,
  type Result,
} from '#sdk'
import { redditHttp, redditUrls } from './settings.js'

interface RedditMe {
  id: string
  name: string
  icon_img?: string
  total_karma?: number
  subreddit?: { display_name_prefixed?: string; subscribers?: number } | null
}

async function me(ctx: PluginContext, accessToken: string): Promise<Result<RedditMe>> {
  const response = await redditHttp(ctx).send<RedditMe>({
    url: '/api/v1/me',
    query: { raw_json: 1 },
    bearer: accessToken,
  })
  return response.status === 'ok' ? ok(response.value.body) : response
}

/** GET /api/v1/me (identity scope). */
export async function fetchProfile(
  ctx: PluginContext,
  accessToken: string
): Promise<Result<AccountProfile>> {
  const user = await me(ctx, accessToken)
  if (user.status !== 'ok') return user
  const { id, name, icon_img: icon } = user.value
  return ok({
    externalId: `t2_${id}`,
    handle: `u/${name}`,
    displayName: name,
    avatarUrl: icon ? icon.split('?')[0] : null,
    profileUrl: `${redditUrls(ctx.settings).web.replace(/\/$/, '')}/user/${name}`,
    meta: { username: name },
  })
}

/** Followers of the user's profile subreddit, when Reddit reports one. */
export async function fetchRedditAccountStats(
  ctx: AccountContext
): Promise<Result<AccountMetrics>> {
  const user = await me(ctx, ctx.token.accessToken)
  if (user.status !== 'ok') return user
  return ok({ followers: user.value.subreddit?.subscribers ?? null, following: null, posts: null })
}

export function usernameOf(ctx: AccountContext) {
  return String(ctx.account.meta?.username ?? ctx.account.handle.replace(/^u\//, ''))
}
