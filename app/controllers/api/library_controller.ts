import type { HttpContext } from '@adonisjs/core/http'
import LibraryItem from '#models/library_item'
import { saveLibraryItem } from '#actions/library/save_library_item'
import { actorOf } from '#policies/actor'
import { ApiError, notFound, validated } from '#services/api/errors'
import { audit } from '#services/audit'
import { hashtagLimits } from '#services/library/hashtag_limits'
import { libraryRows } from '#services/library/library_page'
import LibraryTransformer from '#transformers/library_transformer'
import { libraryItemValidator, librarySearchValidator } from '#validators/library'

/**
 * /api/v1/library: the token's workspace's templates, snippets, hashtag groups and
 * variables. Read tokens list and show; write tokens of editors and above change.
 */
export default class ApiLibraryController {
  async index({ request, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('LibraryPolicy').authorize('view', member)
    const filters = await validated(() => librarySearchValidator.validate(request.qs()))
    const { items } = await libraryRows(workspace.id, filters)
    return { data: items }
  }

  async show(ctx: HttpContext) {
    const item = await this.#find(ctx)
    await ctx.bouncer.with('LibraryPolicy').authorize('view', ctx.member, item)
    return { data: new LibraryTransformer(item, await hashtagLimits()).toObject() }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('LibraryPolicy').authorize('edit', ctx.member)
    ctx.response.status(201)
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    const item = await this.#find(ctx)
    await ctx.bouncer.with('LibraryPolicy').authorize('edit', ctx.member, item)
    return this.#save(ctx, item)
  }

  async destroy(ctx: HttpContext) {
    const item = await this.#find(ctx)
    await ctx.bouncer.with('LibraryPolicy').authorize('edit', ctx.member, item)
    await item.delete()
    await this.#audit(ctx, 'library.deleted', item)
    return ctx.response.noContent()
  }

  async #save(ctx: HttpContext, item?: LibraryItem) {
    const input = await validated(() => ctx.request.validateUsing(libraryItemValidator))
    const result = await saveLibraryItem({
      workspace: ctx.workspace,
      actor: actorOf(ctx).user,
      input,
      item,
    })
    if (result.status === 'refused')
      throw new ApiError(422, 'validation_failed', 'The library item was refused', [
        { field: result.refusal.field, rule: result.refusal.code },
      ])
    await this.#audit(ctx, item ? 'library.updated' : 'library.created', result.item)
    return { data: new LibraryTransformer(result.item, await hashtagLimits()).toObject() }
  }

  #audit(ctx: HttpContext, action: string, item: LibraryItem) {
    return audit({
      actorId: ctx.apiActor.id,
      ip: ctx.request.ip(),
      workspaceId: ctx.workspace.id,
      action,
      subjectType: 'library_item',
      subjectId: item.id,
      meta: { kind: item.kind, name: item.name, via: 'api' },
    })
  }

  async #find({ params, workspace }: HttpContext) {
    const id = Number(params.libraryItem)
    const item = Number.isInteger(id)
      ? await LibraryItem.query().where('workspace_id', workspace.id).where('id', id).first()
      : null
    if (!item) throw notFound('Library item')
    return item
  }
}
