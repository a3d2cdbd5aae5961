import {
  ok,
  type AccountMetrics,
  type AccountProfile,
  type HttpClient,
  type PluginSettings,
  type Result,
} from '#sdk'
import { mapForbidden } from './errors.js'
import { xUrls } from './urls.js'

interface XUser {
  id: string
  name: string
  username: string
  profile_image_url?: string
  public_metrics?: {
    followers_count?: number
    following_count?: number
    post_count?: number
    tweet_count?: number
  }
}

/** GET /2/users/me: the account behind a token. */
export async function fetchMe(http: HttpClient, accessToken: string): Promise<Result<XUser>> {
  const response = mapForbidden(
    await http.send<{ data: XUser }>({
      url: '/2/users/me',
      query: { 'user.fields': 'profile_image_url,public_metrics,username,name' },
      bearer: accessToken,
    })
  )
  return response.status === 'ok' ? ok(response.value.body.data) : response
}

export async function fetchProfile(
  http: HttpClient,
  settings: PluginSettings,
  accessToken: string
): Promise<Result<AccountProfile>> {
  const me = await fetchMe(http, accessToken)
  if (me.status !== 'ok') return me
  const user = me.value
  return ok({
    externalId: user.id,
    handle: `@${user.username}`,
    displayName: user.name || user.username,
    avatarUrl: user.profile_image_url ?? null,
    profileUrl: `${xUrls(settings).web.replace(/\/$/, '')}/${user.username}`,
    meta: { username: user.username },
  })
}

/** The 2.167 spec names the count `post_count`; older answers said `tweet_count`. */
export function accountMetricsOf(user: XUser): AccountMetrics {
  const m = user.public_metrics ?? {}
  return {
    followers: m.followers_count ?? null,
    following: m.following_count ?? null,
    posts: m.post_count ?? m.tweet_count ?? null,
  }
}
