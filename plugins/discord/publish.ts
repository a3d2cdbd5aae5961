import {
  ok,
  type AccountContext,
  type PublishContext,
  type PublishOutcome,
  type Published,
} from '#sdk'
import type { DiscordOptions } from './options.js'
import { apiHttp, webhookPath } from './urls.js'

export interface Message {
  id: string
  channel_id: string
  content: string
  reactions?: { count: number }[]
}

/** A message's link in the Discord client. */
export function messageUrl(ctx: AccountContext, message: Message) {
  const guild = ctx.account.meta?.guildId
  return guild ? `https://discord.com/channels/${guild}/${message.channel_id}/${message.id}` : null
}

/**
 * Executes the webhook with `wait=true` (so Discord answers with the message it made): the text
 * as `content`, media as `files[n]` parts described in `payload_json.attachments` (with their
 * alt text). Mentions are switched off: a scheduled post never pings @everyone by surprise.
 */
export async function publishPost(
  ctx: PublishContext<DiscordOptions>
): Promise<PublishOutcome<Published>> {
  const { text, media } = ctx.post
  const payload = {
    content: text,
    allowed_mentions: { parse: [] as string[] },
    ...(media.length
      ? {
          attachments: media.map((item, index) => ({
            id: String(index),
            filename: `${index}.${item.mimeType.split('/')[1] ?? 'bin'}`,
            ...(item.altText ? { description: item.altText } : {}),
          })),
        }
      : {}),
  }
  let request: { json: unknown } | { body: FormData }
  if (media.length) {
    const form = new FormData()
    form.append('payload_json', JSON.stringify(payload))
    for (const [index, item] of media.entries()) {
      const bytes = await item.read()
      const blob = new Blob([new Uint8Array(bytes)], { type: item.mimeType })
      form.append(`files[${index}]`, blob, payload.attachments![index].filename)
    }
    request = { body: form }
  } else request = { json: payload }
  const sent = await apiHttp(ctx).send<Message>({
    method: 'POST',
    url: webhookPath(ctx),
    query: { wait: true },
    ...request,
  })
  if (sent.status !== 'ok') return sent
  return ok({ externalId: sent.value.body.id, url: messageUrl(ctx, sent.value.body) })
}
