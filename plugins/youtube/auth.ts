import { createHash } from 'node:crypto'
import {
  authorizationUrl,
  exchangeCodeForTokens,
  failed,
  ok,
  pkceParams,
  refreshTokens,
  revokeTokens,
  type AccountContext,
  type AccountProfile,
  type HttpClient,
  type OAuth2Auth,
  type PluginContext,
  type PluginSettings,
  type Result,
  type TokenEndpoint,
  type TokenSet,
} from '#sdk'
import { mapQuota } from './errors.js'
import { apiHttp, youtubeUrls } from './urls.js'

export const SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.readonly',
  // commentThreads.insert (the first comment) asks for this scope.
  'https://www.googleapis.com/auth/youtube.force-ssl',
]

interface Channel {
  id: string
  snippet?: { title?: string; customUrl?: string; thumbnails?: Record<string, { url: string }> }
  contentDetails?: { relatedPlaylists?: { uploads?: string } }
}

/**
 * Google takes the client's credentials in the form body. It sends a refresh token only with
 * the consent answer; refreshing keeps the same one (toTokenSet keeps it).
 */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return {
    http: ctx.http,
    url: youtubeUrls(ctx.settings).token,
    clientAuth: 'body',
    defaultScopes: SCOPES,
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
    meta: {
      channelId: channel.id,
      uploadsPlaylist: channel.contentDetails?.relatedPlaylists?.uploads ?? null,
    },
  }
}

/**
 * Revoking ends the whole Google grant, so every channel of one sign-in shares a key. Without
 * the `openid` scope Google names no user: the key is a hash of the refresh token, which
 * Google keeps for the life of the grant (not reversible, so not a secret).
 */
function grantKeyOf(token: TokenSet) {
  return `google:${createHash('sha256')
    .update(token.refreshToken ?? token.accessToken)
    .digest('base64url')
    .slice(0, 22)}`
}

/** The channel this token acts for (channels.list mine=true answers with that one channel). */
export async function fetchChannels(
  http: HttpClient,
  settings: PluginSettings,
  accessToken: string
): Promise<Result<AccountProfile[]>> {
  const response = mapQuota(
    await http.send<{ items?: Channel[] }>({
      url: 'channels',
      query: { part: 'snippet,contentDetails', mine: true, maxResults: 50 },
      bearer: accessToken,
    })
  )
  if (response.status !== 'ok') return response
  return ok((response.value.body.items ?? []).map((channel) => profileOf(settings, channel)))
}

/**
 * Google OAuth 2.0 with PKCE: `access_type=offline` + `prompt=consent` so that every connect
 * returns a refresh token (access tokens last an hour). No picker in the app: a Google token
 * acts for exactly one channel, which the user chooses on Google's own consent screen (brand
 * accounts), so channels.list mine=true names that channel and uploads go to it. Offering
 * other channels here would let a post be "published" to a channel it never reached.
 */
export const youtubeAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: true,
  scopes: SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri, codeChallenge }) {
    return authorizationUrl(youtubeUrls(ctx.settings).authorize, {
      client_id: ctx.settings.clientId ?? '',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: SCOPES.join(' '),
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      state,
      ...pkceParams(codeChallenge),
    })
  },

  async exchangeCode(ctx, input) {
    const token = await exchangeCodeForTokens(ctx, tokenEndpoint(ctx), input)
    if (token.status !== 'ok') return token
    const tokenSet = token.value
    const channels = await fetchChannels(apiHttp(ctx), ctx.settings, tokenSet.accessToken)
    if (channels.status !== 'ok') return channels
    const [channel] = channels.value
    if (!channel)
      return failed('this Google account has no YouTube channel yet', false, 'no_channel')
    return ok([{ profile: { ...channel, grant: grantKeyOf(tokenSet) }, token: tokenSet }])
  },

  /** A 400 (invalid_grant): revoked, unused for 6 months, or a "Testing" consent screen's 7 days are over. */
  refresh(ctx: AccountContext) {
    return refreshTokens(ctx, tokenEndpoint(ctx), 'no refresh token: reconnect')
  },

  /** Revoking the refresh token ends the whole grant, access tokens included. */
  revoke(ctx: AccountContext) {
    const token = ctx.token.refreshToken ?? ctx.token.accessToken
    return revokeTokens(
      ctx,
      { http: ctx.http, url: youtubeUrls(ctx.settings).revoke, clientAuth: 'none' },
      [{ token }]
    )
  },
}
