import type { HttpClient } from './http.js'
import type { AccountContext, AccountProfile, Connection, PluginContext } from './contract.js'
import { ok, unauthorized, type Result } from './results.js'
import { expiresAtFrom, type TokenSet } from './tokens.js'

/**
 * The parts of an OAuth 2 authorization-code flow (RFC 6749, PKCE RFC 7636, revocation
 * RFC 7009) that every network does the same way, so a plugin's auth.ts only says what its
 * network does differently: endpoints, scopes, how the client authenticates, error quirks.
 */

/**
 * How the client proves who it is at the token and revocation endpoints:
 * - `basic`: HTTP Basic with client id and secret (Pinterest, Reddit, X confidential clients);
 * - `body`: client id and secret as form fields (Google, LinkedIn, TikTok);
 * - `public`: only the client id in the form (a public client with PKCE and no secret);
 * - `none`: nothing (Google's revocation endpoint).
 */
export type ClientAuth = 'basic' | 'body' | 'public' | 'none'

/** A token or revocation endpoint and how to call it. */
export interface OAuthEndpoint {
  /** The client to send with (anything with HttpClient's `send`); `url` is absolute or relative to its base URL. */
  http: Pick<HttpClient, 'send'>
  url: string
  clientAuth: ClientAuth
  /** The form field naming the client (TikTok says `client_key`). Default `client_id`. */
  clientIdField?: string
  headers?: Record<string, string>
}

/** A token endpoint, with what a plugin needs to turn its answers into a TokenSet. */
export interface TokenEndpoint extends OAuthEndpoint {
  /** Fields sent with every grant (Pinterest's `continuous_refresh`). */
  form?: Record<string, string>
  /**
   * The network reports some refusals with HTTP 200 and an `error` field (Reddit, TikTok):
   * then such a body, and any 4xx, is `unauthorized` ("token refused: …").
   */
  errorsInBody?: boolean
  /** Scopes assumed when neither the answer nor the previous token names any. */
  defaultScopes?: string[]
  /** Builds the TokenSet when the network's answer carries more (TikTok's open_id); default toTokenSet. */
  // `any`: the network's own token JSON, read field by field by the plugin that knows its shape.
  tokenSet?: (body: any, previous?: TokenSet) => TokenSet
}

/** A token answer (RFC 6749 §5.1); networks add their own fields. */
export interface TokenResponse {
  access_token: string
  refresh_token?: string
  expires_in?: number
  scope?: string
  error?: string
  error_description?: string
}

export type Grant =
  { code: string; redirectUri: string; codeVerifier?: string } | { refreshToken: string }

/** The consent page's URL: `base` with `params` as its query (null and undefined values left out). */
export function authorizationUrl(
  base: string | URL,
  params: Record<string, string | null | undefined>
): string {
  const url = new URL(base)
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null) query.set(key, value)
  url.search = query.toString()
  return url.toString()
}

/** The PKCE S256 parameters of the authorization URL, or none when the app sent no challenge. */
export function pkceParams(codeChallenge: string | undefined): Record<string, string> {
  return codeChallenge ? { code_challenge: codeChallenge, code_challenge_method: 'S256' } : {}
}

function grantForm(grant: Grant): Record<string, string> {
  if ('refreshToken' in grant)
    return { grant_type: 'refresh_token', refresh_token: grant.refreshToken }
  return {
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    ...(grant.codeVerifier ? { code_verifier: grant.codeVerifier } : {}),
  }
}

/** POSTs a form to an OAuth endpoint with the client's authentication added. */
export function oauthPost<T = unknown>(
  ctx: PluginContext,
  endpoint: OAuthEndpoint,
  form: Record<string, string>
) {
  const clientId = ctx.settings.clientId ?? ''
  const clientSecret = ctx.settings.clientSecret ?? ''
  const idField = endpoint.clientIdField ?? 'client_id'
  const headers = { ...endpoint.headers }
  const client: Record<string, string> = {}
  if (endpoint.clientAuth === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`
  if (endpoint.clientAuth === 'body' || endpoint.clientAuth === 'public') client[idField] = clientId
  if (endpoint.clientAuth === 'body') client.client_secret = clientSecret
  return endpoint.http.send<T>({
    method: 'POST',
    url: endpoint.url,
    headers,
    form: { ...form, ...client },
  })
}

/** One grant at the token endpoint; the answer's body, or the failure as a result. */
export async function tokenRequest<T extends TokenResponse = TokenResponse>(
  ctx: PluginContext,
  endpoint: TokenEndpoint,
  grant: Grant
): Promise<Result<T>> {
  const response = await oauthPost<T>(ctx, endpoint, { ...grantForm(grant), ...endpoint.form })
  if (!endpoint.errorsInBody) return response.status === 'ok' ? ok(response.value.body) : response
  if (response.status === 'error' && response.httpStatus && response.httpStatus < 500)
    return unauthorized(`token refused: ${response.reason}`)
  if (response.status !== 'ok') return response
  const body = response.value.body
  if (body?.error || !body?.access_token) {
    return unauthorized(
      `token refused: ${body?.error ?? 'no access token'} ${body?.error_description ?? ''}`.trim()
    )
  }
  return ok(body)
}

/**
 * A token answer as a TokenSet. What the answer leaves out is kept from `previous`: networks
 * that rotate refresh tokens send a new one (the spent one is dead), the others send none and
 * the one we hold stays good. Scopes may be separated by spaces or commas.
 */
export function toTokenSet(
  body: TokenResponse,
  previous?: TokenSet,
  defaultScopes?: string[]
): TokenSet {
  const scopes = body.scope?.split(/[\s,]+/).filter(Boolean)
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: scopes?.length ? scopes : (previous?.scopes ?? defaultScopes),
  }
}

/** Exchanges an authorization code (with its PKCE verifier, if any) for a TokenSet. */
export async function exchangeCodeForTokens(
  ctx: PluginContext,
  endpoint: TokenEndpoint,
  grant: Extract<Grant, { code: string }>
) {
  const token = await tokenRequest(ctx, endpoint, grant)
  return token.status === 'ok' ? ok(tokenSetFrom(endpoint, token.value)) : token
}

/**
 * `exchangeCode` for networks where one login is one account: the code's tokens, then the
 * profile they belong to (`profileOf` is the network's "current user" call).
 */
export async function connectOneAccount(
  ctx: PluginContext,
  endpoint: TokenEndpoint,
  grant: Extract<Grant, { code: string }>,
  profileOf: (accessToken: string) => Promise<Result<AccountProfile>>
): Promise<Result<Connection[]>> {
  const token = await exchangeCodeForTokens(ctx, endpoint, grant)
  if (token.status !== 'ok') return token
  const profile = await profileOf(token.value.accessToken)
  return profile.status === 'ok' ? ok([{ profile: profile.value, token: token.value }]) : profile
}

/**
 * Renews the account's access token. No refresh token, or a 400 from the token endpoint
 * (invalid_grant: revoked, expired, spent), means the user must reconnect: `unauthorized`.
 */
export async function refreshTokens(
  ctx: AccountContext,
  endpoint: TokenEndpoint,
  whenMissing: string
): Promise<Result<TokenSet>> {
  if (!ctx.token.refreshToken) return unauthorized(whenMissing)
  const token = await tokenRequest(ctx, endpoint, { refreshToken: ctx.token.refreshToken })
  if (token.status === 'error' && token.httpStatus === 400)
    return unauthorized(`refresh refused: ${token.reason}`)
  return token.status === 'ok' ? ok(tokenSetFrom(endpoint, token.value, ctx.token)) : token
}

function tokenSetFrom(endpoint: TokenEndpoint, body: TokenResponse, previous?: TokenSet) {
  return endpoint.tokenSet
    ? endpoint.tokenSet(body, previous)
    : toTokenSet(body, previous, endpoint.defaultScopes)
}

/** A token to revoke, with its RFC 7009 `token_type_hint` where the network wants one. */
export interface RevocableToken {
  token: string
  hint?: 'access_token' | 'refresh_token'
}

/** The refresh token first (it outlives the access token and often ends the grant), then the access token. */
export function refreshThenAccess(token: TokenSet): RevocableToken[] {
  return [
    ...(token.refreshToken ? [{ token: token.refreshToken, hint: 'refresh_token' as const }] : []),
    { token: token.accessToken, hint: 'access_token' },
  ]
}

/** Revokes each token in turn (form field `token`, plus `token_type_hint` when given); stops at the first failure. */
export async function revokeTokens(
  ctx: PluginContext,
  endpoint: OAuthEndpoint,
  tokens: RevocableToken[]
): Promise<Result<void>> {
  for (const { token, hint } of tokens) {
    const response = await oauthPost(ctx, endpoint, {
      token,
      ...(hint ? { token_type_hint: hint } : {}),
    })
    if (response.status !== 'ok') return response
  }
  return ok(undefined)
}
