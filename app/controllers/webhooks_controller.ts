import type { HttpContext } from '@adonisjs/core/http'
import Webhook, { WEBHOOK_EVENTS } from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { webhookValidator } from '#validators/api'
import { newWebhookSecret } from '#services/webhooks/signature'
import { sealWebhookSecret } from '#services/webhooks/secrets'
import { resendWebhookDelivery } from '#services/webhooks/dispatch'
import { auditRequest } from '#services/audit'

const toWebhookRow = (hook: Webhook) => ({
  id: hook.id,
  url: hook.url,
  events: hook.events,
  active: hook.active,
  createdAt: hook.createdAt.toISO()!,
})
const toDeliveryRow = (delivery: WebhookDelivery) => ({
  id: delivery.id,
  webhookId: delivery.webhookId,
  event: delivery.event,
  status: delivery.status,
  attempts: delivery.attempts,
  responseStatus: delivery.responseStatus,
  lastError: delivery.lastError,
  nextAttemptAt: delivery.nextAttemptAt?.toISO() ?? null,
  createdAt: delivery.createdAt.toISO()!,
})

/** Settings → Webhooks: admins subscribe URLs to events, read the delivery log and resend. */
export default class WebhooksController {
  async index({ inertia, workspace, member, bouncer, session }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const hooks = await Webhook.query().where('workspace_id', workspace.id).orderBy('id')
    const deliveries = await WebhookDelivery.query()
      .where('workspace_id', workspace.id)
      .orderBy('id', 'desc')
      .limit(100)
    const created = session.flashMessages.get('webhookSecret') as
      { id: number; secret: string } | undefined
    return inertia.render('settings/webhooks', {
      webhooks: hooks.map(toWebhookRow),
      deliveries: deliveries.map(toDeliveryRow),
      events: [...WEBHOOK_EVENTS],
      created: created ?? null,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, session, auth, i18n } = ctx
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const payload = await request.validateUsing(webhookValidator)
    const secret = newWebhookSecret()
    const hook = await Webhook.create({
      workspaceId: workspace.id,
      url: payload.url,
      events: payload.events,
      active: payload.active ?? true,
      secretCiphertext: sealWebhookSecret(workspace.id, secret),
      createdById: auth.user!.id,
    })
    await auditRequest(ctx, {
      action: 'webhook.created',
      workspaceId: workspace.id,
      subjectType: 'webhook',
      subjectId: hook.id,
      meta: { url: hook.url },
    })
    session.flash('webhookSecret', { id: hook.id, secret })
    session.flash('success', i18n.t('api.webhooks.flash.created'))
    return response.redirect().toRoute('workspace.webhooks.index', { workspace: workspace.slug })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, workspace, member, bouncer, session, i18n } = ctx
    const hook = await Webhook.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.webhook) || 0)
      .firstOrFail()
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const payload = await request.validateUsing(webhookValidator)
    await hook
      .merge({ url: payload.url, events: payload.events, active: payload.active ?? hook.active })
      .save()
    await auditRequest(ctx, {
      action: 'webhook.updated',
      workspaceId: workspace.id,
      subjectType: 'webhook',
      subjectId: hook.id,
      meta: { url: hook.url, active: hook.active },
    })
    session.flash('success', i18n.t('api.webhooks.flash.updated'))
    return response.redirect().toRoute('workspace.webhooks.index', { workspace: workspace.slug })
  }

  async destroy(ctx: HttpContext) {
    const { params, response, workspace, member, bouncer, session, i18n } = ctx
    const hook = await Webhook.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.webhook) || 0)
      .firstOrFail()
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    await hook.delete()
    await auditRequest(ctx, {
      action: 'webhook.deleted',
      workspaceId: workspace.id,
      subjectType: 'webhook',
      subjectId: hook.id,
      meta: { url: hook.url },
    })
    session.flash('success', i18n.t('api.webhooks.flash.deleted'))
    return response.redirect().toRoute('workspace.webhooks.index', { workspace: workspace.slug })
  }

  async resend({ params, response, workspace, member, bouncer, session, i18n }: HttpContext) {
    const delivery = await WebhookDelivery.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.webhookDelivery) || 0)
      .firstOrFail()
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    await resendWebhookDelivery(delivery)
    session.flash('success', i18n.t('api.webhooks.flash.resent'))
    return response.redirect().toRoute('workspace.webhooks.index', { workspace: workspace.slug })
  }
}
