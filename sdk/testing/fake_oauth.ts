import { createHash } from 'node:crypto'
import type { FakeReply, FakeRequest } from './fake_server.js'

/**
 * The OAuth 2 plumbing every fake network repeats, whatever its quirks: checking the client's
 * credentials, the automatic consent redirect, one-use codes with PKCE, and the three token
 * checks the conformance kit asks a fake for. Each fake keeps its own endpoints, token shapes
 * and error answers: those are what differ between networks and what the plugin is tested on.
 */

/** The client credentials a fake network knows. */
export interface FakeClient {
  id: string
  secret: string
  /** The query and form field naming the client (TikTok: `client_key`). Default `client_id`. */
  idField?: string
}

/** True when the request authenticates the client with HTTP Basic. */
export function basicClientOk(request: FakeRequest, client: FakeClient) {
  return (
    request.headers.authorization ===
    `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`
  )
}

/** True when the request names the client and its secret in the form body. */
export function bodyClientOk(request: FakeRequest, client: FakeClient) {
  return (
    request.body[client.idField ?? 'client_id'] === client.id &&
    request.body.client_secret === client.secret
  )
}

/**
 * The checks every authorization request passes first: the known client, `response_type=code`
 * and an http(s) redirect URI. Null when they pass, else the answer (`text`, status 400).
 */
export function badAuthorizeRequest(
  request: FakeRequest,
  client: FakeClient,
  text: string
): FakeReply | null {
  const q = request.query
  const ok =
    q.get(client.idField ?? 'client_id') === client.id &&
    q.get('response_type') === 'code' &&
    /^https?:\/\//.test(q.get('redirect_uri') ?? '')
  return ok ? null : { status: 400, text }
}

/** Consent is automatic in a fake: the user "agrees" and goes back to the app with these parameters. */
export function consentRedirect(redirectUri: string, params: Record<string, string>): FakeReply {
  const target = new URL(redirectUri)
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value)
  return { redirect: target.toString() }
}

/** Whether a PKCE verifier answers the challenge (RFC 7636: S256, or `plain` where a network allows it). */
export function pkceMatches(challenge: string, method: string, verifier: unknown) {
  const text = String(verifier ?? '')
  return (
    (method === 'plain' ? text : createHash('sha256').update(text).digest('base64url')) ===
    challenge
  )
}

/** What a fake's OAuth part answers for its tokens; the kit asks the fake network through OAuthFakeNetwork. */
export interface FakeTokenChecks {
  isTokenValid(accessToken: string): boolean
  isRefreshTokenValid(refreshToken: string): boolean
  expire(accessToken: string): void
}

/**
 * A fake network whose tokens its OAuth part keeps: the kit's token checks go to `oauth`.
 * Subclasses pass their OAuth part to the constructor.
 */
export abstract class OAuthFakeNetwork<O extends FakeTokenChecks = FakeTokenChecks> {
  constructor(protected readonly oauth: O) {}

  isTokenValid(accessToken: string) {
    return this.oauth.isTokenValid(accessToken)
  }

  isRefreshTokenValid(refreshToken: string) {
    return this.oauth.isRefreshTokenValid(refreshToken)
  }

  expireAccessToken(accessToken: string) {
    this.oauth.expire(accessToken)
  }
}
