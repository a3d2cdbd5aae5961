import {
  failed,
  ok,
  type AccountProfile,
  type CredentialsAuth,
  type HttpClient,
  type Result,
} from '#sdk'
import { apiHttp, webhookOf, type WebhookRef } from './urls.js'

interface Webhook {
  id: string
  name: string | null
  channel_id: string | null
  guild_id?: string | null
  avatar?: string | null
}

/** The webhook behind a URL: its name and the channel it posts to. */
async function fetchWebhook(http: HttpClient, ref: WebhookRef): Promise<Result<AccountProfile>> {
  const found = await http.send<Webhook>({ url: `/webhooks/${ref.id}/${ref.token}` })
  // Discord answers 401 (or 404 "Unknown Webhook", code 10015) for a deleted or mistyped webhook.
  if (found.status === 'unauthorized' || (found.status === 'error' && found.httpStatus === 404))
    return failed(found.reason, false, 'login_refused')
  if (found.status !== 'ok') return failed(found.reason, false, 'server_unreachable')
  const hook = found.value.body
  const name = hook.name || 'Discord webhook'
  return ok({
    externalId: hook.id,
    handle: name,
    displayName: name,
    avatarUrl: hook.avatar
      ? `https://cdn.discordapp.com/avatars/${hook.id}/${hook.avatar}.png`
      : null,
    profileUrl:
      hook.guild_id && hook.channel_id
        ? `https://discord.com/channels/${hook.guild_id}/${hook.channel_id}`
        : null,
    meta: { channelId: hook.channel_id, guildId: hook.guild_id ?? null },
  })
}

/**
 * A channel webhook (Server settings → Integrations → Webhooks → Copy webhook URL). Its URL is
 * the whole credential: kept sealed as `<id>/<token>`, it never expires, and nothing is revoked
 * when the account is disconnected (deleting the webhook is the server admin's decision).
 */
export const discordAuth: CredentialsAuth = {
  kind: 'credentials',
  picker: false,
  fields: [
    {
      name: 'webhookUrl',
      type: 'password',
      label: { en: 'Webhook URL', fr: 'URL du webhook' },
      help: {
        en: 'In the channel’s settings: Integrations → Webhooks → New webhook → Copy webhook URL.',
        fr: 'Dans les réglages du salon\u202f: Intégrations → Webhooks → Nouveau webhook → Copier l’URL du webhook.',
      },
      placeholder: 'https://discord.com/api/webhooks/…',
      secret: true,
    },
  ],
  messages: {
    login_refused: {
      en: 'Discord does not know this webhook: it was deleted, or the URL was not copied whole.',
      fr: 'Discord ne connaît pas ce webhook\u202f: il a été supprimé, ou l’URL n’a pas été copiée en entier.',
    },
    not_a_webhook_url: {
      en: 'This is not a Discord webhook URL (https://discord.com/api/webhooks/…).',
      fr: 'Ce n’est pas une URL de webhook Discord (https://discord.com/api/webhooks/…).',
    },
  },

  async connect(ctx, values) {
    const ref = webhookOf(values.webhookUrl ?? '')
    if (!ref) return failed('not a webhook URL', false, 'not_a_webhook_url')
    const profile = await fetchWebhook(apiHttp(ctx), ref)
    if (profile.status !== 'ok') return profile
    const accessToken = `${ref.id}/${ref.token}`
    return ok([
      { profile: profile.value, token: { accessToken, refreshToken: null, expiresAt: null } },
    ])
  },
}
