import {
  expiresAtFrom,
  failed,
  ok,
  unauthorized,
  type AccountContext,
  type Connection,
  type OAuth2Auth,
  type PluginContext,
  type PluginSettings,
  type Result,
  type TokenSet,
} from '#sdk'
import type { GraphClient, GraphContext } from './graph_client.js'

/**
 * Facebook Login, shared by the Facebook Page and Instagram (API with Facebook Login) plugins:
 * both connect a Facebook user, list the Pages they manage and publish with a Page token.
 * Meta offers no PKCE for server apps, so it is a plain OAuth 2 code flow.
 */

/** How a plugin turns the Pages of a Facebook login into its connections (the app's picker lists them). */
export interface PagePicker<Page extends ManagedPage> {
  scopes: string[]
  graph(ctx: GraphContext): GraphClient
  /** The Login dialog's host and the Graph version it is under. */
  dialog(settings: PluginSettings): { host: string; version: string }
  /** The `/{user}/accounts` fields to connect with, and the fewer that re-read a Page token. */
  pageFields: string
  refreshFields: string
  /** Pages that become connections; when none does, the login fails with `noneConnectable`. */
  connectable(page: Page): boolean
  noneConnectable: { reason: string; code: string }
  connectionOf(ctx: PluginContext, page: Page, userId: string, user: UserToken): Connection
  /** Whether `page` is the one behind the connected account; `whenGone` when the login no longer has it. */
  isAccountPage(page: Page, ctx: AccountContext): boolean
  whenGone: string
}

/** The OAuth2Auth of a plugin that connects through Facebook Login and publishes with Page tokens. */
export function facebookLoginAuth<Page extends ManagedPage>(picker: PagePicker<Page>): OAuth2Auth {
  return {
    kind: 'oauth2',
    pkce: false,
    scopes: picker.scopes,
    picker: true,

    authorizationUrl(ctx, request) {
      const { host, version } = picker.dialog(ctx.settings)
      return loginDialogUrl(host, version, ctx.settings, picker.scopes, request)
    },

    async exchangeCode(ctx, { code, redirectUri }) {
      const api = picker.graph(ctx)
      const user = await longLivedUserToken(api, ctx.settings, code, redirectUri)
      if (user.status !== 'ok') return user
      const listed = await managedPages<Page>(api, user.value.token, picker.pageFields)
      if (listed.status !== 'ok') return listed
      const pages = listed.value.pages.filter(
        (page) => page.access_token && picker.connectable(page)
      )
      if (!pages.length)
        return failed(picker.noneConnectable.reason, false, picker.noneConnectable.code)
      return ok(
        pages.map((page) => picker.connectionOf(ctx, page, listed.value.userId, user.value))
      )
    },

    refresh(ctx) {
      return refreshPageToken<Page>(picker.graph(ctx), ctx, {
        fields: picker.refreshFields,
        isThePage: (page) => picker.isAccountPage(page, ctx),
        whenGone: picker.whenGone,
      })
    },

    /** Removes the app for the whole login: sibling Pages (and Instagram accounts) lose their tokens too. */
    revoke(ctx) {
      return revokeLogin(picker.graph(ctx), ctx)
    },
  }
}

/** The long-lived user token (~60 days) a login ends with. */
export interface UserToken {
  token: string
  expiresAt: number | null
}

/** A Page from `/{user}/accounts`; each plugin asks for the fields it needs. */
export interface ManagedPage {
  id: string
  name?: string
  access_token?: string
}

interface TokenResponse {
  access_token: string
  token_type?: string
  expires_in?: number
}

/** Pages listed at most (100 per page of results × 10). */
const MAX_ACCOUNT_PAGES = 10

/** The Login dialog on `{dialog}/{version}/dialog/oauth`, asking for `scopes`. */
function loginDialogUrl(
  dialogHost: string,
  version: string,
  settings: PluginSettings,
  scopes: string[],
  request: { state: string; redirectUri: string }
) {
  const url = new URL(`${dialogHost.replace(/\/$/, '')}/${version}/dialog/oauth`)
  url.search = new URLSearchParams({
    client_id: settings.clientId ?? '',
    redirect_uri: request.redirectUri,
    state: request.state,
    response_type: 'code',
    scope: scopes.join(','),
  }).toString()
  return url.toString()
}

/** Code → short-lived user token → long-lived user token (~60 days), as facebook/FLOW.md "Tokens" describes. */
async function longLivedUserToken(
  api: GraphClient,
  settings: PluginSettings,
  code: string,
  redirectUri: string
): Promise<Result<UserToken>> {
  const { clientId = '', clientSecret = '' } = settings
  const short = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: { client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code },
  })
  // A refused code (used, expired, another redirect_uri) means logging in again.
  if (short.status !== 'ok')
    return short.status === 'error' && short.httpStatus === 400 ? unauthorized(short.reason) : short
  const long = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: {
      grant_type: 'fb_exchange_token',
      client_id: clientId,
      client_secret: clientSecret,
      fb_exchange_token: short.value.body.access_token,
    },
  })
  if (long.status !== 'ok') return long
  return ok({
    token: long.value.body.access_token,
    expiresAt: expiresAtFrom(long.value.body.expires_in),
  })
}

/** The user's id, then every Page they manage (`/{user}/accounts` with `fields`, following `paging.next`). */
async function managedPages<Page extends ManagedPage>(
  api: GraphClient,
  userToken: string,
  fields: string
): Promise<Result<{ userId: string; pages: Page[] }>> {
  const me = await api.send<{ id: string }>({
    url: 'me',
    query: { fields: 'id' },
    token: userToken,
  })
  if (me.status !== 'ok') return me
  const pages: Page[] = []
  let after: string | undefined
  for (let round = 0; round < MAX_ACCOUNT_PAGES; round++) {
    const listed = await api.send<{
      data: Page[]
      paging?: { cursors?: { after?: string }; next?: string }
    }>({
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

/**
 * The token set of a connection made through a Page. A Page token derived from a long-lived
 * user token has no expiry date (facebook/FLOW.md); the user token is kept to re-derive it, to
 * revoke, and (Facebook) to upload video, which the resumable API wants a user token for.
 */
export function pageTokenSet(pageToken: string, scopes: string[], user: UserToken): TokenSet {
  return {
    accessToken: pageToken,
    expiresAt: null,
    scopes,
    extra: {
      userToken: user.token,
      ...(user.expiresAt ? { userTokenExpiresAt: String(user.expiresAt) } : {}),
    },
  }
}

/**
 * Page tokens do not expire; they die when the user changes password, loses the Page role or
 * removes the app. "Refresh" re-reads the Page token through the stored long-lived user token;
 * if that token is dead too (or `isThePage` finds no Page any more), the user must reconnect.
 */
async function refreshPageToken<Page extends ManagedPage>(
  api: GraphClient,
  ctx: AccountContext,
  lookup: { fields: string; isThePage: (page: Page) => boolean; whenGone: string }
): Promise<Result<TokenSet>> {
  const userToken = ctx.token.extra?.userToken
  if (!userToken) return unauthorized('no user token stored: reconnect the account')
  const listed = await managedPages<Page>(api, userToken, lookup.fields)
  if (listed.status !== 'ok') return listed
  const page = listed.value.pages.find(lookup.isThePage)
  if (!page?.access_token) return unauthorized(lookup.whenGone)
  return ok({ ...ctx.token, accessToken: page.access_token, expiresAt: null })
}

/**
 * DELETE /{user-id}/permissions removes the app for the whole login: every account connected
 * through the same Facebook user loses its token, not only this one.
 */
async function revokeLogin(api: GraphClient, ctx: AccountContext): Promise<Result<void>> {
  const userToken = ctx.token.extra?.userToken
  const userId = ctx.account.meta?.userId
  if (!userToken || !userId)
    return failed('no user token stored to revoke with', false, 'no_user_token')
  const revoked = await api.send({
    method: 'DELETE',
    url: `${userId}/permissions`,
    token: userToken,
  })
  if (revoked.status === 'unauthorized') return ok(undefined) // already revoked or expired
  return revoked.status === 'ok' ? ok(undefined) : revoked
}
