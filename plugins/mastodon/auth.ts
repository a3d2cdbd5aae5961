import {
  failed,
  ok,
  type AccountContext,
  type InstanceOAuth,
  type PluginContext,
  type Result,
} from '#sdk'
import { fetchProfile } from './profile.js'

const SCOPES = ['read', 'write', 'profile']

/** Mastodon: the app registers itself on each instance, then a standard OAuth code flow with PKCE. */
export const mastodonAuth: InstanceOAuth = {
  kind: 'instance_oauth',
  pkce: true,
  scopes: SCOPES,
  picker: false,

  async registerApp(ctx: PluginContext, { instanceUrl, redirectUri }) {
    const response = await ctx.http
      .withBaseUrl(instanceUrl)
      .send<{ client_id: string; client_secret: string }>({
        method: 'POST',
        url: '/api/v1/apps',
        json: {
          client_name: 'Pistache Postiz',
          redirect_uris: [redirectUri],
          scopes: SCOPES.join(' '),
        },
      })
    if (response.status !== 'ok') return response
    return ok({
      clientId: response.value.body.client_id,
      clientSecret: response.value.body.client_secret,
    })
  },

  authorizationUrl(_ctx, { instanceUrl, clientId, state, redirectUri, codeChallenge }) {
    const url = new URL('/oauth/authorize', instanceUrl)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: SCOPES.join(' '),
      state,
      ...(codeChallenge ? { code_challenge: codeChallenge, code_challenge_method: 'S256' } : {}),
    }).toString()
    return url.toString()
  },

  async exchangeCode(
    ctx,
    { instanceUrl, clientId, clientSecret, code, redirectUri, codeVerifier }
  ) {
    const http = ctx.http.withBaseUrl(instanceUrl)
    const token = await http.send<{ access_token: string; scope?: string }>({
      method: 'POST',
      url: '/oauth/token',
      json: {
        grant_type: 'authorization_code',
        client_id: clientId,
        client_secret: clientSecret,
        code,
        redirect_uri: redirectUri,
        ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
      },
    })
    if (token.status !== 'ok') return token
    const tokenSet = {
      accessToken: token.value.body.access_token,
      scopes: token.value.body.scope?.split(' ') ?? SCOPES,
      expiresAt: null,
      // Revocation needs the app's credentials on that instance.
      extra: { clientId, clientSecret },
    }
    const profile = await fetchProfile(http, tokenSet.accessToken, instanceUrl)
    if (profile.status !== 'ok') return profile
    return ok([{ profile: profile.value, token: tokenSet }])
  },

  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const instanceUrl = String(ctx.account.meta?.instanceUrl ?? '')
    const { clientId, clientSecret } = ctx.token.extra ?? {}
    if (!instanceUrl || !clientId || !clientSecret)
      return failed('missing instance or app credentials', false)
    const response = await ctx.http.withBaseUrl(instanceUrl).send({
      method: 'POST',
      url: '/oauth/revoke',
      json: { client_id: clientId, client_secret: clientSecret, token: ctx.token.accessToken },
    })
    return response.status === 'ok' ? ok(undefined) : response
  },
}
