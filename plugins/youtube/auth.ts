import { createHash } from 'node:crypto'
import {
  expiresAtFrom,
  failed,
  ok,
  unauthorized,
  type AccountContext,
  type AccountProfile,
  type HttpClient,
  type OAuth2Auth,
  type PluginContext,
  type PluginSettings,
  type Result,
  type TokenSet,
} from '#sdk'
import { mapQuota } from './errors.js'
import { apiHttp, youtubeUrls } from './urls.js'

export const SCOPES = ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly']

interface GoogleToken {
  access_token: string
  expires_in?: number
  refresh_token?: string
  scope?: string
}

interface Channel {
  id: string
  snippet?: { title?: string; customUrl?: string; thumbnails?: Record<string, { url: string }> }
  contentDetails?: { relatedPlaylists?: { uploads?: string } }
}

async function tokenRequest(ctx: PluginContext, form: Record<string, string>): Promise<Result<GoogleToken>> {
  const response = await ctx.http.send<GoogleToken>({
    method: 'POST',
    url: youtubeUrls(ctx.settings).token,
    form: { ...form, client_id: ctx.settings.clientId ?? '', client_secret: ctx.settings.clientSecret ?? '' },
  })
  return response.status === 'ok' ? ok(response.value.body) : response
}

function tokenSetOf(body: GoogleToken, previous?: TokenSet): TokenSet {
  return {
    accessToken: body.access_token,
    // Google sends a refresh token only with the consent answer; refreshing keeps the same one.
    refreshToken: body.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: expiresAtFrom(body.expires_in),
    scopes: body.scope?.split(' ') ?? previous?.scopes ?? SCOPES,
  }
}

function profileOf(settings: PluginSettings, channel: Channel): AccountProfile {
  const web = youtubeUrls(settings).web.replace(/\/$/, '')
  const thumbnails = channel.snippet?.thumbnails ?? {}
  const handle = channel.snippet?.customUrl
  return {
    externalId: channel.id,
    handle: handle ?? channel.id,
    displayName: channel.snippet?.title ?? handle ?? channel.id,
    avatarUrl: (thumbnails.medium ?? thumbnails.default)?.url ?? null,
    profileUrl: handle ? `${web}/${handle}` : `${web}/channel/${channel.id}`,
    meta: { channelId: channel.id, uploadsPlaylist: channel.contentDetails?.relatedPlaylists?.uploads ?? null },
  }
}

/**
 * Revoking ends the whole Google grant, so every channel of one sign-in shares a key. Without
 * the `openid` scope Google names no user: the key is a hash of the refresh token, which
 * Google keeps for the life of the grant (not reversible, so not a secret).
 */
function grantKeyOf(token: TokenSet) {
  return `google:${createHash('sha256').update(token.refreshToken ?? token.accessToken).digest('base64url').slice(0, 22)}`
}

/** The channels this Google identity can upload to (channels.list mine=true). */
export async function fetchChannels(http: HttpClient, settings: PluginSettings, accessToken: string): Promise<Result<AccountProfile[]>> {
  const response = mapQuota(
    await http.send<{ items?: Channel[] }>({ url: 'channels', query: { part: 'snippet,contentDetails', mine: true, maxResults: 50 }, bearer: accessToken })
  )
  if (response.status !== 'ok') return response
  return ok((response.value.body.items ?? []).map((channel) => profileOf(settings, channel)))
}

/**
 * Google OAuth 2.0 with PKCE: `access_type=offline` + `prompt=consent` so that every connect
 * returns a refresh token (access tokens last an hour). Then a picker over the channels found.
 */
export const youtubeAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: true,
  scopes: SCOPES,
  picker: true,

  authorizationUrl(ctx, { state, redirectUri, codeChallenge }) {
    const url = new URL(youtubeUrls(ctx.settings).authorize)
    url.search = new URLSearchParams({
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: SCOPES.join(' '),
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      state,
      ...(codeChallenge ? { code_challenge: codeChallenge, code_challenge_method: 'S256' } : {}),
    }).toString()
    return url.toString()
  },

  async exchangeCode(ctx, { code, redirectUri, codeVerifier }) {
    const token = await tokenRequest(ctx, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
    })
    if (token.status !== 'ok') return token
    const tokenSet = tokenSetOf(token.value)
    const channels = await fetchChannels(apiHttp(ctx), ctx.settings, tokenSet.accessToken)
    if (channels.status !== 'ok') return channels
    if (!channels.value.length) return failed('this Google account has no YouTube channel yet', false, 'no_channel')
    const grant = grantKeyOf(tokenSet)
    return ok(channels.value.map((profile) => ({ profile: { ...profile, grant }, token: { ...tokenSet } })))
  },

  async refresh(ctx: AccountContext) {
    if (!ctx.token.refreshToken) return unauthorized('no refresh token: reconnect')
    const token = await tokenRequest(ctx, { grant_type: 'refresh_token', refresh_token: ctx.token.refreshToken })
    // invalid_grant: revoked, unused for 6 months, or a "Testing" consent screen's 7 days are over.
    if (token.status === 'error' && token.httpStatus === 400) return unauthorized(`refresh refused: ${token.reason}`)
    return token.status === 'ok' ? ok(tokenSetOf(token.value, ctx.token)) : token
  },

  /** Revoking the refresh token ends the whole grant, access tokens included. */
  async revoke(ctx: AccountContext): Promise<Result<void>> {
    const revoked = await ctx.http.send({
      method: 'POST',
      url: youtubeUrls(ctx.settings).revoke,
      form: { token: ctx.token.refreshToken ?? ctx.token.accessToken },
    })
    return revoked.status === 'ok' ? ok(undefined) : revoked
  },
}
