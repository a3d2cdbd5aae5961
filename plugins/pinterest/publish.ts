import {
  failed,
  ok,
  pending,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
} from '#sdk'
import { VIDEO_DEFAULTS } from './capabilities.js'
import { base64Of, uploadVideo, videoFailed, videoStatus } from './media.js'
import type { PinterestOptions } from './options.js'
import { apiHttp, pinUrl } from './urls.js'

const CHECK_AFTER_SECONDS = 10
const ALT_TEXT_MAX = 500

/** The PinCreate body minus its media source; it travels in the `pending` handle while a video processes. */
interface PinFields {
  board_id: string
  board_section_id?: string
  title?: string
  description?: string
  link?: string
  alt_text?: string
}

interface VideoHandle {
  v: 1
  mediaId: string
  pin: PinFields
}

/**
 * Pinterest has one alt_text per Pin, so a carousel's alt texts are joined (in order) into it,
 * cut at 500 characters. The carousel items themselves have no alt text field.
 */
export function altTextOf(media: MediaItem[]) {
  const texts = media.map((item) => item.altText?.trim()).filter((text): text is string => !!text)
  if (!texts.length) return undefined
  const joined = texts.join(' — ')
  return joined.length > ALT_TEXT_MAX ? `${joined.slice(0, ALT_TEXT_MAX - 1)}…` : joined
}

function fieldsOf(ctx: PublishContext<PinterestOptions>): PinFields {
  const options = ctx.post.options ?? {}
  return {
    board_id: String(options.board),
    ...(options.boardSection ? { board_section_id: options.boardSection } : {}),
    ...(options.title ? { title: options.title } : {}),
    ...(ctx.post.text ? { description: ctx.post.text } : {}),
    ...(options.link ? { link: options.link } : {}),
  }
}

/** image_url / multiple_image_urls when every image has a public URL (Pinterest fetches them), else base64. */
async function imageSource(images: MediaItem[]) {
  const byUrl = images.every((item) => item.publicUrl)
  if (images.length === 1) {
    const [image] = images
    return byUrl
      ? { source_type: 'image_url', url: image.publicUrl }
      : { source_type: 'image_base64', content_type: image.mimeType, data: await base64Of(image) }
  }
  return byUrl
    ? {
        source_type: 'multiple_image_urls',
        items: images.map((image) => ({ url: image.publicUrl! })),
      }
    : {
        source_type: 'multiple_image_base64',
        items: await Promise.all(
          images.map(async (image) => ({
            content_type: image.mimeType,
            data: await base64Of(image),
          }))
        ),
      }
}

function videoProblem(ctx: PublishContext<PinterestOptions>, video: MediaItem) {
  const limits = { ...VIDEO_DEFAULTS, ...ctx.settings } as typeof VIDEO_DEFAULTS
  if (video.bytes > Number(limits.videoMaxBytes))
    return `video larger than ${limits.videoMaxBytes} bytes`
  const seconds = video.durationSeconds
  if (
    seconds !== undefined &&
    (seconds < Number(limits.videoMinSeconds) || seconds > Number(limits.videoMaxSeconds))
  ) {
    return `video must last ${limits.videoMinSeconds}–${limits.videoMaxSeconds} s`
  }
  return null
}

export async function publishPin(
  ctx: PublishContext<PinterestOptions>
): Promise<PublishOutcome<Published>> {
  if (!ctx.post.options?.board) return failed('a Pin needs a board', false, 'option_required')
  if (!ctx.post.media.length)
    return failed('a Pin needs an image or a video', false, 'media_required')
  const pin = fieldsOf(ctx)
  const alt = altTextOf(ctx.post.media)
  if (alt) pin.alt_text = alt
  const http = apiHttp(ctx)
  const video = ctx.post.media.find((item) => item.kind === 'video')
  if (!video) return createPin(ctx, { ...pin }, await imageSource(ctx.post.media))

  const tooBig = videoProblem(ctx, video)
  if (tooBig) return failed(tooBig, false, 'media_rejected')
  const mediaId = await uploadVideo(http, ctx.token.accessToken, video)
  if (mediaId.status !== 'ok') return mediaId
  return advanceVideo(ctx, { v: 1, mediaId: mediaId.value, pin })
}

/** Continues a video Pin left `pending` while Pinterest processed the upload. */
export async function checkPinStatus(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  let parsed: VideoHandle
  try {
    parsed = JSON.parse(handle)
    if (parsed?.v !== 1 || !parsed.mediaId || !parsed.pin?.board_id)
      throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  return advanceVideo(ctx, parsed)
}

async function advanceVideo(
  ctx: AccountContext,
  handle: VideoHandle
): Promise<PublishOutcome<Published>> {
  const status = await videoStatus(apiHttp(ctx), ctx.token.accessToken, handle.mediaId)
  if (status.status !== 'ok') return status
  if (status.value === 'failed') return videoFailed(handle.mediaId)
  if (status.value !== 'succeeded') return pending(JSON.stringify(handle), CHECK_AFTER_SECONDS)
  // Pinterest needs a cover: the first frame unless the user gave one (not supported yet).
  return createPin(ctx, handle.pin, {
    source_type: 'video_id',
    media_id: handle.mediaId,
    cover_image_key_frame_time: 0,
  })
}

/** POST /pins. Pinterest has no idempotency key: an ambiguous answer is resolved by findRecentPin. */
async function createPin(
  ctx: AccountContext,
  pin: PinFields,
  mediaSource: object
): Promise<PublishOutcome<Published>> {
  const created = await apiHttp(ctx).send<{ id: string }>({
    method: 'POST',
    url: 'pins',
    bearer: ctx.token.accessToken,
    json: { ...pin, media_source: mediaSource },
  })
  if (created.status !== 'ok') return created
  return ok({ externalId: created.value.body.id, url: pinUrl(ctx.settings, created.value.body.id) })
}
