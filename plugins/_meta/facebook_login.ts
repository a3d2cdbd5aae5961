import { expiresAtFrom, failed, ok, unauthorized, type AccountContext, type PluginSettings, type Result, type TokenSet } from '#sdk'
import type { GraphClient } from './graph_client.js'

/**
 * Facebook Login, shared by the Facebook Page and Instagram (API with Facebook Login) plugins:
 * both connect a Facebook user, list the Pages they manage and publish with a Page token.
 * Meta offers no PKCE for server apps, so it is a plain OAuth 2 code flow.
 */

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
export function loginDialogUrl(dialogHost: string, version: string, settings: PluginSettings, scopes: string[], request: { state: string; redirectUri: string }) {
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
export async function longLivedUserToken(api: GraphClient, settings: PluginSettings, code: string, redirectUri: string): Promise<Result<UserToken>> {
  const { clientId = '', clientSecret = '' } = settings
  const short = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: { client_id: clientId, client_secret: clientSecret, redirect_uri: redirectUri, code },
  })
  // A refused code (used, expired, another redirect_uri) means logging in again.
  if (short.status !== 'ok') return short.status === 'error' && short.httpStatus === 400 ? unauthorized(short.reason) : short
  const long = await api.send<TokenResponse>({
    url: 'oauth/access_token',
    query: { grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: short.value.body.access_token },
  })
  if (long.status !== 'ok') return long
  return ok({ token: long.value.body.access_token, expiresAt: expiresAtFrom(long.value.body.expires_in) })
}

/** The user's id, then every Page they manage (`/{user}/accounts` with `fields`, following `paging.next`). */
export async function managedPages<Page extends ManagedPage>(api: GraphClient, userToken: string, fields: string): Promise<Result<{ userId: string; pages: Page[] }>> {
  const me = await api.send<{ id: string }>({ url: 'me', query: { fields: 'id' }, token: userToken })
  if (me.status !== 'ok') return me
  const pages: Page[] = []
  let after: string | undefined
  for (let round = 0; round < MAX_ACCOUNT_PAGES; round++) {
    const listed = await api.send<{ data: Page[]; paging?: { cursors?: { after?: string }; next?: string } }>({
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
    extra: { userToken: user.token, ...(user.expiresAt ? { userTokenExpiresAt: String(user.expiresAt) } : {}) },
  }
}

/**
 * Page tokens do not expire; they die when the user changes password, loses the Page role or
 * removes the app. "Refresh" re-reads the Page token through the stored long-lived user token;
 * if that token is dead too (or `isThePage` finds no Page any more), the user must reconnect.
 */
export async function refreshPageToken<Page extends ManagedPage>(
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
export async function revokeLogin(api: GraphClient, ctx: AccountContext): Promise<Result<void>> {
  const userToken = ctx.token.extra?.userToken
  const userId = ctx.account.meta?.userId
  if (!userToken || !userId) return failed('no user token stored to revoke with', false, 'no_user_token')
  const revoked = await api.send({ method: 'DELETE', url: `${userId}/permissions`, token: userToken })
  if (revoked.status === 'unauthorized') return ok(undefined) // already revoked or expired
  return revoked.status === 'ok' ? ok(undefined) : revoked
}
