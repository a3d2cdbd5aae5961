import type { FakeReply } from '#sdk/testing/fake_server'
import type { StoredPost } from '#sdk/testing/fake_network'
import type { FakeRedditAssets } from './assets.js'
import { redditError, validateSubmission, type Post, type Subreddit } from './model.js'

/** What a gallery submission needs from the Reddit fake. */
export interface GalleryHost {
  subreddits: Map<string, Subreddit>
  assets: FakeRedditAssets
  create(sub: Subreddit, body: Record<string, any>, media: StoredPost['media']): Post
}

/** POST /api/submit_gallery_post.json (reddit/FLOW.md "Gallery"): 2 to 20 uploaded images. */
export function submitGallery(body: Record<string, any>, host: GalleryHost): FakeReply {
  const sub = validateSubmission(host.subreddits, body, 'gallery')
  if (!('submissionType' in sub)) return sub
  if (!sub.allowGalleries)
    return redditError('NO_GALLERIES', "that subreddit doesn't allow galleries", 'sr')
  const items: { media_id: string; caption?: string }[] = Array.isArray(body.items)
    ? body.items
    : []
  if (items.length < 2 || items.length > 20)
    return redditError('BAD_NUMBER', 'galleries take 2 to 20 items', 'items')
  if (items.some((item) => !host.assets.uploaded(item.media_id)))
    return redditError('MEDIA_NOT_FOUND', 'media not found', 'items')
  const post = host.create(
    sub,
    body,
    items.map(() => ({ kind: 'image' as const, altText: null }))
  )
  return {
    json: {
      json: {
        errors: [],
        data: { url: `https://www.reddit.com/gallery/${post.id.slice(3)}`, id: post.id },
      },
    },
  }
}
