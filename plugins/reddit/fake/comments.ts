import type { FakeReply } from '#sdk/testing/fake_server'
import { FakeCommentStore, type StoredComment } from '#sdk/testing/fake_comments'
import { USER, redditError, type Post } from './model.js'

/** r2's POST_comment: `VMarkdownLength(['text', 'comment'], max_length=10000)`. */
export const COMMENT_MAX = 10_000

/**
 * Comments after r2's POST_comment (reddit-archive, r2/controllers/api.py): `thing_id` (or
 * `parent`) is the fullname of a link (`t3_`, a top-level comment) or a comment (`t1_`, a reply),
 * `text` the markdown body, ≤ 10,000 characters; the comment is the user's. With api_type=json
 * the answer is `json.data.things[0]` (a `t1`), and refusals come as `json.errors` with HTTP 200.
 */
export class FakeRedditComments {
  readonly store = new FakeCommentStore()
  #next = 0x7c0000

  constructor(private posts: Map<string, Post>) {}

  create(body: Record<string, any>): FakeReply {
    if (body.api_type !== 'json') return { status: 400, text: 'api_type=json expected' }
    const parentId = String(body.thing_id ?? body.parent ?? '')
    const link = this.#linkOf(parentId)
    if (!link) return redditError('NO_THING_ID', 'id not specified', 'parent')
    const text = String(body.text ?? body.comment ?? '')
    if (!text.trim()) return redditError('NO_TEXT', 'we need something here', 'text')
    if (text.length > COMMENT_MAX)
      return redditError('TOO_LONG', `this is too long (max: ${COMMENT_MAX})`, 'text')
    const comment = this.store.add({
      id: `t1_${(this.#next++).toString(36)}`,
      inReplyTo: parentId,
      authorId: USER.name,
      text,
      media: [],
    })
    return { json: { json: { errors: [], data: { things: [this.thing(comment)] } } } }
  }

  /** A comment as Reddit lists it (a `t1` thing). */
  thing(comment: StoredComment) {
    const link = this.#linkOf(comment.inReplyTo)!
    const id = comment.id.slice(3)
    return {
      kind: 't1',
      data: {
        name: comment.id,
        id,
        parent_id: comment.inReplyTo,
        link_id: link.id,
        subreddit: link.subreddit,
        author: comment.authorId,
        body: comment.text,
        permalink: `/r/${link.subreddit}/comments/${link.id.slice(3)}/_/${id}/`,
        created_utc: Math.floor(comment.createdAt.getTime() / 1000),
        score: comment.likes + 1,
        ups: comment.likes + 1,
        replies: '',
      },
    }
  }

  /** The link a fullname belongs to: the link itself, or the link a comment sits in. */
  #linkOf(fullname: string): Post | undefined {
    if (fullname.startsWith('t3_')) {
      const post = this.posts.get(fullname)
      return post && post.hiddenFor === 0 ? post : undefined
    }
    const comment = this.store.get(fullname)
    return comment ? this.#linkOf(comment.inReplyTo) : undefined
  }
}
