import type { StoredPost } from './fake_network.js'

/**
 * One comment a fake network keeps: what was said, by whom, and under what. `inReplyTo` is the
 * network's own id of the thing commented on (an Instagram media, a Facebook post, a LinkedIn
 * share URN, a YouTube video, a Reddit `t3_` link), so a test can check that a first comment sits
 * under the post the plugin published, and only once. A fake answers it from `storedPost` too,
 * where the conformance kit reads a part's linkage.
 */
export interface StoredComment extends StoredPost {
  id: string
  inReplyTo: string
  /** The network's id of the account that commented (IG user, Page, member/organisation URN, channel, username). */
  authorId: string
  text: string
  media: StoredPost['media']
  createdAt: Date
  likes: number
  replies: number
}

/** The comments of one fake network, in the order they were made. */
export class FakeCommentStore {
  #all = new Map<string, StoredComment>()

  add(comment: Omit<StoredComment, 'createdAt' | 'likes' | 'replies'> & { createdAt?: Date }) {
    const stored: StoredComment = { createdAt: new Date(), likes: 0, replies: 0, ...comment }
    this.#all.set(stored.id, stored)
    return stored
  }

  get(id: string) {
    return this.#all.get(id)
  }

  /** The comments made directly under `parentId`, oldest first. */
  on(parentId: string) {
    return [...this.#all.values()].filter((comment) => comment.inReplyTo === parentId)
  }

  /** Makes the network report these figures for a comment. */
  setFigures(id: string, figures: { likes?: number; replies?: number }) {
    const comment = this.#all.get(id)
    if (!comment) throw new Error(`no comment ${id}`)
    Object.assign(comment, figures)
  }
}
