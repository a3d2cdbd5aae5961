import {
  ok,
  type AccountProfile,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
} from '#sdk'
import type { BotAnswer } from './auth.js'
import type { TelegramOptions } from './options.js'
import { accountHttp, method } from './urls.js'

interface Message {
  message_id: number
}

/** A post's link: public channels by username, private supergroups and channels by their internal id. */
export function messageUrl(account: AccountProfile, messageId: number) {
  const username = account.meta?.chatUsername
  if (typeof username === 'string' && username) return `https://t.me/${username}/${messageId}`
  const id = String(account.meta?.chatId ?? account.externalId)
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null
}

/** A file part of a multipart request, named as Telegram's `attach://<name>` refers to it. */
async function attach(form: FormData, name: string, item: MediaItem) {
  const bytes = await item.read()
  const extension = item.mimeType.split('/')[1] ?? 'bin'
  form.append(
    name,
    new Blob([new Uint8Array(bytes)], { type: item.mimeType }),
    `${name}.${extension}`
  )
}

const mediaType = (item: MediaItem) => (item.kind === 'video' ? 'video' : 'photo')

/**
 * One message (text), one photo or video with the text as its caption, or an album of 2–10
 * items with the caption on the first. The album's first message stands for the post.
 */
export async function publishPost(
  ctx: PublishContext<TelegramOptions>
): Promise<PublishOutcome<Published>> {
  const http = accountHttp(ctx)
  const token = ctx.token.accessToken
  const chatId = String(ctx.account.meta?.chatId ?? ctx.account.externalId)
  const { text, media } = ctx.post
  const done = (messageId: number) =>
    ok({ externalId: String(messageId), url: messageUrl(ctx.account, messageId) })

  if (!media.length) {
    const sent = await http.send<BotAnswer<Message>>({
      method: 'POST',
      url: method(token, 'sendMessage'),
      json: { chat_id: chatId, text },
    })
    return sent.status === 'ok' ? done(sent.value.body.result.message_id) : sent
  }

  const form = new FormData()
  form.append('chat_id', chatId)
  if (media.length === 1) {
    const [item] = media
    const kind = mediaType(item)
    await attach(form, kind, item)
    if (text) form.append('caption', text)
    const name = kind === 'video' ? 'sendVideo' : 'sendPhoto'
    const sent = await http.send<BotAnswer<Message>>({
      method: 'POST',
      url: method(token, name),
      body: form,
    })
    return sent.status === 'ok' ? done(sent.value.body.result.message_id) : sent
  }

  const described = []
  for (const [index, item] of media.entries()) {
    await attach(form, `file${index}`, item)
    described.push({
      type: mediaType(item),
      media: `attach://file${index}`,
      ...(index === 0 && text ? { caption: text } : {}),
    })
  }
  form.append('media', JSON.stringify(described))
  const sent = await http.send<BotAnswer<Message[]>>({
    method: 'POST',
    url: method(token, 'sendMediaGroup'),
    body: form,
  })
  return sent.status === 'ok' ? done(sent.value.body.result[0].message_id) : sent
}
