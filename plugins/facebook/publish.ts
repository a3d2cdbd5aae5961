import {
  ok,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import { graph, postUrl } from './graph.js'
import type { FacebookOptions } from './options.js'
import { publishVideo } from './video.js'

/** One photo uploaded unpublished (FLOW.md "Several photos", step 1); its id goes in attached_media. */
export async function uploadPhoto(ctx: AccountContext, item: MediaItem): Promise<Result<string>> {
  const form = new FormData()
  form.set(
    'source',
    new Blob([await item.read()], { type: item.mimeType }),
    `photo.${item.mimeType.split('/')[1] ?? 'jpg'}`
  )
  form.set('published', 'false')
  if (item.altText) form.set('alt_text_custom', item.altText)
  const uploaded = await graph(ctx).send<{ id: string }>({
    method: 'POST',
    url: `${ctx.account.externalId}/photos`,
    body: form,
    token: ctx.token.accessToken,
    timeoutMs: 60_000,
  })
  return uploaded.status === 'ok' ? ok(uploaded.value.body.id) : uploaded
}

/**
 * Text, link, photos (uploaded unpublished, then one feed post with attached_media) or one
 * video (resumable upload, then `pending` while Facebook processes it).
 * Graph has no idempotency key: an ambiguous feed post is resolved by findRecentPagePost.
 */
export async function publishPagePost(
  ctx: PublishContext<FacebookOptions>
): Promise<PublishOutcome<Published>> {
  const { text, media, options } = ctx.post
  const video = media.find((item) => item.kind === 'video')
  if (video) return publishVideo(ctx, video, text, options?.videoTitle || undefined)

  const photoIds: string[] = []
  for (const item of media) {
    const uploaded = await uploadPhoto(ctx, item)
    if (uploaded.status !== 'ok') return uploaded
    photoIds.push(uploaded.value)
  }
  const form: Record<string, string> = { message: text }
  photoIds.forEach(
    (id, index) => (form[`attached_media[${index}]`] = JSON.stringify({ media_fbid: id }))
  )
  if (!photoIds.length && options?.link) form.link = options.link
  const created = await graph(ctx).send<{ id: string }>({
    method: 'POST',
    url: `${ctx.account.externalId}/feed`,
    form,
    token: ctx.token.accessToken,
  })
  if (created.status !== 'ok') return created
  return ok({ externalId: created.value.body.id, url: postUrl(ctx, created.value.body.id) })
}
