import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { FakeCommentStore, type StoredComment } from '#sdk/testing/fake_comments'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { downloadProblem } from '../../_meta/fake/containers.js'
import { graphError, graphTime, paramsOf } from '../../_meta/fake/graph_replies.js'

const pagePost = new CodegenParams(new URL('./spec/meta-codegen-PagePost.json', import.meta.url))
const READ_PARAMS = ['fields', 'limit', 'after', 'before', 'access_token', 'appsecret_proof']
/** Facebook's comment box takes 8,000 characters (not in facebook/FLOW.md: unverified). */
export const COMMENT_MAX = 8000

/** What the comment routes need from the Facebook fake. */
export interface CommentHost {
  /** The Page that owns this post, or null when there is no such post. */
  pageOfPost(postId: string): string | null
  /** Null when the request carries a live token of this very Page, else Graph's refusal. */
  deniedAsPage(request: FakeRequest, pageId: string): FakeReply | null
  granted(request: FakeRequest, permission: string): boolean
  pageName(pageId: string): string
  /** Marks an unpublished photo of the Page as used; false when it is no such photo or was used. */
  takePhoto(pageId: string, photoId: string): { altText: string | null } | null
  newId(): string
}

/**
 * Comments on Page posts after the PagePost `comments` edge (Meta codegen in spec/): POST
 * /{post-id}/comments as the Page, with `message` and at most one image (an unpublished photo
 * of the Page by `attachment_id`, or an `attachment_url` Facebook downloads); the edge lists
 * them; a comment node read answers message, from, like_count and comment_count. Commenting as
 * the Page needs `pages_manage_engagement` (facebook/FLOW.md scopes).
 */
export class FakeFacebookComments {
  readonly store = new FakeCommentStore()

  constructor(private host: CommentHost) {}

  routes(s: FakeServer) {
    s.route('POST', '/:ver/:node/comments', (request) => this.#create(request))
    s.route('GET', '/:ver/:node/comments', (request) => this.#list(request))
  }

  /** A comment node read, or null when `id` is no comment. */
  read(request: FakeRequest, id: string): FakeReply | null {
    const comment = this.store.get(id)
    if (!comment) return null
    const denied = this.host.deniedAsPage(request, comment.authorId)
    return (
      denied ?? {
        json: { ...this.#json(comment), like_count: comment.likes, comment_count: comment.replies },
      }
    )
  }

  async #create(request: FakeRequest): Promise<FakeReply> {
    const postId = request.params.node
    const pageId = this.host.pageOfPost(postId)
    if (!pageId) return missing(postId)
    const fields = paramsOf(request)
    const problems = pagePost.check('POST', 'comments', fields)
    const denied =
      this.host.deniedAsPage(request, pageId) ??
      (problems.length ? graphError(problems.join('; '), 100, 400, 'GraphMethodException') : null)
    if (denied) return denied
    if (!this.host.granted(request, 'pages_manage_engagement'))
      return graphError(
        '(#200) The permission(s) pages_manage_engagement are not available. It could be because it was not granted or the app is not approved',
        200,
        403
      )
    const message = String(fields.message ?? '')
    if (!message.trim() && !fields.attachment_id && !fields.attachment_url)
      return graphError('(#100) Missing message or attachment', 100)
    if ([...message].length > COMMENT_MAX)
      return graphError(`(#100) The comment is longer than ${COMMENT_MAX} characters`, 100)
    if (fields.attachment_id && fields.attachment_url)
      return graphError('(#100) Only one attachment is allowed per comment', 100)
    let media: StoredComment['media'] = []
    if (fields.attachment_id) {
      const photo = this.host.takePhoto(pageId, fields.attachment_id)
      if (!photo)
        return graphError('(#100) attachment_id must be an unpublished photo of this Page', 100)
      media = [{ kind: 'image', altText: photo.altText }]
    } else if (fields.attachment_url) {
      if (await downloadProblem(fields.attachment_url, 'image'))
        return graphError('(#100) The attachment_url could not be downloaded as an image', 100)
      media = [{ kind: 'image', altText: null }]
    }
    // A comment id is the post's object id and the comment's own, joined like a post id.
    const comment = this.store.add({
      id: `${postId.split('_').pop()}_${this.host.newId()}`,
      inReplyTo: postId,
      authorId: pageId,
      text: message,
      media,
    })
    return { json: { id: comment.id } }
  }

  #list(request: FakeRequest): FakeReply {
    const postId = request.params.node
    const pageId = this.host.pageOfPost(postId)
    if (!pageId) return missing(postId)
    const query = Object.fromEntries(request.query)
    const problems = pagePost.check(
      'GET',
      'comments',
      Object.fromEntries(Object.entries(query).filter(([key]) => !READ_PARAMS.includes(key)))
    )
    const denied =
      this.host.deniedAsPage(request, pageId) ??
      (problems.length ? graphError(problems.join('; '), 100, 400, 'GraphMethodException') : null)
    if (denied) return denied
    const oldestFirst = this.store.on(postId)
    const list = query.order === 'reverse_chronological' ? oldestFirst.reverse() : oldestFirst
    return {
      json: { data: list.slice(0, Number(query.limit ?? 25)).map((c) => this.#json(c)) },
    }
  }

  #json(comment: StoredComment) {
    return {
      id: comment.id,
      message: comment.text,
      created_time: graphTime(comment.createdAt),
      from: { id: comment.authorId, name: this.host.pageName(comment.authorId) },
      ...(comment.media.length ? { attachment: { type: 'photo' } } : {}),
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
