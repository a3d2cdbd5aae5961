import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { audit } from '#services/audit'
import { deleteWorkspace } from '#actions/workspaces/delete_workspace'
import { disconnectAccount, type RevocationOutcome } from '#actions/channels/disconnect_account'

export interface WorkspaceRef {
  id: number
  name: string
  slug: string
}

/**
 * What deleting the user does to each of their workspaces:
 *  - `deleted`: they are its only member, so it goes with them, its accounts' tokens
 *    revoked at the network first;
 *  - `left`: others remain (and another owner), so only the membership goes; the
 *    workspace's accounts stay connected for the team, whoever connected them;
 *  - `blocking`: they are its only owner and others remain — they must hand ownership
 *    over or delete the workspace first.
 */
export interface DeletionPlan {
  deleted: WorkspaceRef[]
  left: WorkspaceRef[]
  blocking: WorkspaceRef[]
}

export async function deletionPlan(user: User): Promise<DeletionPlan> {
  const plan: DeletionPlan = { deleted: [], left: [], blocking: [] }
  const memberships = await WorkspaceMember.query()
    .where('user_id', user.id)
    .preload('workspace')
    .orderBy('id')
  for (const membership of memberships) {
    const others = await WorkspaceMember.query()
      .where('workspace_id', membership.workspaceId)
      .whereNot('user_id', user.id)
    const { id, name, slug } = membership.workspace
    if (!others.length) plan.deleted.push({ id, name, slug })
    else if (membership.role === 'owner' && !others.some((other) => other.role === 'owner'))
      plan.blocking.push({ id, name, slug })
    else plan.left.push({ id, name, slug })
  }
  return plan
}

export type DeletionResult =
  | {
      ok: true
      plan: DeletionPlan
      revocations: { accountId: number; network: string; outcome: RevocationOutcome }[]
    }
  | { ok: false; reason: 'sole_owner'; plan: DeletionPlan }

/**
 * Deletes a user account (self-service or `users:delete`). Tokens of the workspaces
 * that go with the user are revoked at once; the user row is removed, which ends every
 * session and cascades to memberships and reset links; audit entries lose the actor
 * and what they said about the user. The rest (access log, exports) goes with the next
 * purge. Nothing is changed when a workspace blocks the deletion.
 */
export async function deleteAccount(
  user: User,
  context: { via: 'self-service' | 'cli'; ip?: string | null }
): Promise<DeletionResult> {
  const plan = await deletionPlan(user)
  if (plan.blocking.length) return { ok: false, reason: 'sole_owner', plan }

  const revocations: { accountId: number; network: string; outcome: RevocationOutcome }[] = []
  for (const ref of plan.deleted) {
    const accounts = await SocialAccount.query()
      .where('workspace_id', ref.id)
      .whereNot('status', 'disconnected')
    for (const account of accounts) {
      revocations.push({
        accountId: account.id,
        network: account.network,
        outcome: await disconnectAccount(account),
      })
    }
    const workspace = await Workspace.find(ref.id)
    if (workspace) await deleteWorkspace(workspace)
  }

  const userId = user.id
  await db.transaction(async (trx) => {
    await trx
      .from('audit_logs')
      .where('subject_type', 'user')
      .where('subject_id', String(userId))
      .update({ meta: null })
    await trx.from('audit_logs').where('actor_id', userId).update({ actor_id: null, ip: null })
    await trx.from('users').where('id', userId).delete()
    // Tells the next purge whose access log and exports to remove.
    await trx
      .table('user_deletions')
      .insert({ user_id: userId, deleted_at: DateTime.now().toFormat(trx.dialect.dateTimeFormat) })
  })
  await audit({
    action: 'user.deleted',
    subjectType: 'user',
    subjectId: userId,
    meta: {
      via: context.via,
      workspacesDeleted: plan.deleted.length,
      workspacesLeft: plan.left.length,
      tokensRevoked: revocations.filter((entry) => entry.outcome === 'revoked').length,
      revocationFailures: revocations.filter((entry) => entry.outcome === 'failed').length,
    },
  })
  return { ok: true, plan, revocations }
}
