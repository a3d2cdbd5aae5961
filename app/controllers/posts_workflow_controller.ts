import type { HttpContext } from '@adonisjs/core/http'
import { approvePost } from '#actions/posts/approve_post'
import { rejectPost } from '#actions/posts/reject_post'
import { dispatchPost, type Dispatch } from '#actions/posts/dispatch_post'
import { actorOf } from '#policies/actor'
import { findWorkspacePost } from '#services/posts/find_post'
import { scheduleTime } from '#services/posts/schedule_time'
import { dispatchMessage, timeMessage, workspaceTime } from '#services/posts/outcome_messages'
import { approvePostValidator, rejectPostValidator, schedulePostValidator } from '#validators/posts'
import { fieldError } from '#validators/workspaces'

/**
 * A saved post's next step, from the list or the detail page: schedule (at a time or in
 * the next queue slot), publish now, send for approval, approve, reject with a comment.
 * Each loads the post within the workspace (404) before reading the body.
 */
export default class PostsWorkflowController {
  async schedule(ctx: HttpContext) {
    const post = await findWorkspacePost(ctx.workspace.id, ctx.params.post)
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member, post)
    const payload = await ctx.request.validateUsing(schedulePostValidator)
    const time = await scheduleTime(ctx.workspace, payload)
    if (time.status !== 'ok') throw fieldError('at', timeMessage(ctx.i18n, time))
    return this.#run(ctx, post, { intent: 'schedule', at: time.at }, time)
  }

  async publishNow(ctx: HttpContext) {
    const post = await findWorkspacePost(ctx.workspace.id, ctx.params.post)
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member, post)
    return this.#run(ctx, post, { intent: 'publish' }, null)
  }

  async submit(ctx: HttpContext) {
    const post = await findWorkspacePost(ctx.workspace.id, ctx.params.post)
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member, post)
    return this.#run(ctx, post, { intent: 'submit' }, null)
  }

  async approve({
    params,
    request,
    response,
    session,
    i18n,
    workspace,
    member,
    bouncer,
    auth,
  }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    // Role only here: the action refuses an author's own post with a message, not a 403.
    await bouncer.with('PostPolicy').authorize('review', member)
    const { comment } = await request.validateUsing(approvePostValidator)
    const result = await approvePost({ post, reviewer: { user: auth.user!, member }, comment })
    if (result.status === 'scheduled') {
      session.flash(
        'success',
        i18n.t('posts.flash.approvedScheduled', {
          date: workspaceTime(result.post.scheduledAt!, workspace.timezone, i18n.locale),
        })
      )
    } else {
      session.flash(
        result.status === 'approved' ? 'success' : 'error',
        i18n.t(`posts.flash.${result.status}`)
      )
    }
    return response.redirect().back()
  }

  async reject({
    params,
    request,
    response,
    session,
    i18n,
    workspace,
    member,
    bouncer,
    auth,
  }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    // Role only here: the action refuses an author's own post with a message, not a 403.
    await bouncer.with('PostPolicy').authorize('review', member)
    const { comment } = await request.validateUsing(rejectPostValidator)
    const result = await rejectPost({ post, reviewer: { user: auth.user!, member }, comment })
    session.flash(
      result.status === 'rejected' ? 'success' : 'error',
      i18n.t(`posts.flash.${result.status}`)
    )
    return response.redirect().back()
  }

  async #run(
    ctx: HttpContext,
    post: Parameters<typeof dispatchPost>[0],
    action: Dispatch,
    time: Parameters<typeof dispatchMessage>[2]['time']
  ) {
    const { response, session, i18n, workspace } = ctx
    const outcome = await dispatchPost(post, actorOf(ctx), action)
    const message = dispatchMessage(i18n, outcome, {
      intent: action.intent,
      time,
      timezone: workspace.timezone,
    })
    session.flash(message.kind, message.text)
    return response.redirect().back()
  }
}
