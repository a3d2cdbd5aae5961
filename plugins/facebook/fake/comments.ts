import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { StoredComment } from '#sdk/testing/fake_comments'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { downloadProblem } from '../../_meta/fake/containers.js'
import { graphError, graphTime } from '../../_meta/fake/graph_replies.js'
import {
  FakeMetaComments,
  refusedParam,
  type CommentContent,
} from '../../_meta/fake/comments_edge.js'

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
export class FakeFacebookComments extends FakeMetaComments {
  protected readonly spec = new CodegenParams(
    new URL('./spec/meta-codegen-PagePost.json', import.meta.url)
  )
  protected readonly permission = {
    name: 'pages_manage_engagement',
    refusal: () =>
      graphError(
        '(#200) The permission(s) pages_manage_engagement are not available. It could be because it was not granted or the app is not approved',
        200,
        403
      ),
  }

  constructor(private host: CommentHost) {
    super()
  }

  protected ownerOf(postId: string) {
    return this.host.pageOfPost(postId)
  }

  protected denied(request: FakeRequest, pageId: string) {
    return this.host.deniedAsPage(request, pageId)
  }

  protected granted(request: FakeRequest, permission: string) {
    return this.host.granted(request, permission)
  }

  protected invalidParams(problems: string[]) {
    return graphError(problems.join('; '), 100, 400, 'GraphMethodException')
  }

  protected async content(fields: Record<string, string>, pageId: string): Promise<CommentContent> {
    const text = String(fields.message ?? '')
    if (!text.trim() && !fields.attachment_id && !fields.attachment_url)
      return refusedParam('Missing message or attachment')
    if ([...text].length > COMMENT_MAX)
      return refusedParam(`The comment is longer than ${COMMENT_MAX} characters`)
    if (fields.attachment_id && fields.attachment_url)
      return refusedParam('Only one attachment is allowed per comment')
    if (fields.attachment_id) {
      const photo = this.host.takePhoto(pageId, fields.attachment_id)
      if (!photo) return refusedParam('attachment_id must be an unpublished photo of this Page')
      return { text, media: [{ kind: 'image', altText: photo.altText }] }
    }
    if (fields.attachment_url) {
      if (await downloadProblem(fields.attachment_url, 'image'))
        return refusedParam('The attachment_url could not be downloaded as an image')
      return { text, media: [{ kind: 'image', altText: null }] }
    }
    return { text, media: [] }
  }

  /** A comment id is the post's object id and the comment's own, joined like a post id. */
  protected newCommentId(postId: string) {
    return `${postId.split('_').pop()}_${this.host.newId()}`
  }

  protected listed(oldestFirst: StoredComment[], query: Record<string, string>) {
    const list = query.order === 'reverse_chronological' ? oldestFirst.reverse() : oldestFirst
    return list.slice(0, Number(query.limit ?? 25))
  }

  protected json(comment: StoredComment) {
    return {
      id: comment.id,
      message: comment.text,
      created_time: graphTime(comment.createdAt),
      from: { id: comment.authorId, name: this.host.pageName(comment.authorId) },
      ...(comment.media.length ? { attachment: { type: 'photo' } } : {}),
    }
  }

  protected figures(comment: StoredComment) {
    return { like_count: comment.likes, comment_count: comment.replies }
  }
}
