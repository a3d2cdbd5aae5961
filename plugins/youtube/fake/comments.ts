import type { FakeReply, FakeRequest, FakeServer } from '#sdk/testing/fake_server'
import { FakeCommentStore, type StoredComment } from '#sdk/testing/fake_comments'
import { googleError, spec, unknownQuery } from './replies.js'
import type { Video } from './uploads.js'

const PATH = '/youtube/v3/commentThreads'
/** commentThreads.insert's security in the discovery document. */
export const FORCE_SSL = 'https://www.googleapis.com/auth/youtube.force-ssl'
/** YouTube refuses longer comments (commentTextTooLong); the figure is not in the document (u). */
export const COMMENT_MAX = 10_000

spec.precompile(['POST', PATH, 'application/json'])

/** What the comment routes need from the YouTube fake. */
export interface CommentHost {
  /** Null when the bearer token is live, else Google's 401. */
  denied(request: FakeRequest): FakeReply | null
  hasScope(token: string, scope: string): boolean
  channelOf(token: string): string
  videos: Map<string, Video>
  newId(): string
}

/**
 * commentThreads after the discovery-derived OpenAPI document: insert (POST ?part=snippet, the
 * CommentThread body validated against the document; youtube.force-ssl scope) starts a thread
 * whose top-level comment is by the token's channel on `snippet.videoId`; list (GET
 * ?part=snippet&videoId=… or &id=…) reads them back with the comment's likeCount and the
 * thread's totalReplyCount.
 */
export class FakeYouTubeComments {
  readonly store = new FakeCommentStore()

  constructor(private host: CommentHost) {}

  routes(s: FakeServer) {
    s.route('POST', PATH, (request) => this.#insert(request))
    s.route('GET', PATH, (request) => this.#list(request))
  }

  #insert(request: FakeRequest): FakeReply {
    const denied = this.host.denied(request)
    if (denied) return denied
    if (!this.host.hasScope(request.bearer!, FORCE_SSL))
      return googleError(
        403,
        'Request had insufficient authentication scopes.',
        'insufficientPermissions'
      )
    if (!(request.query.get('part') ?? '').split(',').includes('snippet'))
      return googleError(400, 'part=snippet is required', 'missingRequiredParameter')
    const problems = spec.validateBody('POST', PATH, 'application/json', request.body)
    if (problems.length) return googleError(400, problems.join('; '), 'invalidParameter')
    const snippet = request.body.snippet ?? {}
    const video = this.host.videos.get(String(snippet.videoId ?? ''))
    if (!video)
      return googleError(
        404,
        'The video identified by the videoId parameter could not be found.',
        'videoNotFound'
      )
    const text = snippet.topLevelComment?.snippet?.textOriginal
    if (typeof text !== 'string' || !text.trim())
      return googleError(400, 'The comment text is empty.', 'commentTextRequired')
    if (text.length > COMMENT_MAX)
      return googleError(400, 'The comment text is too long.', 'commentTextTooLong')
    const comment = this.store.add({
      id: `Ugz${this.host.newId()}`,
      inReplyTo: video.id,
      authorId: this.host.channelOf(request.bearer!),
      text,
      media: [],
    })
    return { json: this.#thread(comment, video) }
  }

  #list(request: FakeRequest): FakeReply {
    const denied = this.host.denied(request) ?? unknownQuery(request, PATH)
    if (denied) return denied
    const videoId = request.query.get('videoId')
    const ids = (request.query.get('id') ?? '').split(',').filter(Boolean)
    if (!request.query.get('part') || (!videoId && !ids.length))
      return googleError(400, 'part and a filter are required', 'missingRequiredParameter')
    const found = videoId ? this.store.on(videoId) : ids.map((id) => this.store.get(id))
    const items = found
      .filter((comment): comment is StoredComment => !!comment)
      .reverse()
      .slice(0, Math.min(Number(request.query.get('maxResults') ?? 20), 100))
      .map((comment) => this.#thread(comment, this.host.videos.get(comment.inReplyTo)!))
    return {
      json: {
        kind: 'youtube#commentThreadListResponse',
        pageInfo: { totalResults: items.length, resultsPerPage: items.length },
        items,
      },
    }
  }

  /** A CommentThread resource; the thread and its top-level comment share one id. */
  #thread(comment: StoredComment, video: Video) {
    const at = comment.createdAt.toISOString()
    return {
      kind: 'youtube#commentThread',
      id: comment.id,
      snippet: {
        channelId: video.channelId,
        videoId: video.id,
        canReply: true,
        isPublic: true,
        totalReplyCount: comment.replies,
        topLevelComment: {
          kind: 'youtube#comment',
          id: comment.id,
          snippet: {
            channelId: video.channelId,
            videoId: video.id,
            textDisplay: comment.text,
            textOriginal: comment.text,
            authorChannelId: { value: comment.authorId },
            canRate: true,
            viewerRating: 'none',
            likeCount: comment.likes,
            publishedAt: at,
            updatedAt: at,
          },
        },
      },
    }
  }
}
