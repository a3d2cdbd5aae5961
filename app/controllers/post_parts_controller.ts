import type { HttpContext } from '@adonisjs/core/http'
import { retryPartsFrom } from '#actions/posts/retry_parts'
import { actorOf } from '#policies/actor'
import { findWorkspacePost } from '#services/posts/find_post'
import { retryPartsValidator } from '#validators/parts'

/** A thread's follow-ups on the post page: "retry from part N" after a part stopped the chain. */
export default class PostPartsController {
  async retry(ctx: HttpContext) {
    const { params, request, response, session, i18n, workspace, member, bouncer } = ctx
    const post = await findWorkspacePost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const { from } = await request.validateUsing(retryPartsValidator)
    const result = await retryPartsFrom({
      post,
      deliveryId: Number(params.delivery),
      from,
      actor: actorOf(ctx),
    })
    if (result.status === 'not_found') return response.notFound()
    session.flash(
      result.status === 'queued' ? 'success' : 'error',
      i18n.t(`threads.flash.${result.status}`, {
        part: from,
        stoppedAt: result.status === 'wrong_part' ? result.stoppedAt : from,
      })
    )
    return response.redirect().back()
  }
}
