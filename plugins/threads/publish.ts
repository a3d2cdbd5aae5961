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
import { graph } from './api.js'
import type { ThreadsOptions } from './options.js'

const CHECK_AFTER_SECONDS = 10
const CHECK_AFTER_VIDEO_SECONDS = 30
const QUOTA_WAIT_SECONDS = 3600

/** The publish in progress; it travels as the `pending` handle. */
interface ContainerDraft {
  v: 1
  text: string
  replyControl?: string
  children: string[]
  container: string | null
  video: boolean
}

type Status = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED'

/** 250 API posts per profile per rolling 24 h (carousel = 1): checked before any container is made. */
async function quotaLeft(ctx: AccountContext): Promise<Result<boolean>> {
  const limit = await graph(ctx).send<{ data: { quota_usage?: number; config?: { quota_total?: number } }[] }>({
    url: `${ctx.account.externalId}/threads_publishing_limit`,
    query: { fields: 'quota_usage,config' },
    token: ctx.token.accessToken,
  })
  if (limit.status !== 'ok') return limit
  const entry = limit.value.body.data?.[0]
  return ok((entry?.quota_usage ?? 0) < (entry?.config?.quota_total ?? 250))
}

async function createContainer(ctx: AccountContext, form: Record<string, string>): Promise<Result<string>> {
  const created = await graph(ctx).send<{ id: string }>({ method: 'POST', url: `${ctx.account.externalId}/threads`, form, token: ctx.token.accessToken })
  return created.status === 'ok' ? ok(created.value.body.id) : created
}

/** Threads downloads each item from its public URL. */
function itemFields(item: MediaItem): Record<string, string> {
  const alt: Record<string, string> = item.altText ? { alt_text: item.altText } : {}
  return item.kind === 'image' ? { media_type: 'IMAGE', image_url: item.publicUrl!, ...alt } : { media_type: 'VIDEO', video_url: item.publicUrl!, ...alt }
}

/**
 * Container → wait → threads_publish (threads/FLOW.md "Publish"): TEXT, IMAGE or VIDEO, or a
 * CAROUSEL made from 2–20 finished children. Polling happens in `advance`, here and in checkStatus.
 */
export async function publishThread(ctx: PublishContext<ThreadsOptions>): Promise<PublishOutcome<Published>> {
  const { text, media, options } = ctx.post
  if (media.some((item) => !item.publicUrl)) return failed('Threads fetches media by URL: the item has no public URL', false, 'no_public_url')
  const quota = await quotaLeft(ctx)
  if (quota.status !== 'ok') return quota
  if (!quota.value) return rateLimited(QUOTA_WAIT_SECONDS, 'Threads daily publishing limit reached (threads_publishing_limit)')

  const replyControl = options?.replyControl && options.replyControl !== 'everyone' ? options.replyControl : undefined
  const draft: ContainerDraft = { v: 1, text, replyControl, children: [], container: null, video: media.some((item) => item.kind === 'video') }
  const top = { ...(text ? { text } : {}), ...(replyControl ? { reply_control: replyControl } : {}) }
  if (media.length <= 1) {
    const single = await createContainer(ctx, { ...(media.length ? itemFields(media[0]) : { media_type: 'TEXT' }), ...top })
    if (single.status !== 'ok') return single
    draft.container = single.value
  } else {
    for (const item of media) {
      const child = await createContainer(ctx, { ...itemFields(item), is_carousel_item: 'true' })
      if (child.status !== 'ok') return child
      draft.children.push(child.value)
    }
  }
  return advance(ctx, draft)
}

export async function checkThreadContainer(ctx: AccountContext, handle: string): Promise<PublishOutcome<Published>> {
  let draft: ContainerDraft
  try {
    draft = JSON.parse(handle)
    if (draft?.v !== 1 || !Array.isArray(draft.children)) throw new Error('unknown handle')
  } catch {
    return failed('unreadable pending handle', false, 'bad_handle')
  }
  return advance(ctx, draft)
}

async function statusOf(ctx: AccountContext, id: string): Promise<Result<{ status: Status; error?: string }>> {
  const read = await graph(ctx).send<{ status?: Status; error_message?: string }>({ url: id, query: { fields: 'status,error_message' }, token: ctx.token.accessToken })
  return read.status === 'ok' ? ok({ status: read.value.body.status ?? 'IN_PROGRESS', error: read.value.body.error_message }) : read
}

function unfinished(state: { status: Status; error?: string }, draft: ContainerDraft): PublishOutcome<Published> | null {
  switch (state.status) {
    case 'FINISHED':
      return null
    case 'IN_PROGRESS':
      return pending(JSON.stringify(draft), draft.video ? CHECK_AFTER_VIDEO_SECONDS : CHECK_AFTER_SECONDS)
    case 'ERROR':
      return failed(`Threads could not process the post: ${state.error ?? 'ERROR'}`, false, 'container_error')
    case 'EXPIRED':
      return failed('The Threads container expired before publishing', true, 'container_expired')
    case 'PUBLISHED':
      return ambiguous('the container was already published')
  }
}

async function advance(ctx: AccountContext, draft: ContainerDraft): Promise<PublishOutcome<Published>> {
  if (!draft.container) {
    for (const child of draft.children) {
      const state = await statusOf(ctx, child)
      if (state.status !== 'ok') return state
      const waiting = unfinished(state.value, draft)
      if (waiting) return waiting
    }
    const carousel = await createContainer(ctx, {
      media_type: 'CAROUSEL',
      children: draft.children.join(','),
      ...(draft.text ? { text: draft.text } : {}),
      ...(draft.replyControl ? { reply_control: draft.replyControl } : {}),
    })
    if (carousel.status !== 'ok') return carousel
    draft = { ...draft, container: carousel.value }
  }
  const state = await statusOf(ctx, draft.container!)
  if (state.status !== 'ok') return state
  const waiting = unfinished(state.value, draft)
  if (waiting) return waiting

  // No idempotency key: an ambiguous answer here is resolved by findRecentThread.
  const published = await graph(ctx).send<{ id: string }>({
    method: 'POST',
    url: `${ctx.account.externalId}/threads_publish`,
    form: { creation_id: draft.container! },
    token: ctx.token.accessToken,
  })
  if (published.status !== 'ok') return published
  const id = published.value.body.id
  const read = await graph(ctx).send<{ permalink?: string }>({ url: id, query: { fields: 'permalink' }, token: ctx.token.accessToken })
  return ok({ externalId: id, url: read.status === 'ok' ? (read.value.body.permalink ?? null) : null })
}
