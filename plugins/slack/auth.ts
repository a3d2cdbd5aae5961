import {
  authorizationUrl,
  ok,
  failed,
  tokenRequest,
  type OAuth2Auth,
  type PluginContext,
  type TokenEndpoint,
  type TokenResponse,
} from '#sdk'
import { apiHttp, slackUrls } from './urls.js'
import { callSlack } from './web_api.js'

/**
 * Bot scopes (api.slack.com/scopes): post as the app, upload the images it posts, read its
 * channel's history (to find a post whose answer was lost) and reactions (statistics);
 * `incoming-webhook` makes Slack's consent screen ask which channel the app posts to.
 */
export const SCOPES = [
  'chat:write',
  'files:write',
  'incoming-webhook',
  'channels:history',
  'groups:history',
  'reactions:read',
]

/** `oauth.v2.access`'s answer (fake/spec): a bot token, the team and the channel chosen. */
interface AccessResponse extends TokenResponse {
  token_type: 'bot'
  bot_user_id: string
  app_id: string
  team: { id: string; name: string }
  incoming_webhook?: { channel: string; channel_id: string; configuration_url: string }
}

/** Errors come back with HTTP 200 and `ok: false`; the client id and secret go in the form. */
function tokenEndpoint(ctx: PluginContext): TokenEndpoint {
  return {
    http: apiHttp(ctx),
    url: '/oauth.v2.access',
    clientAuth: 'body',
    errorsInBody: true,
    defaultScopes: SCOPES,
  }
}

/**
 * "Add to Slack": one installation is one channel (chosen on Slack's consent screen) and a bot
 * token that does not expire (without token rotation, which this app does not turn on).
 * Disconnecting revokes it (`auth.revoke`), which uninstalls the app from the workspace.
 */
export const slackAuth: OAuth2Auth = {
  kind: 'oauth2',
  pkce: false,
  scopes: SCOPES,
  picker: false,

  authorizationUrl(ctx, { state, redirectUri }) {
    return authorizationUrl(slackUrls(ctx.settings).authorize, {
      client_id: ctx.settings.clientId ?? '',
      scope: SCOPES.join(','),
      redirect_uri: redirectUri,
      state,
    })
  },

  async exchangeCode(ctx, input) {
    const answer = await tokenRequest<AccessResponse>(ctx, tokenEndpoint(ctx), input)
    if (answer.status !== 'ok') return answer
    const body = answer.value
    const channel = body.incoming_webhook
    if (!channel) return failed('Slack chose no channel for the app', false, 'no_channel')
    const who = await callSlack<{ url: string; bot_id?: string }>(apiHttp(ctx), 'auth.test', {
      token: body.access_token,
    })
    if (who.status !== 'ok') return who
    const teamUrl = who.value.url.endsWith('/') ? who.value.url : `${who.value.url}/`
    return ok([
      {
        profile: {
          externalId: `${body.team.id}/${channel.channel_id}`,
          handle: channel.channel,
          displayName: `${body.team.name} ${channel.channel}`,
          avatarUrl: null,
          profileUrl: `${teamUrl}archives/${channel.channel_id}`,
          meta: {
            teamId: body.team.id,
            teamUrl,
            channelId: channel.channel_id,
            botUserId: body.bot_user_id,
            botId: who.value.bot_id ?? null,
          },
        },
        token: {
          accessToken: body.access_token,
          refreshToken: null,
          expiresAt: null,
          scopes: body.scope?.split(',').filter(Boolean) ?? SCOPES,
        },
      },
    ])
  },

  /** `auth.revoke`: a token Slack no longer knows is as revoked as it gets. */
  async revoke(ctx) {
    const revoked = await callSlack(apiHttp(ctx), 'auth.revoke', {
      verb: 'GET',
      token: ctx.token.accessToken,
    })
    return revoked.status === 'ok' || revoked.status === 'unauthorized' ? ok(undefined) : revoked
  },
}
