import db from '@adonisjs/lucid/services/db'
import type WorkspaceMember from '#models/workspace_member'
import type { Role } from '#services/roles'
import { isLastOwner } from '#services/workspaces/owners'

export type ChangeRoleResult =
  { status: 'changed'; previousRole: Role } | { status: 'unchanged' } | { status: 'last_owner' }

/** Gives a member another role; the last owner of a workspace cannot be demoted. */
export async function changeMemberRole(
  member: WorkspaceMember,
  role: Role
): Promise<ChangeRoleResult> {
  if (member.role === role) return { status: 'unchanged' }
  return db.transaction(async (trx) => {
    if (role !== 'owner' && (await isLastOwner(member, trx)))
      return { status: 'last_owner' as const }
    const previousRole = member.role
    member.useTransaction(trx)
    member.role = role
    await member.save()
    return { status: 'changed' as const, previousRole }
  })
}
