import type { HttpContext } from '@adonisjs/core/http'
import DataExport from '#models/data_export'
import { auditRequest } from '#services/audit'
import { inventoryFor } from '#services/privacy/inventory'
import { processingRestrictedSince, setProcessingRestricted } from '#services/privacy/restriction'
import { EXPORT_TTL_DAYS, exportFilePath } from '#services/privacy/exports'
import { deleteAccount, deletionPlan } from '#actions/privacy/delete_account'
import { requestDataExport } from '#actions/privacy/request_data_export'
import { deleteAccountValidator, restrictionValidator } from '#validators/privacy'
import { formError } from '#validators/accounts'
import { exportDownloadUrl } from '#mails/data_export_ready_mail'

/** Settings → Privacy: what is stored about me, my export, restriction, deletion. User-level, not workspace-scoped. */
export default class PrivacyController {
  async show({ auth, inertia }: HttpContext) {
    const user = auth.getUserOrFail()
    const exports = await DataExport.query()
      .where('user_id', user.id)
      .orderBy('id', 'desc')
      .limit(5)
    const restrictedSince = await processingRestrictedSince(user.id)
    const plan = await deletionPlan(user)
    return inertia.render('privacy/show', {
      inventory: await inventoryFor(user.id),
      restrictedSince: restrictedSince?.toISO() ?? null,
      exports: exports.map((row) => ({
        id: row.id,
        status: row.status,
        createdAt: row.createdAt.toISO()!,
        expiresAt: row.expiresAt.toISO()!,
        sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
        downloadUrl:
          row.status === 'ready' && row.expiresAt.diffNow().toMillis() > 0
            ? exportDownloadUrl(row, false)
            : null,
      })),
      exportTtlDays: EXPORT_TTL_DAYS,
      deletion: { deleted: plan.deleted, left: plan.left, blocking: plan.blocking },
    })
  }

  async requestExport(ctx: HttpContext) {
    const { auth, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const result = await requestDataExport(user)
    if (!result.ok) {
      session.flash('error', i18n.t('privacy.export.alreadyPending'))
      return response.redirect().toRoute('privacy.show')
    }
    await auditRequest(ctx, {
      action: 'privacy.export_requested',
      subjectType: 'data_export',
      subjectId: result.dataExport.id,
    })
    session.flash('success', i18n.t('privacy.export.requested'))
    return response.redirect().toRoute('privacy.show')
  }

  /** Needs both the signature of the mailed link (still valid) and the owner's session. */
  async download(ctx: HttpContext) {
    const { auth, params, request, response } = ctx
    const user = auth.getUserOrFail()
    if (!request.hasValidSignature('data-export'))
      return response.forbidden('This download link is invalid or has expired.')
    const dataExport = await DataExport.query()
      .where('id', params.export)
      .where('user_id', user.id)
      .first()
    if (
      !dataExport ||
      dataExport.status !== 'ready' ||
      !dataExport.fileKey ||
      dataExport.expiresAt.diffNow().toMillis() <= 0
    ) {
      return response.notFound('This export does not exist or has expired.')
    }
    await auditRequest(ctx, {
      action: 'privacy.export_downloaded',
      subjectType: 'data_export',
      subjectId: dataExport.id,
    })
    response.header('content-type', 'application/zip')
    response.attachment(
      exportFilePath(dataExport.fileKey),
      `pistache-export-${dataExport.createdAt.toISODate()}.zip`
    )
    return
  }

  async updateRestriction(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const { restricted } = await request.validateUsing(restrictionValidator)
    if (await setProcessingRestricted(user.id, restricted)) {
      await auditRequest(ctx, {
        action: restricted
          ? 'privacy.processing_restricted'
          : 'privacy.processing_restriction_lifted',
        subjectType: 'user',
        subjectId: user.id,
      })
    }
    session.flash(
      'success',
      i18n.t(restricted ? 'privacy.restriction.on' : 'privacy.restriction.off')
    )
    return response.redirect().toRoute('privacy.show')
  }

  async destroy(ctx: HttpContext) {
    const { auth, request, response, session, i18n } = ctx
    const user = auth.getUserOrFail()
    const { currentPassword } = await request.validateUsing(deleteAccountValidator)
    if (!(await user.verifyPassword(currentPassword)))
      throw formError('currentPassword', i18n.t('privacy.delete.wrongPassword'))
    const result = await deleteAccount(user, { via: 'self-service', ip: request.ip() })
    if (!result.ok) {
      session.flash(
        'error',
        i18n.t('privacy.delete.soleOwner', {
          workspaces: result.plan.blocking.map((ref) => ref.name).join(', '),
        })
      )
      return response.redirect().toRoute('privacy.show')
    }
    await auth.use('web').logout()
    session.regenerate()
    session.flash('success', i18n.t('privacy.delete.done'))
    return response.redirect().toRoute('session.create')
  }
}
