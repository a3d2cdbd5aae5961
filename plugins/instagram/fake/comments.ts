import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { FakeCommentStore, type StoredComment } from '#sdk/testing/fake_comments'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { graphError, graphTime, paramsOf } from '../../_meta/fake/graph_replies.js'

const igMedia = new CodegenParams(new URL('./spec/meta-codegen-IGMedia.json', import.meta.url))
/** Read parameters every Graph edge accepts; the codegen lists only the edge's own. */
const READ_PARAMS = ['fields', 'limit', 'after', 'before', 'access_token', 'appsecret_proof']
/**
 * A comment is held to the caption's 2,200 characters (instagram/FLOW.md gives no figure of its
 * own for comments; the caption limit is the one Instagram's composer shows for both).
 */
export const COMMENT_MAX = 2200

/** What the comment routes need from the Instagram fake. */
export interface CommentHost {
  /** The IG user who owns this media, or null when there is no such media. */
  ownerOfMedia(mediaId: string): string | null
  /** Null when the request's token may act for this IG user, else Graph's refusal. */
  denied(request: FakeRequest, igUserId: string): FakeReply | null
  /** Whether the request's token was granted this permission at login. */
  granted(request: FakeRequest, permission: string): boolean
  usernameOf(igUserId: string): string
  newId(): string
}

/**
 * Comments on IG Media after the IGMedia `comments` edge and the IGComment node (Meta codegen in
 * spec/): POST /{ig-media-id}/comments with `message` (the only content a comment takes: no
 * media), made by the IG user that owns the media; GET of the edge lists them; GET of a comment
 * node answers its text, media and like_count. A comment needs the `instagram_manage_comments`
 * permission (FLOW.md scopes; Meta's comment-moderation guide).
 */
export class FakeInstagramComments {
  readonly store = new FakeCommentStore()

  constructor(private host: CommentHost) {}

  routes(s: FakeServer) {
    s.route('POST', '/:ver/:media/comments', (request) => this.#create(request))
    s.route('GET', '/:ver/:media/comments', (request) => this.#list(request))
  }

  /** A comment node read (`GET /{ig-comment-id}`), or null when `id` is no comment. */
  read(request: FakeRequest, id: string): FakeReply | null {
    const comment = this.store.get(id)
    if (!comment) return null
    const denied = this.host.denied(request, comment.authorId)
    return denied ?? { json: { ...this.#json(comment), like_count: comment.likes } }
  }

  #create(request: FakeRequest): FakeReply {
    const mediaId = request.params.media
    const owner = this.host.ownerOfMedia(mediaId)
    if (!owner) return missing(mediaId)
    const fields = paramsOf(request)
    const problems = igMedia.check('POST', 'comments', fields)
    const denied =
      this.host.denied(request, owner) ??
      (problems.length ? graphError(problems.join('; '), 100) : null)
    if (denied) return denied
    if (!this.host.granted(request, 'instagram_manage_comments'))
      return graphError(
        '(#10) Application does not have permission for this action: instagram_manage_comments',
        10,
        403
      )
    const message = String(fields.message ?? '')
    // The reference marks `message` required even though the codegen does not.
    if (!message.trim()) return graphError('(#100) The parameter message is required', 100)
    if ([...message].length > COMMENT_MAX)
      return graphError(`(#100) The comment is longer than ${COMMENT_MAX} characters`, 100)
    const comment = this.store.add({
      id: this.host.newId(),
      inReplyTo: mediaId,
      authorId: owner,
      text: message,
      media: [],
    })
    return { json: { id: comment.id } }
  }

  #list(request: FakeRequest): FakeReply {
    const mediaId = request.params.media
    const owner = this.host.ownerOfMedia(mediaId)
    if (!owner) return missing(mediaId)
    const query = Object.fromEntries(request.query)
    const problems = igMedia.check(
      'GET',
      'comments',
      Object.fromEntries(Object.entries(query).filter(([key]) => !READ_PARAMS.includes(key)))
    )
    const denied =
      this.host.denied(request, owner) ??
      (problems.length ? graphError(problems.join('; '), 100) : null)
    if (denied) return denied
    // Graph lists the newest first.
    const list = this.store
      .on(mediaId)
      .reverse()
      .slice(0, Number(query.limit ?? 25))
    return { json: { data: list.map((comment) => this.#json(comment)) } }
  }

  #json(comment: StoredComment) {
    return {
      id: comment.id,
      text: comment.text,
      timestamp: graphTime(comment.createdAt),
      username: this.host.usernameOf(comment.authorId),
      from: { id: comment.authorId, username: this.host.usernameOf(comment.authorId) },
      media: { id: comment.inReplyTo },
    }
  }
}

const missing = (id: string) =>
  graphError(
    `(#100) Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
    100,
    400,
    'GraphMethodException'
  )
