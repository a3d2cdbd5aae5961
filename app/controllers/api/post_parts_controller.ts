import type { HttpContext } from '@adonisjs/core/http'
import { retryPartsFrom } from '#actions/posts/retry_parts'
import { actorOf } from '#policies/actor'
import { retryPartsValidator } from '#validators/parts'
import { ApiError, validated } from '#services/api/errors'
import { findApiPost, reloadApiPost } from '#services/api/posts'
import { toApiPost } from '#services/api/serializers'

/** /api/v1/posts/:post/deliveries/:delivery/retry-parts: a stopped thread sent on from part N. */
export default class ApiPostPartsController {
  async retry(ctx: HttpContext) {
    const { params, request, workspace, member, bouncer } = ctx
    const post = await findApiPost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const { from } = await validated(() => request.validateUsing(retryPartsValidator))
    const result = await retryPartsFrom({
      post,
      deliveryId: Number(params.delivery),
      from,
      actor: actorOf(ctx),
    })
    switch (result.status) {
      case 'queued':
        return { data: toApiPost(await reloadApiPost(post)) }
      case 'not_found':
        throw new ApiError(404, 'not_found', 'Delivery not found')
      case 'forbidden':
        throw new ApiError(403, 'insufficient_role', 'Your role cannot edit this post')
      case 'wrong_part':
        throw new ApiError(422, 'validation_failed', 'The chain stopped at another part', {
          stoppedAt: result.stoppedAt,
        })
      default:
        throw new ApiError(409, 'conflict', 'No part of this delivery stopped its thread')
    }
  }
}
