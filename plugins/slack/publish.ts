import {
  ok,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import type { SlackOptions } from './options.js'
import { accountHttp } from './urls.js'
import { callSlack } from './web_api.js'

interface Message {
  ts: string
  text?: string
  bot_id?: string
  reply_count?: number
  reactions?: { name: string; count: number }[]
}

const channelOf = (ctx: AccountContext) => String(ctx.account.meta?.channelId ?? '')

/** A message's permalink as Slack builds it: the channel, then the ts without its dot. */
export function messageUrl(ctx: AccountContext, ts: string) {
  const teamUrl = ctx.account.meta?.teamUrl
  return typeof teamUrl === 'string'
    ? `${teamUrl}archives/${channelOf(ctx)}/p${ts.replace('.', '')}`
    : null
}

/**
 * Uploads one image the way Slack asks since `files.upload` was retired: an upload URL, the
 * bytes sent there, then the upload completed without sharing (the message shows it).
 */
async function uploadImage(ctx: PublishContext<SlackOptions>, item: MediaItem, index: number) {
  const http = accountHttp(ctx)
  const token = ctx.token.accessToken
  const bytes = await item.read()
  const filename = `image-${index + 1}.${item.mimeType.split('/')[1] ?? 'bin'}`
  const target = await callSlack<{ upload_url: string; file_id: string }>(
    http,
    'files.getUploadURLExternal',
    {
      token,
      params: {
        filename,
        length: String(bytes.length),
        ...(item.altText ? { alt_txt: item.altText } : {}),
      },
    }
  )
  if (target.status !== 'ok') return target
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: item.mimeType }), filename)
  // The upload URL is Slack's file service, reached through the outbound policy.
  const sent = await http.send({ method: 'POST', url: target.value.upload_url, body: form })
  if (sent.status !== 'ok') return sent
  const done = await callSlack(http, 'files.completeUploadExternal', {
    token,
    params: { files: JSON.stringify([{ id: target.value.file_id, title: filename }]) },
  })
  return done.status === 'ok' ? ok(target.value.file_id) : done
}

/**
 * One message in the installation's channel: the text as written, and the images in image
 * blocks with their alt text (the text then in a section block, and as the notification's).
 */
export async function publishPost(
  ctx: PublishContext<SlackOptions>
): Promise<PublishOutcome<Published>> {
  const params: Record<string, string> = { channel: channelOf(ctx), text: ctx.post.text }
  if (ctx.post.media.length) {
    const blocks: unknown[] = ctx.post.text
      ? [{ type: 'section', text: { type: 'mrkdwn', text: ctx.post.text } }]
      : []
    for (const [index, item] of ctx.post.media.entries()) {
      const file = await uploadImage(ctx, item, index)
      if (file.status !== 'ok') return file
      blocks.push({
        type: 'image',
        slack_file: { id: file.value },
        alt_text: item.altText || `Image ${index + 1}`,
      })
    }
    params.blocks = JSON.stringify(blocks)
  }
  const posted = await callSlack<{ ts: string }>(accountHttp(ctx), 'chat.postMessage', {
    token: ctx.token.accessToken,
    params,
  })
  if (posted.status !== 'ok') return posted
  return ok({ externalId: posted.value.ts, url: messageUrl(ctx, posted.value.ts) })
}

/**
 * Finds a message whose answer was lost among the channel's messages of the last hour sent by
 * this app, by its text. Best effort: only the newest 200 are read.
 */
export async function findPostByIdempotencyKey(
  ctx: PublishContext<SlackOptions>
): Promise<Result<Published | null>> {
  const history = await callSlack<{ messages: Message[] }>(
    accountHttp(ctx),
    'conversations.history',
    {
      verb: 'GET',
      token: ctx.token.accessToken,
      params: {
        channel: channelOf(ctx),
        oldest: String(Math.floor(Date.now() / 1000) - 3600),
        limit: '200',
      },
    }
  )
  if (history.status !== 'ok') return history
  const botId = ctx.account.meta?.botId
  const found = history.value.messages.find(
    (message) => message.text === ctx.post.text && (!botId || message.bot_id === botId)
  )
  return ok(found ? { externalId: found.ts, url: messageUrl(ctx, found.ts) } : null)
}

export type { Message }
