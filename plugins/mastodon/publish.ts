import {
  failed,
  ok,
  withDefaults,
  type AccountContext,
  type HttpClient,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type PublishPartContext,
  type Published,
  type Result,
} from '#sdk'
import { instanceHttp } from './profile.js'
import type { MastodonOptions } from './options.js'
import { mastodonOptionFields } from './options.js'

interface MastodonStatus {
  id: string
  url: string | null
  uri: string
  content: string
  created_at: string
}

interface MastodonMedia {
  id: string
  url: string | null
}

const MEDIA_POLLS = 20
const MEDIA_POLL_MS = 500

/** Uploads one file; a 202 means the instance is still processing it, so wait until it has a URL. */
async function uploadMedia(
  http: HttpClient,
  token: string,
  item: MediaItem
): Promise<Result<string>> {
  const form = new FormData()
  const extension = item.mimeType.split('/')[1] ?? 'bin'
  form.append('file', new Blob([await item.read()], { type: item.mimeType }), `upload.${extension}`)
  if (item.altText) form.append('description', item.altText)
  const uploaded = await http.send<MastodonMedia>({
    method: 'POST',
    url: '/api/v2/media',
    bearer: token,
    body: form,
    timeoutMs: 120_000,
  })
  if (uploaded.status !== 'ok') return uploaded
  let media = uploaded.value
  for (let poll = 0; media.status === 202 || !media.body.url; poll++) {
    if (poll >= MEDIA_POLLS)
      return failed('the instance is still processing the media', true, 'media_processing')
    await new Promise((resolve) => setTimeout(resolve, MEDIA_POLL_MS))
    const check = await http.send<MastodonMedia>({
      url: `/api/v1/media/${media.body.id}`,
      bearer: token,
    })
    if (check.status !== 'ok') return check
    media = check.value
  }
  return ok(media.body.id)
}

export function publishStatus(
  ctx: PublishContext<MastodonOptions>
): Promise<PublishOutcome<Published>> {
  return createStatus(ctx, null)
}

/**
 * One part of a thread: a status `in_reply_to_id` the previous part, with the main post's
 * visibility, content warning and language (a thread reads as one), and the part's own key.
 */
export function publishStatusReply(
  ctx: PublishPartContext<MastodonOptions>
): Promise<PublishOutcome<Published>> {
  return createStatus(ctx, ctx.previous.externalId)
}

async function createStatus(
  ctx: PublishContext<MastodonOptions>,
  inReplyTo: string | null
): Promise<PublishOutcome<Published>> {
  const http = instanceHttp(ctx.http, ctx.account)
  const token = ctx.token.accessToken
  const mediaIds: string[] = []
  for (const item of ctx.post.media) {
    const id = await uploadMedia(http, token, item)
    if (id.status !== 'ok') return id
    mediaIds.push(id.value)
  }
  const options = withDefaults(
    mastodonOptionFields,
    ctx.post.options as Record<string, unknown>
  ) as MastodonOptions
  const created = await http.send<MastodonStatus>({
    method: 'POST',
    url: '/api/v1/statuses',
    bearer: token,
    // Mastodon returns the same status for a repeated key: retries cannot duplicate the post.
    headers: { 'Idempotency-Key': ctx.idempotencyKey },
    json: {
      status: ctx.post.text,
      visibility: options.visibility,
      ...(mediaIds.length ? { media_ids: mediaIds } : {}),
      ...(options.spoilerText ? { spoiler_text: options.spoilerText } : {}),
      ...(options.language ? { language: options.language } : {}),
      ...(inReplyTo ? { in_reply_to_id: inReplyTo } : {}),
    },
  })
  if (created.status !== 'ok') return created
  return ok({
    externalId: created.value.body.id,
    url: created.value.body.url ?? created.value.body.uri,
  })
}

/** Plain text of a status's HTML content, to recognise our own post. */
function plainText(html: string) {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}

/**
 * After an ambiguous publish: look through the account's latest statuses for one with
 * our text. (Re-posting with the same Idempotency-Key would also be safe within an hour.)
 */
export async function findRecentStatus(
  ctx: PublishContext<MastodonOptions> | (AccountContext & { post: { text: string } })
) {
  const http = instanceHttp(ctx.http, ctx.account)
  const recent = await http.send<MastodonStatus[]>({
    url: `/api/v1/accounts/${ctx.account.externalId}/statuses`,
    query: { limit: 20, exclude_replies: false },
    bearer: ctx.token.accessToken,
  })
  if (recent.status !== 'ok') return recent
  const wanted = ctx.post.text.trim()
  const match = recent.value.body.find((status) => plainText(status.content) === wanted)
  return ok(match ? { externalId: match.id, url: match.url ?? match.uri } : null)
}
