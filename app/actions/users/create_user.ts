import { errors } from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import string from '@adonisjs/core/helpers/string'
import User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import type { Role } from '#services/roles'
import { audit } from '#services/audit'
import { promoteIfFirstAccount } from '#services/instance_admins'
import { createUserValidator } from '#validators/users'

export type CreateUserResult =
  | {
      ok: true
      user: User
      workspace: Workspace | null
      role: Role | null
      workspaceCreated: boolean
    }
  | { ok: false; errors: string[] }

/**
 * Creates a user from the command line (first admin, scripted installs). With a workspace
 * that does not exist yet, it is created and the user becomes its owner (a workspace always
 * has one); with an existing one the user joins it with `role` (editor by default).
 * `instanceAdmin: true` (`--instance-admin`) makes them an instance admin; the first account
 * of an install is one anyway.
 */
export async function createUser(input: Record<string, unknown>): Promise<CreateUserResult> {
  let data
  try {
    data = await createUserValidator.validate(input)
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) {
      return { ok: false, errors: error.messages.map((m: { message: string }) => m.message) }
    }
    throw error
  }

  const created = await db.transaction(async (trx) => {
    const user = await User.create(
      {
        email: data.email,
        fullName: data.fullName,
        password: data.password,
        isInstanceAdmin: input.instanceAdmin === true,
      },
      { client: trx }
    )
    let workspace: Workspace | null = null
    let role: Role | null = null
    let workspaceCreated = false
    if (data.workspace) {
      workspace = await Workspace.query({ client: trx })
        .where('slug', data.workspace)
        .orWhere('name', data.workspace)
        .orderBy('id')
        .first()
      workspaceCreated = !workspace
      workspace ??= await Workspace.create(
        { name: data.workspace, slug: await freeSlug(data.workspace, trx) },
        { client: trx }
      )
      role = workspaceCreated ? 'owner' : (data.role ?? 'editor')
      await WorkspaceMember.create(
        { workspaceId: workspace.id, userId: user.id, role },
        { client: trx }
      )
      user.currentWorkspaceId = workspace.id
      await user.useTransaction(trx).save()
    }
    return { ok: true as const, user, workspace, role, workspaceCreated }
  })
  // After the commit (the statement reads other rows): the first account runs the install.
  await promoteIfFirstAccount(created.user)
  // After the commit: audit() writes on its own connection, which SQLite would block mid-transaction.
  await audit({
    action: 'user.created',
    subjectType: 'user',
    subjectId: created.user.id,
    workspaceId: created.workspace?.id ?? null,
    meta: {
      via: 'cli',
      role: created.role,
      workspaceCreated: created.workspaceCreated,
      instanceAdmin: created.user.isInstanceAdmin,
    },
  })
  return created
}

async function freeSlug(name: string, trx: TransactionClientContract) {
  const base = string.slug(name, { lower: true, strict: true }).slice(0, 56) || 'workspace'
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!(await Workspace.query({ client: trx }).where('slug', candidate).first())) return candidate
  }
}
