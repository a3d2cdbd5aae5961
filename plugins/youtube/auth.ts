import { ok, type AccountProfile, type HttpClient, type PluginSettings, type Result } from '#sdk'
import { googleOAuth } from '../_google/oauth.js'
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
 * Google OAuth (the shared flow in plugins/_google). No picker in the app: a Google token acts
 * for exactly one channel, which the user chooses on Google's own consent screen (brand
 * accounts), so channels.list mine=true names that channel and uploads go to it. Offering
 * other channels here would let a post be "published" to a channel it never reached.
 */
export const youtubeAuth = googleOAuth({
  scopes: SCOPES,
  urls: youtubeUrls,
  picker: false,
  consentParams: { include_granted_scopes: 'true' },
  accountsOf: async (ctx, token) => {
    const channels = await fetchChannels(apiHttp(ctx), ctx.settings, token.accessToken)
    return channels.status === 'ok' ? ok(channels.value.slice(0, 1)) : channels
  },
  noAccount: { reason: 'this Google account has no YouTube channel yet', code: 'no_channel' },
  noRefreshToken: 'no refresh token: reconnect',
})
