import type { HttpContext } from '@adonisjs/core/http'
import LibraryItem from '#models/library_item'
import { saveLibraryItem } from '#actions/library/save_library_item'
import { libraryChoices, libraryRows } from '#services/library/library_page'
import { variableValues } from '#services/library/variable_values'
import { libraryItemValidator, librarySearchValidator } from '#validators/library'
import { auditRequest } from '#services/audit'
import { can } from '#services/roles'
import { DateTime } from 'luxon'
import { errors as vineErrors } from '@vinejs/vine'

/**
 * The content library page and the composer's pickers: every member reads, editors and
 * above add, change and delete (LibraryPolicy).
 */
export default class LibraryController {
  async index({ inertia, request, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('LibraryPolicy').authorize('view', member)
    const filters = await request.validateUsing(librarySearchValidator, { data: request.qs() })
    return inertia.render('library/index', {
      // Every kind is loaded: the tabs show their counts; the kind only picks the open tab.
      ...(await libraryRows(workspace.id, { q: filters.q })),
      ...(await libraryChoices(workspace)),
      filters: { kind: filters.kind ?? null, q: filters.q ?? '' },
      canEdit: can(member.role, 'editContent'),
    })
  }

  /** The composer's pickers: every item, and today's values of the variables for the previews. */
  async picker({ workspace, member, bouncer }: HttpContext) {
    await bouncer.with('LibraryPolicy').authorize('view', member)
    const { items, hashtagLimits } = await libraryRows(workspace.id, {})
    const values = await variableValues({ workspace, account: null, instant: DateTime.utc() })
    return { items, hashtagLimits, variables: values }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('LibraryPolicy').authorize('edit', ctx.member)
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    const item = await this.#find(ctx)
    await ctx.bouncer.with('LibraryPolicy').authorize('edit', ctx.member, item)
    return this.#save(ctx, item)
  }

  async destroy(ctx: HttpContext) {
    const { response, session, i18n, workspace, member, bouncer } = ctx
    const item = await this.#find(ctx)
    await bouncer.with('LibraryPolicy').authorize('edit', member, item)
    await item.delete()
    await auditRequest(ctx, {
      action: 'library.deleted',
      workspaceId: workspace.id,
      subjectType: 'library_item',
      subjectId: item.id,
      meta: { kind: item.kind, name: item.name },
    })
    session.flash('success', i18n.t('library.flash.deleted'))
    return response.redirect().back()
  }

  async #save(ctx: HttpContext, item?: LibraryItem) {
    const { request, response, session, i18n, workspace, auth } = ctx
    const input = await request.validateUsing(libraryItemValidator)
    const result = await saveLibraryItem({ workspace, actor: auth.user!, input, item })
    // A refusal reads like any field error of the form (the same bag the validator fills).
    if (result.status === 'refused') {
      const { field, code } = result.refusal
      const message = i18n.t(`library.errors.${code}`)
      throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: code }])
    }
    await auditRequest(ctx, {
      action: item ? 'library.updated' : 'library.created',
      workspaceId: workspace.id,
      subjectType: 'library_item',
      subjectId: result.item.id,
      meta: { kind: result.item.kind, name: result.item.name },
    })
    session.flash('success', i18n.t(`library.flash.${item ? 'updated' : 'created'}`))
    return response.redirect().back()
  }

  /** In this workspace first: another workspace's id is a 404 before the body is read. */
  #find({ params, workspace }: HttpContext) {
    return LibraryItem.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.libraryItem) || 0)
      .firstOrFail()
  }
}
