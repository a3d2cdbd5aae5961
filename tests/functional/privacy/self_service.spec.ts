import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { isProcessingRestricted } from '#services/privacy/restriction'
import { withCleanState } from '#tests/helpers/database'
import {
  PASSWORD,
  addMember,
  makeUser,
  makeWorkspace,
  send,
  validationErrors,
} from '#tests/functional/workspaces/_helpers'
import { aceOutput, withAce } from './_helpers.js'

test.group('Privacy / self-service page', (group) => {
  withCleanState(group)
  withAce(group)

  test('shows what is stored about me, with counts, the same datasets as the export', async ({
    client,
    assert,
  }) => {
    const user = await makeUser()
    await makeWorkspace(user)
    const page = await client.get('/privacy').loginAs(user).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('privacy/show')
    const props = page.inertiaProps as {
      inventory: { id: string; records: number }[]
      restrictedSince: string | null
      deletion: { deleted: unknown[] }
    }
    const counts = Object.fromEntries(props.inventory.map((item) => [item.id, item.records]))
    assert.include(counts, { profile: 1, memberships: 1, connected_accounts: 0 })
    assert.property(counts, 'access_log')
    assert.property(counts, 'audit_log')
    assert.isNull(props.restrictedSince)
    assert.lengthOf(props.deletion.deleted, 1)
    assert.notInclude(page.text(), user.password)
  })

  test('restricting processing is reported by isProcessingRestricted until lifted, and audited', async ({
    client,
    assert,
  }) => {
    const user = await makeUser()
    const other = await makeUser()
    assert.isFalse(await isProcessingRestricted(user.id))

    const on = await send(client, 'put', '/privacy/restriction', user, { restricted: true })
    assert.equal(on.header('location'), '/privacy')
    assert.isTrue(await isProcessingRestricted(user.id))
    assert.isFalse(await isProcessingRestricted(other.id))
    const page = await client.get('/privacy').loginAs(user).withInertia()
    assert.isString((page.inertiaProps as { restrictedSince: string | null }).restrictedSince)

    await send(client, 'put', '/privacy/restriction', user, { restricted: false })
    assert.isFalse(await isProcessingRestricted(user.id))
    const actions = (await AuditLog.query().where('actor_id', user.id).orderBy('id')).map(
      (entry) => entry.action
    )
    assert.deepEqual(actions, [
      'privacy.processing_restricted',
      'privacy.processing_restriction_lifted',
    ])
  })

  test('deleting my account needs my password', async ({ client, assert }) => {
    const user = await makeUser()
    const response = await send(client, 'delete', '/privacy/account', user, {
      currentPassword: 'not my password',
    })
    assert.equal(validationErrors(response).currentPassword, 'This is not your current password.')
    assert.exists(await User.find(user.id))
  })

  test('the only owner of a workspace with other members is refused until they hand it over', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Shared Bakery')
    await addMember(workspace, 'editor')
    const response = await send(client, 'delete', '/privacy/account', owner, {
      currentPassword: PASSWORD,
    })
    assert.equal(response.header('location'), '/privacy')
    assert.match(response.flashMessage('error'), /only owner of Shared Bakery/)
    assert.exists(await User.find(owner.id))
    assert.exists(await Workspace.find(workspace.id))
    const page = await client.get('/privacy').loginAs(owner).withInertia()
    assert.deepEqual(
      (page.inertiaProps as any).deletion.blocking.map((ref: any) => ref.slug),
      [workspace.slug]
    )
  })

  test('deleting my account signs me out, removes me, and leaves shared workspaces to their other owners', async ({
    client,
    assert,
  }) => {
    const user = await makeUser()
    const own = await makeWorkspace(user, 'Solo Shop')
    const teamOwner = await makeUser()
    const team = await makeWorkspace(teamOwner, 'Team Shop')
    await addMember(team, 'admin', user)

    const response = await send(client, 'delete', '/privacy/account', user, {
      currentPassword: PASSWORD,
    })
    assert.equal(response.header('location'), '/login')
    assert.equal(response.flashMessage('success'), 'Your account has been deleted.')
    assert.isNull(await User.find(user.id))
    assert.isNull(await Workspace.find(own.id))
    assert.exists(await Workspace.find(team.id))
    assert.deepEqual(
      (await WorkspaceMember.query().where('workspace_id', team.id)).map((m) => m.userId),
      [teamOwner.id]
    )
    const entry = await AuditLog.findByOrFail('action', 'user.deleted')
    assert.deepInclude(entry.$attributes, { actorId: null, subjectId: String(user.id) })
    assert.include(entry.meta, { via: 'self-service', workspacesDeleted: 1, workspacesLeft: 1 })
    // A session still signed in as them elsewhere (another device) opens nothing any more.
    const after = await client.get('/privacy').loginAs(user).redirects(0)
    assert.equal(after.header('location'), '/login')
  })
})

test.group('Privacy / users:delete', (group) => {
  withCleanState(group)
  withAce(group)

  test('--dry-run shows the plan and deletes nothing; without --force outside a terminal it refuses', async ({
    assert,
  }) => {
    const user = await makeUser()
    const workspace = await makeWorkspace(user, 'Solo Shop')
    const dry = await ace.exec('users:delete', [`--user=${user.email}`, '--dry-run'])
    dry.assertSucceeded()
    assert.match(aceOutput(), new RegExp(`Solo Shop.*${workspace.slug}.*deleted with the user`))
    assert.match(aceOutput(), /Dry run: .* would be deleted; nothing changed/)
    assert.exists(await User.find(user.id))

    const unforced = await ace.exec('users:delete', [`--user=${user.email}`])
    assert.equal(unforced.exitCode, 1)
    assert.exists(await User.find(user.id))
  })

  test('--force deletes the user as the self-service deletion does', async ({ assert }) => {
    const user = await makeUser()
    const workspace = await makeWorkspace(user)
    const command = await ace.exec('users:delete', [`--user=${user.email}`, '--force'])
    command.assertSucceeded()
    assert.match(aceOutput(), new RegExp(`Deleted user #${user.id}`))
    assert.isNull(await User.find(user.id))
    assert.isNull(await Workspace.find(workspace.id))
    assert.include((await AuditLog.findByOrFail('action', 'user.deleted')).meta, { via: 'cli' })
  })

  test('refuses the only owner of a shared workspace, and an unknown user, with exit code 1', async ({
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await addMember(workspace, 'viewer')
    const refused = await ace.exec('users:delete', [`--user=${owner.email}`, '--force'])
    assert.equal(refused.exitCode, 1)
    assert.match(aceOutput(), new RegExp(`only owner of ${workspace.slug}: hand ownership over`))
    assert.exists(await User.find(owner.id))

    const unknown = await ace.exec('users:delete', ['--user=nobody@example.com', '--force'])
    assert.equal(unknown.exitCode, 1)
  })
})
