import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { FakeCommentStore, type StoredComment } from '#sdk/testing/fake_comments'
import type { LinkedInAssets } from './assets.js'
import type { Post } from './posts.js'
import { error, mayActAs, type RestGate } from './rest.js'

/**
 * A comment's text is held to 1,250 characters: LinkedIn's figure for comments as client
 * libraries give it (linkedin/FLOW.md names none; unverified).
 */
export const COMMENT_MAX = 1250

/** What the comment routes need from the LinkedIn fake. */
export interface CommentHost {
  gate: RestGate
  assets: LinkedInAssets
  posts: Map<string, Post>
  newId(): string
}

/**
 * LinkedIn's Comments API (socialActions/{target}/comments, Community Management docs; the
 * third-party files in provider-specs do not cover it): POST with `actor` (the member or a Page
 * they administer, with w_member_social or w_organization_social), `object` (the same URN as the
 * path), `message.text` (plain text, no little-text escaping) and at most one image in
 * `content[].entity.image`; 201 with the comment (its `commentUrn` is also in x-restli-id);
 * GET lists a post's comments.
 */
export class FakeLinkedInComments {
  readonly store = new FakeCommentStore()

  constructor(private host: CommentHost) {}

  routes(s: FakeServer) {
    s.route('POST', '/rest/socialActions/:urn/comments', (request) => this.#create(request))
    s.route('GET', '/rest/socialActions/:urn/comments', (request) => {
      const denied = this.host.gate.rest(request)
      if (denied) return denied
      const target = request.params.urn
      if (!this.host.posts.has(target)) return error(404, `${target} not found`, 'NOT_FOUND')
      const count = Math.min(Number(request.query.get('count') ?? 10), 100)
      const list = this.store.on(target).slice(0, count)
      return {
        json: {
          paging: { start: 0, count, total: this.store.on(target).length, links: [] },
          elements: list.map((comment) => this.#json(comment)),
        },
      }
    })
  }

  #create(request: FakeRequest): FakeReply {
    const denied = this.host.gate.rest(request)
    if (denied) return denied
    const target = request.params.urn
    const body = request.body
    for (const field of ['actor', 'object', 'message']) {
      if (body[field] === undefined) return error(422, `/${field} is required`, 'FIELD_REQUIRED')
    }
    if (body.object !== target)
      return error(400, `/object ${body.object} does not match the path's ${target}`)
    if (!this.host.posts.has(target)) return error(404, `${target} not found`, 'NOT_FOUND')
    const actor = String(body.actor)
    const scope = actor.startsWith('urn:li:organization:')
      ? 'w_organization_social'
      : 'w_member_social'
    if (!mayActAs(actor) || !this.host.gate.can(request, scope))
      return error(403, `Not enough permissions to comment as ${actor}`, 'ACCESS_DENIED')
    const text = body.message?.text
    if (typeof text !== 'string' || !text.trim())
      return error(422, '/message/text is required', 'FIELD_REQUIRED')
    if (text.length > COMMENT_MAX)
      return error(422, `/message/text is longer than ${COMMENT_MAX} characters`)
    const media = this.#media(body.content, actor)
    if ('error' in media) return error(422, media.error)
    const id = this.host.newId()
    const comment = this.store.add({
      id: `urn:li:comment:(${target},${id})`,
      inReplyTo: target,
      authorId: actor,
      text,
      media: media.items,
    })
    return {
      status: 201,
      headers: { 'x-restli-id': comment.id },
      json: this.#json(comment),
    }
  }

  /** `content: [{entity: {image: urn}}]`: one AVAILABLE image of the actor's, or nothing. */
  #media(content: unknown, actor: string): { items: StoredComment['media'] } | { error: string } {
    if (content === undefined) return { items: [] }
    if (!Array.isArray(content) || content.length > 1)
      return { error: '/content takes one media entity' }
    const urn = content[0]?.entity?.image
    const asset = typeof urn === 'string' ? this.host.assets.get(urn) : undefined
    if (!asset || asset.kind !== 'image' || asset.owner !== actor)
      return { error: `/content/0/entity/image ${urn} is not an image of ${actor}` }
    if (asset.status !== 'AVAILABLE') return { error: `${urn} is ${asset.status}, not AVAILABLE` }
    return { items: [{ kind: 'image', altText: null }] }
  }

  #json(comment: StoredComment) {
    const time = comment.createdAt.getTime()
    return {
      id: comment.id.slice(comment.id.lastIndexOf(',') + 1, -1),
      commentUrn: comment.id,
      actor: comment.authorId,
      object: comment.inReplyTo,
      message: { text: comment.text, attributes: [] },
      ...(comment.media.length ? { content: [{ type: 'IMAGE' }] } : {}),
      created: { actor: comment.authorId, time },
      lastModified: { actor: comment.authorId, time },
      likesSummary: { totalLikes: comment.likes, likedByCurrentUser: false },
    }
  }
}
