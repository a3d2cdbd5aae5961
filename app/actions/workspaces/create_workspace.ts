import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { uniqueSlug } from '#services/workspaces/workspace_slug'

export interface CreateWorkspaceInput {
  user: User
  name: string
  timezone: string
}

/**
 * Creates a workspace owned by its creator and makes it their current one.
 * The slug is derived from the name once and kept on rename, so links never break.
 */
export async function createWorkspace({ user, name, timezone }: CreateWorkspaceInput) {
  return db.transaction(async (trx) => {
    const slug = await uniqueSlug(name, trx)
    const workspace = await Workspace.create({ name, slug, timezone }, { client: trx })
    await WorkspaceMember.create(
      { workspaceId: workspace.id, userId: user.id, role: 'owner' },
      { client: trx }
    )
    user.useTransaction(trx)
    user.currentWorkspaceId = workspace.id
    await user.save()
    return workspace
  })
}
