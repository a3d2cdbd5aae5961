import {
  authorizationUrl,
  exchangeCodeForTokens,
  ok,
  refreshTokens,
  type AccountProfile,
  type OAuth2Auth,
  type PluginContext,
  type Result,
  type TokenEndpoint,
} from '#sdk'
import { apiHttp, tumblrUrls } from './urls.js'

/** `write` to post; `offline_access` for a refresh token (an access token lasts 42 minutes). */
const SCOPES = ['basic', 'write', 'offline_access']

interface UserInfo {
  response: {
    user: {
      name: string
      blogs: { name: string; title: string; url: string; uuid: string; primary: boolean }[]
    }
  }
}

/** `api.tumblr.com/v2/oauth2/token`, the client id and secret as form fields. */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return { http: apiHttp(ctx), url: '/v2/oauth2/token', clientAuth: 'body', defaultScopes: SCOPES }
}

/** Every blog the user may post to (`/v2/user/info`), one account each, of one grant. */
async function blogsOf(ctx: PluginContext, accessToken: string): Promise<Result<AccountProfile[]>> {
  const api = tumblrUrls(ctx.settings).api
  const info = await apiHttp(ctx).send<UserInfo>({ url: '/v2/user/info', bearer: accessToken })
  if (info.status !== 'ok') return info
  const { user } = info.value.body.response
  return ok(
    user.blogs.map((blog) => ({
      externalId: blog.uuid,
      handle: blog.name,
      displayName: blog.title || blog.name,
      // The avatar route answers with a redirect to the image: public, no key.
      avatarUrl: `${api}/v2/blog/${blog.name}/avatar/128`,
      profileUrl: blog.url,
      meta: { blogUuid: blog.uuid, blogName: blog.name, primary: blog.primary },
      grant: `tumblr:${user.name}`,
    }))
  )
}

/**
 * OAuth 2 on Tumblr (fake/spec/api.subset.md): no PKCE, refresh tokens that rotate, and no
 * revocation endpoint — disconnecting forgets the tokens (the user may remove the app in
 * Tumblr's settings). One login lists every blog the user may post to; the app asks which.
 */
export const tumblrAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri }) {
    return authorizationUrl(tumblrUrls(ctx.settings).authorize, {
      client_id: ctx.settings.clientId ?? '',
      response_type: 'code',
      scope: SCOPES.join(' '),
      state,
      redirect_uri: redirectUri,
    })
  },

  async exchangeCode(ctx, input) {
    const token = await exchangeCodeForTokens(ctx, tokenEndpoint(ctx), input)
    if (token.status !== 'ok') return token
    const blogs = await blogsOf(ctx, token.value.accessToken)
    if (blogs.status !== 'ok') return blogs
    return ok(blogs.value.map((profile) => ({ profile, token: token.value })))
  },

  /** A refused refresh (401: the refresh token expired) means reconnecting. */
  refresh(ctx) {
    return refreshTokens(ctx, tokenEndpoint(ctx), 'no refresh token: reconnect the account')
  },
}
