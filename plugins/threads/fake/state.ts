import type { StoredPost } from '#sdk/testing/fake_network'
import { FakeContainers, type FakeContainer } from '../../_meta/fake/containers.js'
import { DAY, USER } from './oauth.js'

export interface Container extends FakeContainer {
  mediaType: 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL'
  text: string
  /** `reply_to_id`: the post this one will answer once published. */
  replyTo: string | null
}

export type Figure = 'views' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'shares'

export interface Post extends StoredPost {
  id: string
  timestamp: Date
  figures: Record<Figure, number>
}

/** What the fake profile's resources share: containers, posts, the publishing quota's log. */
export class ThreadsState {
  containers = new FakeContainers<Container>()
  posts = new Map<string, Post>()
  /** When each top-level post was published (replies have their own cap, not modelled). */
  published: number[] = []
  processingPolls = 1
  quotaTotal = 250
  #next = 18_000_000_000_000_001n

  id() {
    return String(this.#next++)
  }

  newPost(text: string, media: StoredPost['media'], timestamp = new Date()) {
    const post: Post = {
      id: this.id(),
      text,
      media,
      timestamp,
      inReplyTo: null,
      figures: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 },
    }
    this.posts.set(post.id, post)
    return post
  }

  quotaUsage() {
    return this.published.filter((at) => at >= Date.now() - DAY).length
  }

  permalink(post: Post) {
    return `https://www.threads.net/@${USER.username}/post/${Buffer.from(post.id).toString('base64url').slice(0, 11)}`
  }
}
