import type { HttpContext } from '@adonisjs/core/http'
import { createReviewLink } from '#actions/reviews/create_review_link'
import { revokeReviewLink } from '#actions/reviews/revoke_review_link'
import PostComment from '#models/post_comment'
import ReviewLink from '#models/review_link'
import type User from '#models/user'
import { ApiError, notFound, validated } from '#services/api/errors'
import { findApiPost } from '#services/api/posts'
import { audit } from '#services/audit'
import { reviewRange } from '#services/reviews/link_input'
import { reviewUrl } from '#services/reviews/review_tokens'
import ReviewTransformer from '#transformers/review_transformer'
import { createReviewLinkValidator } from '#validators/reviews'

/** The API's view of a link: the settings row without the member-facing fields. */
function toApiLink(link: ReviewLink) {
  const { clientEmail: _email, createdBy: _by, ...row } = new ReviewTransformer(link).toObject()
  return row
}

/**
 * /api/v1/review-links and /api/v1/posts/:post/comments, for the token's workspace only.
 * Creating and revoking need a write token (the middleware checks the scope and the
 * member's role); the actions check that the member may edit content.
 */
export default class ApiReviewLinksController {
  async index({ workspace, member, bouncer }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const links = await ReviewLink.query()
      .where('workspace_id', workspace.id)
      .withCount('posts')
      .orderBy('id', 'desc')
      .limit(200)
    return { data: links.map(toApiLink) }
  }

  async store({ request, response, workspace, member, bouncer, apiActor }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const payload = await validated(() => request.validateUsing(createReviewLinkValidator))
    const range = reviewRange(workspace, payload)
    if (range === 'invalid' || (!range && !payload.postIds?.length))
      throw new ApiError(422, 'validation_failed', 'Give postIds, or from and to (at most 92 days)')
    const result = await createReviewLink({
      workspace,
      actor: apiActor,
      label: payload.label,
      postIds: payload.postIds,
      range: range ?? undefined,
      accountIds: payload.accountIds,
      expiresInDays: payload.expiresInDays ?? 14,
      password: payload.password ?? null,
      clientEmail: payload.clientEmail ?? null,
      locale: payload.locale ?? 'en',
    })
    if (result.status === 'forbidden')
      throw new ApiError(403, 'forbidden', 'The member this token acts as may not do that')
    if (result.status !== 'created')
      throw new ApiError(422, 'validation_failed', 'No post to share', { reason: result.status })
    await audit({
      actorId: apiActor.id,
      ip: request.ip(),
      action: 'review_link.created',
      workspaceId: workspace.id,
      subjectType: 'review_link',
      subjectId: result.link.id,
      meta: { label: result.link.label, via: 'api' },
    })
    const link = await ReviewLink.query()
      .where('id', result.link.id)
      .withCount('posts')
      .firstOrFail()
    return response.status(201).send({ data: { ...toApiLink(link), url: reviewUrl(result.token) } })
  }

  async destroy({ params, request, response, workspace, member, bouncer, apiActor }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const link = await ReviewLink.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.link) || 0)
      .first()
    if (!link) throw notFound('Review link')
    await revokeReviewLink(link)
    await audit({
      actorId: apiActor.id,
      ip: request.ip(),
      action: 'review_link.revoked',
      workspaceId: workspace.id,
      subjectType: 'review_link',
      subjectId: link.id,
      meta: { label: link.label, via: 'api' },
    })
    return response.noContent()
  }

  async comments({ params, workspace, member, bouncer }: HttpContext) {
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('view', member, post)
    const comments = await PostComment.query()
      .where('workspace_id', workspace.id)
      .where('post_id', post.id)
      .preload('author')
      .orderBy('id')
      .limit(500)
    return {
      data: comments.map((comment) => ({
        id: comment.id,
        postId: comment.postId,
        source: comment.source,
        kind: comment.kind,
        author:
          comment.source === 'client'
            ? comment.clientName
            : ((comment.author as User | null)?.fullName ?? null),
        body: comment.body,
        createdAt: comment.createdAt.toUTC().toISO()!,
        editedAt: comment.editedAt?.toUTC().toISO() ?? null,
      })),
    }
  }
}
