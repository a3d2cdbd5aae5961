import {
  ok,
  type AccountContext,
  type AccountMetrics,
  type AccountProfile,
  type PluginContext,
  type Result,
} from '#sdk'
import { unwrap, type TikTokEnvelope } from './errors.js'
import { apiHttp, tiktokUrls } from './urls.js'

interface TikTokUser {
  open_id: string
  union_id?: string
  avatar_url?: string
  display_name?: string
  username?: string
  profile_deep_link?: string
  follower_count?: number
  following_count?: number
  video_count?: number
}

async function userInfo(
  ctx: PluginContext,
  accessToken: string,
  fields: string
): Promise<Result<TikTokUser>> {
  const response = unwrap<{ user: TikTokUser }>(
    ctx.settings,
    await apiHttp(ctx).send<TikTokEnvelope<{ user: TikTokUser }>>({
      url: '/v2/user/info/',
      query: { fields },
      bearer: accessToken,
    })
  )
  return response.status === 'ok' ? ok(response.value.user) : response
}

/** GET /v2/user/info/ (user.info.basic + user.info.profile). */
export async function fetchProfile(
  ctx: PluginContext,
  accessToken: string
): Promise<Result<AccountProfile>> {
  const user = await userInfo(
    ctx,
    accessToken,
    'open_id,union_id,avatar_url,display_name,username,profile_deep_link'
  )
  if (user.status !== 'ok') return user
  const { open_id: openId, username, display_name: displayName } = user.value
  const web = tiktokUrls(ctx.settings).web.replace(/\/$/, '')
  return ok({
    externalId: openId,
    handle: username ? `@${username}` : openId,
    displayName: displayName || username || openId,
    avatarUrl: user.value.avatar_url ?? null,
    profileUrl: username ? `${web}/@${username}` : (user.value.profile_deep_link ?? null),
    meta: { username: username ?? null },
  })
}

/** Followers, following and video count (user.info.stats). */
export async function fetchTikTokAccountStats(
  ctx: AccountContext
): Promise<Result<AccountMetrics>> {
  const user = await userInfo(
    ctx,
    ctx.token.accessToken,
    'open_id,follower_count,following_count,video_count'
  )
  if (user.status !== 'ok') return user
  return ok({
    followers: user.value.follower_count ?? null,
    following: user.value.following_count ?? null,
    posts: user.value.video_count ?? null,
  })
}
