import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { csvConfirmValidator, csvUploadValidator } from '#validators/api'
import { parsePostsCsv } from '#services/csv/parse_posts'
import { checkRows } from '#services/csv/validate_rows'
import { loadImport, saveImport, takeImport } from '#services/csv/import_store'
import { scheduleRows } from '#actions/posts/schedule_csv_rows'
import { exportPostsCsv } from '#services/csv/export_posts'

/** How many valid rows the preview lists (errors are always listed in full). */
const PREVIEW_ROWS = 100

/** Bulk CSV: upload → preview with per-row errors (nothing written) → confirm schedules; and export. */
export default class CsvImportController {
  async create({ inertia, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    return inertia.render('import/index', {})
  }

  async upload({ request, response, workspace, member, bouncer, auth, session }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    const { file } = await request.validateUsing(csvUploadValidator)
    const parsed = parsePostsCsv(await readFile(file.tmpPath!, 'utf8'))
    if (parsed.status !== 'ok') {
      session.flashErrors({ file: parsed.message })
      return response.redirect().toRoute('workspace.import.create', { workspace: workspace.slug })
    }
    const id = await saveImport(workspace.id, auth.user!.id, {
      fileName: file.clientName,
      records: parsed.records,
    })
    return response
      .redirect()
      .toRoute('workspace.import.preview', { workspace: workspace.slug }, { qs: { id } })
  }

  async preview({ request, response, inertia, workspace, member, bouncer, auth }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    const id = String(request.input('id', ''))
    const stored = /^[0-9a-f-]{36}$/.test(id)
      ? await loadImport(workspace.id, auth.user!.id, id)
      : null
    if (!stored)
      return response.redirect().toRoute('workspace.import.create', { workspace: workspace.slug })
    const rows = await checkRows(stored.records, workspace)
    const valid = rows.filter((row) => !row.errors.length)
    return inertia.render('import/preview', {
      importId: id,
      fileName: stored.fileName,
      total: rows.length,
      validCount: valid.length,
      invalid: rows.filter((row) => row.errors.length),
      sample: valid.slice(0, PREVIEW_ROWS),
    })
  }

  async confirm({
    request,
    response,
    workspace,
    member,
    bouncer,
    auth,
    session,
    i18n,
  }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    const { importId } = await request.validateUsing(csvConfirmValidator)
    const stored = await takeImport(workspace.id, auth.user!.id, importId)
    if (!stored) {
      session.flash('error', i18n.t('api.import.expired'))
      return response.redirect().toRoute('workspace.import.create', { workspace: workspace.slug })
    }
    // Checked again: time passed and accounts may have changed since the preview.
    const rows = (await checkRows(stored.records, workspace)).filter((row) => !row.errors.length)
    const report = await scheduleRows(rows, workspace, { user: auth.user!, member })
    session.flash(
      'success',
      i18n.t('api.import.done', {
        scheduled: report.scheduled,
        pending: report.pendingApproval,
        failed: report.failed.length,
      })
    )
    return response.redirect().toRoute('workspace.posts.index', { workspace: workspace.slug })
  }

  async export({ response, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header('content-disposition', `attachment; filename="${workspace.slug}-posts.csv"`)
    return response.stream(exportPostsCsv(workspace))
  }
}
