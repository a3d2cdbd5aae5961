import {
  failed,
  ok,
  pending,
  type AccountContext,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import { unwrapJson, type RedditJson } from './errors.js'
import { uploadAsset, uploadDefaultPoster } from './media.js'
import { subredditName, type RedditOptions } from './options.js'
import { findSubmission } from './reconcile.js'
import { checkSubreddit, type PostKind } from './subreddit.js'
import { limitsOf, redditHttp, redditUrls } from './settings.js'

/** A media post Reddit is still processing; travels as the `pending` handle. */
interface RedditHandle {
  v: 1
  sr: string
  title: string
  since: number
}

/**
 * The post's own address on Reddit, shown as "view on Reddit". Submit answers with the
 * permalink; a `url` that is not one (a link post's target, say) is never the post's
 * address, so the short permalink of its id is used instead.
 */
function permalinkOf(ctx: AccountContext, name: string, url: string | undefined) {
  const web = redditUrls(ctx.settings).web.replace(/\/$/, '')
  return url?.startsWith(`${web}/`) && url.includes('/comments/')
    ? url
    : `${web}/comments/${name.replace(/^t3_/, '')}/`
}

export function kindOf(ctx: PublishContext<RedditOptions>): PostKind {
  const { media } = ctx.post
  if (media.some((item) => item.kind === 'video')) return 'video'
  if (media.length > 1) return 'gallery'
  if (media.length === 1) return 'image'
  return ctx.post.options?.link ? 'link' : 'self'
}

/**
 * Checks the subreddit's rules, uploads any media, then submits: /api/submit for self, link,
 * image and video posts, /api/submit_gallery_post.json for galleries. Self, link and gallery
 * posts come back with their id; image and video posts are processed first, so their id is
 * read from the user's submissions by checkStatus. The post text goes in `text` for every
 * kind (Reddit shows body text under media and links; unconfirmed for the API (u)).
 */
export async function publishToReddit(
  ctx: PublishContext<RedditOptions>
): Promise<PublishOutcome<Published>> {
  const options = (ctx.post.options ?? {}) as RedditOptions
  const sr = subredditName(options)
  const title = (options.title ?? '').trim()
  if (!sr || !title)
    return failed('Reddit posts need a subreddit and a title', false, 'option_required')
  const kind = kindOf(ctx)
  const tooBig = checkMediaLimits(ctx)
  if (tooBig) return tooBig
  const allowed = await checkSubreddit(ctx, sr, kind, options, ctx.post.text)
  if (allowed.status !== 'ok') return allowed

  const common: Record<string, string> = {
    api_type: 'json',
    sr,
    title,
    nsfw: String(Boolean(options.nsfw)),
    spoiler: String(Boolean(options.spoiler)),
    sendreplies: String(options.sendReplies ?? true),
    ...(options.flairId ? { flair_id: options.flairId } : {}),
    ...(options.flairText ? { flair_text: options.flairText } : {}),
    ...(ctx.post.text ? { text: ctx.post.text } : {}),
  }
  const since = Date.now()
  if (kind === 'gallery') return submitGallery(ctx, common)
  if (kind === 'self' || kind === 'link') {
    const form = {
      ...common,
      kind,
      ...(kind === 'link' ? { url: options.link!, resubmit: 'true' } : {}),
    }
    const created = await submit<{ name?: string; url?: string }>(ctx, form)
    if (created.status !== 'ok') return created
    return created.value.name
      ? ok({
          externalId: created.value.name,
          url: permalinkOf(ctx, created.value.name, created.value.url),
        })
      : findAfterSubmit(ctx, { v: 1, sr, title, since })
  }

  const item = ctx.post.media[0]
  const uploaded = await uploadAsset(ctx, await item.read(), item.mimeType)
  if (uploaded.status !== 'ok') return uploaded
  const form: Record<string, string> = { ...common, kind, url: uploaded.value.url }
  if (kind === 'video') {
    const poster = await uploadDefaultPoster(ctx)
    if (poster.status !== 'ok') return poster
    form.video_poster_url = poster.value.url
  }
  const submitted = await submit(ctx, form)
  if (submitted.status !== 'ok') return submitted
  return pending(
    JSON.stringify({ v: 1, sr, title, since } satisfies RedditHandle),
    limitsOf(ctx.settings).mediaCheckAfterSeconds
  )
}

function checkMediaLimits(ctx: PublishContext<RedditOptions>) {
  const limits = limitsOf(ctx.settings)
  const images = ctx.post.media.filter((item) => item.kind === 'image')
  if (images.length > limits.galleryMaxItems)
    return failed(
      `Reddit galleries take at most ${limits.galleryMaxItems} images`,
      false,
      'too_many_images'
    )
  for (const item of ctx.post.media) {
    const max = item.kind === 'video' ? limits.videoMaxBytes : limits.imageMaxBytes
    if (item.bytes > max)
      return failed(`Reddit takes ${item.kind}s up to ${max} bytes`, false, 'media_too_large')
    if (item.kind === 'video' && (item.durationSeconds ?? 0) > limits.videoMaxSeconds) {
      return failed(
        `Reddit takes videos up to ${limits.videoMaxSeconds} s`,
        false,
        'video_too_long'
      )
    }
  }
  return null
}

async function submit<T>(ctx: AccountContext, form: Record<string, string>): Promise<Result<T>> {
  return unwrapJson<T>(
    await redditHttp(ctx).send<RedditJson<T>>({
      method: 'POST',
      url: '/api/submit',
      bearer: ctx.token.accessToken,
      form,
    })
  )
}

/** Uploads each image, then POST /api/submit_gallery_post.json (JSON body). */
async function submitGallery(
  ctx: PublishContext<RedditOptions>,
  common: Record<string, string>
): Promise<PublishOutcome<Published>> {
  const items = []
  for (const item of ctx.post.media) {
    const uploaded = await uploadAsset(ctx, await item.read(), item.mimeType)
    if (uploaded.status !== 'ok') return uploaded
    items.push({ media_id: uploaded.value.assetId, caption: '', outbound_url: '' })
  }
  const since = Date.now()
  const { nsfw, spoiler, sendreplies, ...rest } = common
  const created = unwrapJson<{ id?: string; url?: string }>(
    await redditHttp(ctx).send<RedditJson<{ id?: string; url?: string }>>({
      method: 'POST',
      url: '/api/submit_gallery_post.json',
      bearer: ctx.token.accessToken,
      json: {
        ...rest,
        nsfw: nsfw === 'true',
        spoiler: spoiler === 'true',
        sendreplies: sendreplies === 'true',
        show_error_list: true,
        items,
      },
    })
  )
  if (created.status !== 'ok') return created
  const id = created.value.id ?? /\/comments\/([a-z0-9]+)/i.exec(created.value.url ?? '')?.[1]
  if (id)
    return ok({
      externalId: id.startsWith('t3_') ? id : `t3_${id}`,
      url: created.value.url ?? null,
    })
  return findAfterSubmit(ctx, { v: 1, sr: common.sr, title: common.title, since })
}

async function findAfterSubmit(
  ctx: AccountContext,
  handle: RedditHandle
): Promise<PublishOutcome<Published>> {
  const found = await findSubmission(ctx, handle)
  if (found.status === 'ok' && found.value) return ok(found.value)
  return pending(JSON.stringify(handle), limitsOf(ctx.settings).mediaCheckAfterSeconds)
}

/**
 * An image or video post being processed: it shows up in the user's submissions once Reddit
 * is done. If it has not after settings.limits.mediaWaitSeconds, processing failed.
 */
export async function checkRedditStatus(
  ctx: AccountContext,
  raw: string
): Promise<PublishOutcome<Published>> {
  let handle: RedditHandle
  try {
    handle = JSON.parse(raw)
    if (handle?.v !== 1 || !handle.sr || !handle.title) throw new Error('bad handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  const limits = limitsOf(ctx.settings)
  const found = await findSubmission(ctx, handle)
  if (found.status === 'ok' && found.value) return ok(found.value)
  if (found.status === 'unauthorized') return found
  if (Date.now() - handle.since > limits.mediaWaitSeconds * 1000) {
    return failed(
      `Reddit did not finish processing the media post in r/${handle.sr}`,
      false,
      'media_processing_failed'
    )
  }
  return pending(raw, limits.mediaCheckAfterSeconds)
}
