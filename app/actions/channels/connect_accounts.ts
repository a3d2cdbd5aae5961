import type { HttpContext } from '@adonisjs/core/http'
import type { Connection } from '#sdk'
import { auditRequest } from '#services/audit'
import { saveConnections } from '#actions/channels/save_connections'

/**
 * Saves the accounts a login gave (all of them, or those picked) for the signed-in user, and
 * audits each connection. Every way of connecting ends here: credentials, the OAuth callback
 * and the picker.
 */
export async function connectAccounts(
  ctx: HttpContext,
  input: { workspaceId: number; network: string; connections: Connection[] }
) {
  const saved = await saveConnections({ ...input, userId: ctx.auth.user!.id })
  for (const account of saved) {
    await auditRequest(ctx, {
      action: 'channel.connected',
      workspaceId: input.workspaceId,
      subjectType: 'social_account',
      subjectId: account.id,
      meta: { network: input.network },
    })
  }
  return saved
}
