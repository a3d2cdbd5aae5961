import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import WorkspaceMember from '#models/workspace_member'

/**
 * True when `member` is the only owner of its workspace, so demoting, removing it or
 * letting it leave would orphan the workspace. On PostgreSQL the owner rows are locked
 * for the transaction: two owners demoting each other at once cannot both succeed
 * (SQLite already serialises writers).
 */
export async function isLastOwner(member: WorkspaceMember, trx: TransactionClientContract) {
  if (member.role !== 'owner') return false
  const query = WorkspaceMember.query({ client: trx })
    .where('workspace_id', member.workspaceId)
    .where('role', 'owner')
  if (trx.dialect.name === 'postgres') query.forUpdate()
  const owners = await query
  return owners.length <= 1
}
