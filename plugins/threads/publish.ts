import type {
  AccountContext,
  MediaItem,
  PublishContext,
  PublishOutcome,
  PublishPartContext,
  Published,
} from '#sdk'
import {
  publishThroughContainers,
  resumeContainers,
  type ContainerDraft,
  type ContainerNetwork,
} from '../_meta/media_containers.js'
import { graph } from './api.js'
import type { ThreadsOptions } from './options.js'

interface ThreadsDraft extends ContainerDraft {
  text: string
  replyControl?: string
  /** A thread part: the post it answers (`reply_to_id`). */
  replyTo?: string
}

/** Threads' spelling of the shared container flow (threads/FLOW.md "Publish"). */
const threadsContainers: ContainerNetwork<ThreadsDraft> = {
  name: 'Threads',
  subject: 'post',
  graph: (ctx) => graph(ctx),
  // 250 API posts per profile per rolling 24 h, a carousel counting as one.
  edges: { containers: 'threads', publish: 'threads_publish', quota: 'threads_publishing_limit' },
  defaultQuota: 250,
  statusFields: { code: 'status', detail: 'error_message' },
  checkAfter: { media: 10, video: 30 },
  topFields: (draft) => ({
    ...(draft.text ? { text: draft.text } : {}),
    ...(draft.replyControl ? { reply_control: draft.replyControl } : {}),
    ...(draft.replyTo ? { reply_to_id: draft.replyTo } : {}),
  }),
}

/** Threads downloads each item from its public URL. */
function itemFields(item: MediaItem): Record<string, string> {
  const alt: Record<string, string> = item.altText ? { alt_text: item.altText } : {}
  return item.kind === 'image'
    ? { media_type: 'IMAGE', image_url: item.publicUrl!, ...alt }
    : { media_type: 'VIDEO', video_url: item.publicUrl!, ...alt }
}

/** TEXT, IMAGE or VIDEO, or a CAROUSEL made from 2–20 items. */
export function publishThread(
  ctx: PublishContext<ThreadsOptions>
): Promise<PublishOutcome<Published>> {
  return publishContainer(ctx, undefined)
}

/**
 * One part of a thread: the same container flow, the container answering the previous part
 * (`reply_to_id`). Who may reply stays the main post's setting.
 */
export function publishThreadReply(
  ctx: PublishPartContext<ThreadsOptions>
): Promise<PublishOutcome<Published>> {
  return publishContainer(ctx, ctx.previous.externalId)
}

async function publishContainer(
  ctx: PublishContext<ThreadsOptions>,
  replyTo: string | undefined
): Promise<PublishOutcome<Published>> {
  const { text, media, options } = ctx.post
  // `everyone` is Threads' default: leaving it out keeps the request minimal.
  const replyControl =
    !replyTo && options?.replyControl && options.replyControl !== 'everyone'
      ? options.replyControl
      : undefined
  const draft: ThreadsDraft = {
    v: 1,
    text,
    replyControl,
    replyTo,
    children: [],
    container: null,
    video: media.some((item) => item.kind === 'video'),
  }
  const containers =
    media.length > 1
      ? media.map((item) => ({ ...itemFields(item), is_carousel_item: 'true' }))
      : [media.length ? itemFields(media[0]) : { media_type: 'TEXT' }]
  return publishThroughContainers(ctx, threadsContainers, media, draft, containers)
}

export function checkThreadContainer(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  return resumeContainers(ctx, threadsContainers, handle)
}
