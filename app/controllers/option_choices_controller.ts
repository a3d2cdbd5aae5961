import type { HttpContext } from '@adonisjs/core/http'
import SocialAccount from '#models/social_account'
import { listOptionChoices } from '#services/option_choices/list_option_choices'
import { optionFieldValidator, optionValuesValidator } from '#validators/option_choices'

/** Choices of an account-sourced option (Pinterest boards, TikTok privacy levels…) for the composer. */
export default class OptionChoicesController {
  async index({ params, request, response, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('view', member)
    // The channel is looked up in this workspace first: a foreign id is a 404, never a validation error.
    const account = await SocialAccount.query()
      .where('id', params.channel)
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .firstOrFail()
    const {
      params: { field },
    } = await request.validateUsing(optionFieldValidator)
    const values = await request.validateUsing(optionValuesValidator, { data: request.qs() })
    const outcome = await listOptionChoices(account, field, values)
    if (outcome.status === 'ok') return { choices: outcome.choices }
    if (outcome.status === 'not_found') return response.notFound({ error: 'not_found' })
    if (outcome.status === 'reconnect_required')
      return response.conflict({ error: 'reconnect_required' })
    return response.badGateway({ error: 'network_unavailable' })
  }
}
