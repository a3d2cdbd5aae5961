import {
  failed,
  type AccountContext,
  type MediaItem,
  type PublishContext,
  type PublishOutcome,
  type Published,
} from '#sdk'
import {
  publishThroughContainers,
  resumeContainers,
  type ContainerDraft,
  type ContainerNetwork,
} from '../_meta/media_containers.js'
import { graph } from './graph.js'
import type { InstagramOptions } from './options.js'

interface InstagramDraft extends ContainerDraft {
  caption: string
}

/** Instagram's spelling of the shared container flow (instagram/FLOW.md "Publish"). */
const instagramContainers: ContainerNetwork<InstagramDraft> = {
  name: 'Instagram',
  subject: 'media',
  graph,
  // instagram/FLOW.md: 100 API posts per rolling 24 h, a carousel counting as one.
  edges: { containers: 'media', publish: 'media_publish', quota: 'content_publishing_limit' },
  defaultQuota: 100,
  // `status` holds the reason of an ERROR in words.
  statusFields: { code: 'status_code', detail: 'status' },
  checkAfter: { media: 3, video: 15 },
  topFields: (draft) => ({ caption: draft.caption }),
}

/** The container fields of one item; Instagram downloads it from `publicUrl`. */
function itemFields(
  item: MediaItem,
  inCarousel: boolean,
  options: InstagramOptions | undefined
): Record<string, string> {
  if (item.kind === 'image') {
    return {
      image_url: item.publicUrl!,
      ...(item.altText ? { alt_text: item.altText } : {}),
      ...(inCarousel ? { is_carousel_item: 'true' } : {}),
    }
  }
  // Since July 2023 every single feed video is a Reel; inside a carousel the type is VIDEO.
  return inCarousel
    ? { media_type: 'VIDEO', video_url: item.publicUrl!, is_carousel_item: 'true' }
    : {
        media_type: 'REELS',
        video_url: item.publicUrl!,
        share_to_feed: String(options?.shareToFeed ?? true),
      }
}

/** One image or Reel, or a carousel of up to 10 mixed items; Instagram has no text-only posts. */
export async function publishMedia(
  ctx: PublishContext<InstagramOptions>
): Promise<PublishOutcome<Published>> {
  const { media, text, options } = ctx.post
  if (!media.length)
    return failed('Instagram posts need an image or a video', false, 'media_required')
  const draft: InstagramDraft = {
    v: 1,
    caption: text,
    children: [],
    container: null,
    video: media.some((item) => item.kind === 'video'),
  }
  const containers = media.map((item) => itemFields(item, media.length > 1, options))
  return publishThroughContainers(ctx, instagramContainers, media, draft, containers)
}

export function checkContainer(
  ctx: AccountContext,
  handle: string
): Promise<PublishOutcome<Published>> {
  return resumeContainers(ctx, instagramContainers, handle)
}
