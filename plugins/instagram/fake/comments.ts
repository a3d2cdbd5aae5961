import type { FakeReply, FakeRequest } from '#sdk/testing/fake_server'
import type { StoredComment } from '#sdk/testing/fake_comments'
import { CodegenParams } from '#sdk/testing/meta_codegen_params'
import { graphError, graphTime } from '../../_meta/fake/graph_replies.js'
import {
  FakeMetaComments,
  refusedParam,
  type CommentContent,
} from '../../_meta/fake/comments_edge.js'

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
export class FakeInstagramComments extends FakeMetaComments {
  protected readonly spec = new CodegenParams(
    new URL('./spec/meta-codegen-IGMedia.json', import.meta.url)
  )
  protected readonly permission = {
    name: 'instagram_manage_comments',
    refusal: () =>
      graphError(
        '(#10) Application does not have permission for this action: instagram_manage_comments',
        10,
        403
      ),
  }

  constructor(private host: CommentHost) {
    super()
  }

  protected ownerOf(mediaId: string) {
    return this.host.ownerOfMedia(mediaId)
  }

  protected denied(request: FakeRequest, igUserId: string) {
    return this.host.denied(request, igUserId)
  }

  protected granted(request: FakeRequest, permission: string) {
    return this.host.granted(request, permission)
  }

  protected invalidParams(problems: string[]) {
    return graphError(problems.join('; '), 100)
  }

  protected content(fields: Record<string, string>): CommentContent {
    const text = String(fields.message ?? '')
    // The reference marks `message` required even though the codegen does not.
    if (!text.trim()) return refusedParam('The parameter message is required')
    if ([...text].length > COMMENT_MAX)
      return refusedParam(`The comment is longer than ${COMMENT_MAX} characters`)
    return { text, media: [] }
  }

  protected newCommentId() {
    return this.host.newId()
  }

  /** Graph lists the newest first. */
  protected listed(oldestFirst: StoredComment[], query: Record<string, string>) {
    return oldestFirst.reverse().slice(0, Number(query.limit ?? 25))
  }

  protected json(comment: StoredComment) {
    return {
      id: comment.id,
      text: comment.text,
      timestamp: graphTime(comment.createdAt),
      username: this.host.usernameOf(comment.authorId),
      from: { id: comment.authorId, username: this.host.usernameOf(comment.authorId) },
      media: { id: comment.inReplyTo },
    }
  }

  protected figures(comment: StoredComment) {
    return { like_count: comment.likes }
  }
}
