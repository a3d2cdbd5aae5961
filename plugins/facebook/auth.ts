import { expiresAtFrom, failed, ok, unauthorized, type AccountContext, type Connection, type OAuth2Auth, type PluginContext, type Result } from '#sdk'
import { apiVersion, fbUrls, graph } from './graph.js'

export const FB_SCOPES = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'read_insights', 'publish_video']

interface TokenResponse {
  access_token: string
  token_type?: string
  expires_in?: number
}

export interface ManagedPage {
  id: string
  name: string
  access_token?: string
  tasks?: string[]
  link?: string
  username?: string
  picture?: { data?: { url?: string } }
}

/** Pages listed at most (100 per page of results × 10). */
const MAX_ACCOUNT_PAGES = 10

/** Code → short-lived user token → long-lived user token (~60 days), as FLOW.md "Tokens" describes. */
export async function longLivedUserToken(ctx: PluginContext, code: string, redirectUri: string): Promise<Result<{ token: string; expiresAt: number | null }>> {
  const { clientId = '', clientSecret = '' } = ctx.settings
  const api = graph(ctx)
  const short = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: { client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code },
  })
  if (short.status !== 'ok') return short.status === 'error' && short.httpStatus === 400 ? unauthorized(short.reason) : short
  const long = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: short.value.body.access_token },
  })
  if (long.status !== 'ok') return long
  return ok({ token: long.value.body.access_token, expiresAt: expiresAtFrom(long.value.body.expires_in) })
}

/** The user's id, then every Page they manage (`/{user}/accounts`, following `paging.next`). */
export async function managedPages(ctx: PluginContext, userToken: string, fields: string): Promise<Result<{ userId: string; pages: ManagedPage[] }>> {
  const api = graph(ctx)
  const me = await api.send<{ id: string }>({ url: 'me', query: { fields: 'id,name' }, token: userToken })
  if (me.status !== 'ok') return me
  const pages: ManagedPage[] = []
  let after: string | undefined
  for (let round = 0; round < MAX_ACCOUNT_PAGES; round++) {
    const listed = await api.send<{ data: ManagedPage[]; paging?: { cursors?: { after?: string }; next?: string } }>({
      url: `${me.value.body.id}/accounts`,
      query: { fields, limit: 100, after },
      token: userToken,
    })
    if (listed.status !== 'ok') return listed
    pages.push(...listed.value.body.data)
    after = listed.value.body.paging?.next ? listed.value.body.paging.cursors?.after : undefined
    if (!after) break
  }
  return ok({ userId: me.value.body.id, pages })
}

/** Pages where the user may publish; without CREATE_CONTENT the Page token cannot post. */
const canPublish = (page: ManagedPage) => !page.tasks || page.tasks.includes('CREATE_CONTENT')

function connectionOf(ctx: PluginContext, page: ManagedPage, userId: string, user: { token: string; expiresAt: number | null }): Connection {
  const web = fbUrls(ctx.settings).web.replace(/\/$/, '')
  return {
    profile: {
      externalId: page.id,
      handle: page.username ?? page.name,
      displayName: page.name,
      avatarUrl: page.picture?.data?.url ?? null,
      profileUrl: page.link ?? `${web}/${page.id}`,
      meta: { userId },
    },
    token: {
      // A Page token derived from a long-lived user token has no expiry date (FLOW.md).
      accessToken: page.access_token!,
      expiresAt: null,
      scopes: FB_SCOPES,
      // Kept to re-derive the Page token, to upload video (the resumable API wants a user token) and to revoke.
      extra: { userToken: user.token, ...(user.expiresAt ? { userTokenExpiresAt: String(user.expiresAt) } : {}) },
    },
  }
}

/**
 * Facebook Login (OAuth 2 code flow; Meta offers no PKCE for server apps), then one
 * connection per Page the user can publish to: the app shows them in a picker.
 */
export const facebookAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: FB_SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri }) {
    const url = new URL(`${fbUrls(ctx.settings).dialog.replace(/\/$/, '')}/${apiVersion(ctx.settings)}/dialog/oauth`)
    url.search = new URLSearchParams({
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: FB_SCOPES.join(','),
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const user = await longLivedUserToken(ctx, code, redirectUri)
    if (user.status !== 'ok') return user
    const listed = await managedPages(ctx, user.value.token, 'id,name,username,link,access_token,tasks,picture{url}')
    if (listed.status !== 'ok') return listed
    const pages = listed.value.pages.filter((page) => page.access_token && canPublish(page))
    if (!pages.length) return failed('This login manages no Facebook Page it may publish to', false, 'no_pages')
    return ok(pages.map((page) => connectionOf(ctx, page, listed.value.userId, user.value)))
  },

  /**
   * Page tokens do not expire; they die when the user changes password, loses the Page role or
   * removes the app. "Refresh" re-reads the Page token through the stored long-lived user token;
   * if that token is dead too (or the Page is gone), the user must reconnect.
   */
  async refresh(ctx: AccountContext) {
    const userToken = ctx.token.extra?.userToken
    if (!userToken) return unauthorized('no user token stored: reconnect the Page')
    const listed = await managedPages(ctx, userToken, 'id,access_token,tasks')
    if (listed.status !== 'ok') return listed
    const page = listed.value.pages.find((candidate) => candidate.id === ctx.account.externalId)
    if (!page?.access_token) return unauthorized('this login no longer manages the Page')
    return ok({ ...ctx.token, accessToken: page.access_token, expiresAt: null })
  },

  /**
   * DELETE /{user-id}/permissions removes the app for the whole login: every Page connected
   * through the same Facebook user loses its token, not only this one.
   */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const userToken = ctx.token.extra?.userToken
    const userId = ctx.account.meta?.userId
    if (!userToken || !userId) return failed('no user token stored to revoke with', false, 'no_user_token')
    const revoked = await graph(ctx).send({ method: 'DELETE', url: `${userId}/permissions`, token: userToken })
    if (revoked.status === 'unauthorized') return ok(undefined) // already revoked or expired
    return revoked.status === 'ok' ? ok(undefined) : revoked
  },
}
