import type { HttpContext } from '@adonisjs/core/http'
import SocialAccount from '#models/social_account'
import { toApiAccount } from '#services/api/serializers'

/** /api/v1/accounts: the workspace's connected accounts and whether each can publish. */
export default class ApiAccountsController {
  async index({ workspace, member, bouncer }: HttpContext) {
    await bouncer.with('AccountPolicy').authorize('view', member)
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('id')
    return { data: accounts.map(toApiAccount) }
  }
}
