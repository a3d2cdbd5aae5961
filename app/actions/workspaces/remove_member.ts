import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { isLastOwner } from '#services/workspaces/owners'

export type RemoveMemberResult = { status: 'removed' } | { status: 'last_owner' }

/**
 * Takes a member out of a workspace (removed by an admin, or leaving on their own).
 * The last owner stays: a workspace always keeps someone who can manage and delete it.
 */
export async function removeMember(member: WorkspaceMember): Promise<RemoveMemberResult> {
  return db.transaction(async (trx) => {
    if (await isLastOwner(member, trx)) return { status: 'last_owner' as const }
    member.useTransaction(trx)
    await member.delete()
    await User.query({ client: trx })
      .where('id', member.userId)
      .where('current_workspace_id', member.workspaceId)
      .update({ current_workspace_id: null })
    return { status: 'removed' as const }
  })
}
