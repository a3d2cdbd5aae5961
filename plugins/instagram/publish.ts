import {
  ambiguous,
  failed,
  ok,
  pending,
  rateLimited,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
  type Result,
} from '#sdk'
import { graph } from './graph.js'
import type { InstagramOptions } from './options.js'

const CHECK_AFTER_IMAGE_SECONDS = 3
const CHECK_AFTER_VIDEO_SECONDS = 15
/** A full rolling-24 h quota frees its oldest slot at an unknown moment: look again in an hour. */
const QUOTA_WAIT_SECONDS = 3600

/** The publish in progress; it travels as the `pending` handle. */
interface ContainerDraft {
  v: 1
  caption: string
  /** Carousel children, created first; empty for a single image or Reel. */
  children: string[]
  /** The container media_publish takes: the single item's, or the carousel's once its children are done. */
  container: string | null
  video: boolean
}

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED'

/** Daily publishing limit first (instagram/FLOW.md: 100 API posts per rolling 24 h, carousel = 1). */
async function quotaLeft(ctx: AccountContext): Promise<Result<boolean>> {
  const limit = await graph(ctx).send<{ data: { quota_usage?: number; config?: { quota_total?: number } }[] }>({
    url: `${ctx.account.externalId}/content_publishing_limit`,
    query: { fields: 'quota_usage,config' },
    token: ctx.token.accessToken,
  })
  if (limit.status !== 'ok') return limit
  const entry = limit.value.body.data?.[0]
  const total = entry?.config?.quota_total ?? 100
  return ok((entry?.quota_usage ?? 0) < total)
}

async function createContainer(ctx: AccountContext, form: Record<string, string>): Promise<Result<string>> {
  const created = await graph(ctx).send<{ id: string }>({ method: 'POST', url: `${ctx.account.externalId}/media`, form, token: ctx.token.accessToken })
  return created.status === 'ok' ? ok(created.value.body.id) : created
}

/** The container fields of one item; Instagram downloads it from `publicUrl`. */
function itemFields(item: MediaItem, inCarousel: boolean, options: InstagramOptions | undefined): Record<string, string> {
  if (item.kind === 'image') {
    return { image_url: item.publicUrl!, ...(item.altText ? { alt_text: item.altText } : {}), ...(inCarousel ? { is_carousel_item: 'true' } : {}) }
  }
  // Since July 2023 every single feed video is a Reel; inside a carousel the type is VIDEO.
  return inCarousel
    ? { media_type: 'VIDEO', video_url: item.publicUrl!, is_carousel_item: 'true' }
    : { media_type: 'REELS', video_url: item.publicUrl!, share_to_feed: String(options?.shareToFeed ?? true) }
}

/**
 * Container → wait → media_publish (instagram/FLOW.md "Publish"). The containers are created
 * here; status polling and the final media_publish happen in `advance`, from here and from
 * checkStatus, so a slow Reel leaves the delivery `pending` instead of holding a worker.
 */
export async function publishMedia(ctx: PublishContext<InstagramOptions>): Promise<PublishOutcome<Published>> {
  const { media, text, options } = ctx.post
  if (!media.length) return failed('Instagram posts need an image or a video', false, 'media_required')
  if (media.some((item) => !item.publicUrl)) return failed('Instagram fetches media by URL: the item has no public URL', false, 'no_public_url')
  const quota = await quotaLeft(ctx)
  if (quota.status !== 'ok') return quota
  if (!quota.value) return rateLimited(QUOTA_WAIT_SECONDS, 'Instagram daily publishing limit reached (content_publishing_limit)')

  const draft: ContainerDraft = { v: 1, caption: text, children: [], container: null, video: media.some((item) => item.kind === 'video') }
  if (media.length === 1) {
    const single = await createContainer(ctx, { ...itemFields(media[0], false, options), caption: text })
    if (single.status !== 'ok') return single
    draft.container = single.value
  } else {
    for (const item of media) {
      const child = await createContainer(ctx, itemFields(item, true, options))
      if (child.status !== 'ok') return child
      draft.children.push(child.value)
    }
  }
  return advance(ctx, draft)
}

export async function checkContainer(ctx: AccountContext, handle: string): Promise<PublishOutcome<Published>> {
  let draft: ContainerDraft
  try {
    draft = JSON.parse(handle)
    if (draft?.v !== 1 || !Array.isArray(draft.children)) throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  return advance(ctx, draft)
}

async function statusOf(ctx: AccountContext, id: string): Promise<Result<{ code: ContainerStatus; detail?: string }>> {
  const read = await graph(ctx).send<{ status_code?: ContainerStatus; status?: string }>({ url: id, query: { fields: 'status_code,status' }, token: ctx.token.accessToken })
  return read.status === 'ok' ? ok({ code: read.value.body.status_code ?? 'IN_PROGRESS', detail: read.value.body.status }) : read
}

/** What a finished-or-not status means for the publish; null when the container is ready. */
function unfinished(status: { code: ContainerStatus; detail?: string }, draft: ContainerDraft, handle: string): PublishOutcome<Published> | null {
  switch (status.code) {
    case 'FINISHED':
      return null
    case 'IN_PROGRESS':
      return pending(handle, draft.video ? CHECK_AFTER_VIDEO_SECONDS : CHECK_AFTER_IMAGE_SECONDS)
    case 'ERROR':
      return failed(`Instagram could not process the media: ${status.detail ?? 'ERROR'}`, false, 'container_error')
    case 'EXPIRED':
      // Nothing was published: starting over (new containers) is safe.
      return failed('The Instagram container expired before publishing', true, 'container_expired')
    case 'PUBLISHED':
      // An earlier media_publish went through but its answer was lost: reconcile by lookup.
      return ambiguous('the container was already published')
  }
}

async function advance(ctx: AccountContext, draft: ContainerDraft): Promise<PublishOutcome<Published>> {
  if (!draft.container) {
    for (const child of draft.children) {
      const status = await statusOf(ctx, child)
      if (status.status !== 'ok') return status
      const waiting = unfinished(status.value, draft, JSON.stringify(draft))
      if (waiting) return waiting
    }
    const carousel = await createContainer(ctx, { media_type: 'CAROUSEL', children: draft.children.join(','), caption: draft.caption })
    if (carousel.status !== 'ok') return carousel
    draft = { ...draft, container: carousel.value }
  }
  const status = await statusOf(ctx, draft.container!)
  if (status.status !== 'ok') return status
  const waiting = unfinished(status.value, draft, JSON.stringify(draft))
  if (waiting) return waiting

  // No idempotency key: an ambiguous answer here is resolved by findRecentMedia.
  const published = await graph(ctx).send<{ id: string }>({
    method: 'POST',
    url: `${ctx.account.externalId}/media_publish`,
    form: { creation_id: draft.container! },
    token: ctx.token.accessToken,
  })
  if (published.status !== 'ok') return published
  const id = published.value.body.id
  return ok({ externalId: id, url: await permalinkOf(ctx, id) })
}

export async function permalinkOf(ctx: AccountContext, mediaId: string) {
  const read = await graph(ctx).send<{ permalink?: string }>({ url: mediaId, query: { fields: 'permalink' }, token: ctx.token.accessToken })
  return read.status === 'ok' ? (read.value.body.permalink ?? null) : null
}
