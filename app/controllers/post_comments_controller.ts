import type { HttpContext } from '@adonisjs/core/http'
import { addComment } from '#actions/reviews/add_comment'
import { deleteComment, editComment } from '#actions/reviews/edit_comment'
import PostComment from '#models/post_comment'
import NotFoundException from '#exceptions/not_found_exception'
import { findWorkspacePost } from '#services/posts/find_post'
import { postCommentValidator } from '#validators/reviews'

/**
 * A post's internal thread: members who may edit content write, edit and delete their own
 * comments. The post is loaded inside the workspace (404), then the comment inside the post.
 */
export default class PostCommentsController {
  async store({
    params,
    request,
    response,
    workspace,
    member,
    bouncer,
    auth,
    session,
    i18n,
  }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const { body } = await request.validateUsing(postCommentValidator)
    await addComment({ post, author: auth.getUserOrFail(), body })
    session.flash('success', i18n.t('reviews.comments.flash.added'))
    return response.redirect().back()
  }

  async update(ctx: HttpContext) {
    const { post, comment } = await this.#find(ctx)
    await ctx.bouncer.with('WorkspacePolicy').authorize('editContent', ctx.member)
    const { body } = await ctx.request.validateUsing(postCommentValidator)
    const result = await editComment({ post, comment, actor: ctx.auth.getUserOrFail(), body })
    this.#flash(ctx, result.status, 'edited')
    return ctx.response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    const { comment } = await this.#find(ctx)
    await ctx.bouncer.with('WorkspacePolicy').authorize('editContent', ctx.member)
    const result = await deleteComment({ comment, actor: ctx.auth.getUserOrFail() })
    this.#flash(ctx, result.status, 'deleted')
    return ctx.response.redirect().back()
  }

  async #find({ params, workspace }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    const comment = await PostComment.query()
      .where('workspace_id', workspace.id)
      .where('post_id', post.id)
      .where('id', Number(params.postComment) || 0)
      .first()
    if (!comment) throw new NotFoundException()
    return { post, comment }
  }

  #flash({ session, i18n }: HttpContext, status: 'ok' | 'forbidden', done: string) {
    session.flash(
      status === 'ok' ? 'success' : 'error',
      i18n.t(
        status === 'ok' ? `reviews.comments.flash.${done}` : 'reviews.comments.flash.forbidden'
      )
    )
  }
}
