import { expiresAtFrom, failed, ok, unauthorized, type AccountContext, type Connection, type OAuth2Auth, type PluginContext, type Result } from '#sdk'
import { apiVersion, graph, igUrls } from './graph.js'

/** Instagram API with Facebook Login (instagram/FLOW.md "Two login variants"). */
export const IG_SCOPES = ['instagram_basic', 'instagram_content_publish', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement']

interface TokenResponse {
  access_token: string
  expires_in?: number
}

interface IgAccount {
  id: string
  username?: string
  name?: string
  profile_picture_url?: string
}

interface ManagedPage {
  id: string
  name?: string
  access_token?: string
  instagram_business_account?: IgAccount
}

const MAX_ACCOUNT_PAGES = 10
const PAGE_FIELDS = 'id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}'

async function longLivedUserToken(ctx: PluginContext, code: string, redirectUri: string): Promise<Result<{ token: string; expiresAt: number | null }>> {
  const { clientId = '', clientSecret = '' } = ctx.settings
  const api = graph(ctx)
  const short = await api.send<TokenResponse>({ url: 'oauth/access_token', query: { client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code } })
  if (short.status !== 'ok') return short.status === 'error' && short.httpStatus === 400 ? unauthorized(short.reason) : short
  const long = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: short.value.body.access_token },
  })
  if (long.status !== 'ok') return long
  return ok({ token: long.value.body.access_token, expiresAt: expiresAtFrom(long.value.body.expires_in) })
}

/** The user's id and their Pages with the connected Instagram professional account, if any. */
async function managedPages(ctx: PluginContext, userToken: string): Promise<Result<{ userId: string; pages: ManagedPage[] }>> {
  const api = graph(ctx)
  const me = await api.send<{ id: string }>({ url: 'me', query: { fields: 'id' }, token: userToken })
  if (me.status !== 'ok') return me
  const pages: ManagedPage[] = []
  let after: string | undefined
  for (let round = 0; round < MAX_ACCOUNT_PAGES; round++) {
    const listed = await api.send<{ data: ManagedPage[]; paging?: { cursors?: { after?: string }; next?: string } }>({
      url: `${me.value.body.id}/accounts`,
      query: { fields: PAGE_FIELDS, limit: 100, after },
      token: userToken,
    })
    if (listed.status !== 'ok') return listed
    pages.push(...listed.value.body.data)
    after = listed.value.body.paging?.next ? listed.value.body.paging.cursors?.after : undefined
    if (!after) break
  }
  return ok({ userId: me.value.body.id, pages })
}

function connectionOf(ctx: PluginContext, page: ManagedPage, userId: string, user: { token: string; expiresAt: number | null }): Connection {
  const ig = page.instagram_business_account!
  const web = igUrls(ctx.settings).web.replace(/\/$/, '')
  return {
    profile: {
      externalId: ig.id,
      handle: ig.username ? `@${ig.username}` : ig.id,
      displayName: ig.name ?? ig.username ?? page.name ?? ig.id,
      avatarUrl: ig.profile_picture_url ?? null,
      profileUrl: ig.username ? `${web}/${ig.username}/` : null,
      meta: { userId, pageId: page.id, username: ig.username ?? null },
    },
    token: {
      // The linked Page's token: it has no expiry date, and Graph accepts it for the IG account's calls.
      accessToken: page.access_token!,
      expiresAt: null,
      scopes: IG_SCOPES,
      extra: { userToken: user.token, ...(user.expiresAt ? { userTokenExpiresAt: String(user.expiresAt) } : {}) },
    },
  }
}

/**
 * Facebook Login, then one connection per Instagram professional account linked to a Page the
 * user manages (the picker). Pages without one are skipped.
 */
export const instagramAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: IG_SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri }) {
    const url = new URL(`${igUrls(ctx.settings).dialog.replace(/\/$/, '')}/${apiVersion(ctx.settings)}/dialog/oauth`)
    url.search = new URLSearchParams({ client_id: ctx.settings.clientId ?? '', redirect_uri: redirectUri, state, response_type: 'code', scope: IG_SCOPES.join(',') }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri }) {
    const user = await longLivedUserToken(ctx, code, redirectUri)
    if (user.status !== 'ok') return user
    const listed = await managedPages(ctx, user.value.token)
    if (listed.status !== 'ok') return listed
    const pages = listed.value.pages.filter((page) => page.access_token && page.instagram_business_account?.id)
    if (!pages.length) return failed('None of this login\'s Facebook Pages has an Instagram professional account linked', false, 'no_instagram_accounts')
    return ok(pages.map((page) => connectionOf(ctx, page, listed.value.userId, user.value)))
  },

  /** As for Facebook: re-read the Page token through the stored long-lived user token, else reconnect. */
  async refresh(ctx: AccountContext) {
    const userToken = ctx.token.extra?.userToken
    if (!userToken) return unauthorized('no user token stored: reconnect the account')
    const listed = await managedPages(ctx, userToken)
    if (listed.status !== 'ok') return listed
    const page = listed.value.pages.find((candidate) => candidate.instagram_business_account?.id === ctx.account.externalId)
    if (!page?.access_token) return unauthorized('this login no longer manages the Page linked to the Instagram account')
    return ok({ ...ctx.token, accessToken: page.access_token, expiresAt: null })
  },

  /** DELETE /{user-id}/permissions: removes the app for the whole Facebook login (every account connected through it). */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const userToken = ctx.token.extra?.userToken
    const userId = ctx.account.meta?.userId
    if (!userToken || !userId) return failed('no user token stored to revoke with', false, 'no_user_token')
    const revoked = await graph(ctx).send({ method: 'DELETE', url: `${userId}/permissions`, token: userToken })
    if (revoked.status === 'unauthorized') return ok(undefined)
    return revoked.status === 'ok' ? ok(undefined) : revoked
  },
}
