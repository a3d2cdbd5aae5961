import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import NotFoundException from '#exceptions/not_found_exception'
import { auditRequest } from '#services/audit'
import { systemOverview } from '#services/system/overview'
import { findFailedJob } from '#services/system/queues_overview'
import { reconcileUnknownDelivery } from '#actions/system/reconcile_unknown_delivery'

/**
 * The System area (instance admins only: the `instanceAdmin` middleware answers 404 to anyone
 * else). The page reloads its `overview` prop every few seconds; the actions redirect back.
 */
export default class SystemController {
  async index({ inertia }: HttpContext) {
    return inertia.render('system/index', { overview: await systemOverview() })
  }

  /** Runs a failed job again (BullMQ's retry: back to waiting, attempts start over). */
  async retryJob(ctx: HttpContext) {
    const job = await this.#failedJob(ctx)
    await job.retry('failed')
    await this.#audit(ctx, 'system.job_retried', job.id!, job.name)
    ctx.session.flash('success', ctx.i18n.t('system.failed.retried', { name: job.name }))
    return ctx.response.redirect().toRoute('system.index')
  }

  async removeJob(ctx: HttpContext) {
    const job = await this.#failedJob(ctx)
    await job.remove()
    await this.#audit(ctx, 'system.job_removed', job.id!, job.name)
    ctx.session.flash('success', ctx.i18n.t('system.failed.removed', { name: job.name }))
    return ctx.response.redirect().toRoute('system.index')
  }

  async reconcileDelivery(ctx: HttpContext) {
    const id = Number(ctx.params.delivery)
    const result = await reconcileUnknownDelivery(id)
    if (result.status === 'missing') throw new NotFoundException()
    await auditRequest(ctx, {
      action: 'system.delivery_reconciled',
      subjectType: 'delivery',
      subjectId: id,
      meta: { result: result.status },
    })
    const published = result.status === 'published'
    const message = ctx.i18n.t(`system.unknown.results.${result.status}`, {
      reason: result.status === 'lookup_failed' ? result.reason : '',
    })
    ctx.session.flash(published ? 'success' : 'error', message)
    return ctx.response.redirect().toRoute('system.index')
  }

  async #failedJob(ctx: HttpContext) {
    const manager = await app.container.make('queue')
    const job = await findFailedJob(manager, String(ctx.params.queue), String(ctx.params.job))
    if (!job) throw new NotFoundException()
    return job
  }

  #audit(ctx: HttpContext, action: string, jobId: string, name: string) {
    return auditRequest(ctx, {
      action,
      subjectType: 'job',
      subjectId: jobId.slice(0, 64),
      meta: { queue: String(ctx.params.queue), name },
    })
  }
}
