import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type Workspace from '#models/workspace'

/**
 * Deletes a workspace with everything it owns (members, invitations and, through
 * foreign keys, the content of the other areas). Users who had it open fall back
 * to another workspace on their next visit.
 */
export async function deleteWorkspace(workspace: Workspace) {
  await db.transaction(async (trx) => {
    await User.query({ client: trx })
      .where('current_workspace_id', workspace.id)
      .update({ current_workspace_id: null })
    workspace.useTransaction(trx)
    await workspace.delete()
  })
}
