import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import AuditLog from '#models/audit_log'
import WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceMember from '#models/workspace_member'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { Role } from '#services/roles'
import { withCleanState } from '#tests/helpers/database'
import {
  addMember,
  clearOutbox,
  mailedInvitationToken,
  makeUser,
  makeWorkspace,
  send,
} from './_helpers.js'

/** Invites `email` through the real endpoint and returns the mailed token. */
async function invite(
  client: any,
  inviter: User,
  workspace: Workspace,
  email: string,
  role: Role = 'editor'
) {
  await send(client, 'post', `/w/${workspace.slug}/invitations`, inviter, { email, role })
  return (await mailedInvitationToken(email.toLowerCase())).token
}

test.group('Invitations / accepting', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('a signed-out visitor sees the workspace and role with links to log in or sign up', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser({ fullName: 'Grace Hopper' })
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    const token = await invite(client, owner, workspace, 'guest@example.com', 'viewer')

    const page = await client.get(`/invitations/${token}`).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('invitations/show')
    assert.equal(page.inertiaProps.state, 'pending')
    assert.include(page.inertiaProps.invitation, {
      workspaceName: 'Acme Bakery',
      role: 'viewer',
      inviterName: 'Grace Hopper',
      email: 'guest@example.com',
    })
    assert.isNull(page.inertiaProps.user)
    assert.notProperty(page.inertiaProps.invitation, 'tokenHash')
  })

  test('the invited account accepts (e-mail compared case-insensitively) and lands in the workspace with the invited role', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    const token = await invite(client, owner, workspace, 'Guest@Example.com', 'viewer')
    const guest = await makeUser({ email: 'GUEST@example.COM' })

    const page = await client.get(`/invitations/${token}`).loginAs(guest).withInertia()
    assert.equal(page.inertiaProps.state, 'pending')

    const response = await send(client, 'post', `/invitations/${token}/accept`, guest)
    response.assertStatus(302)
    response.assertHeader('location', `/w/${workspace.slug}/calendar`)
    assert.equal(response.flashMessage('success'), 'Welcome to Acme Bakery!')

    const member = await WorkspaceMember.query()
      .where('workspace_id', workspace.id)
      .where('user_id', guest.id)
      .firstOrFail()
    assert.equal(member.role, 'viewer')
    await guest.refresh()
    assert.equal(guest.currentWorkspaceId, workspace.id)
    const invitation = await WorkspaceInvitation.findByOrFail('workspace_id', workspace.id)
    assert.isNotNull(invitation.acceptedAt)
    const audit = await AuditLog.findByOrFail('action', 'invitation.accepted')
    assert.equal(audit.actorId, guest.id)
    assert.equal(audit.workspaceId, workspace.id)
    ;(await client.get(`/w/${workspace.slug}/calendar`).loginAs(guest).withInertia()).assertStatus(
      200
    )
  })

  test('a link works once', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const token = await invite(client, owner, workspace, 'guest@example.com')
    const guest = await makeUser({ email: 'guest@example.com' })
    await send(client, 'post', `/invitations/${token}/accept`, guest)

    const again = await send(client, 'post', `/invitations/${token}/accept`, guest)
    again.assertStatus(410)
    assert.equal(again.inertiaProps.state, 'used')
    const page = await client.get(`/invitations/${token}`).withInertia()
    page.assertStatus(410)
    assert.equal(page.inertiaProps.state, 'used')
    assert.isNull(page.inertiaProps.invitation)
    assert.lengthOf(await WorkspaceMember.query().where('user_id', guest.id), 1)
  })

  test('another account cannot accept, and learns nothing about the workspace', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Secret Client')
    const token = await invite(client, owner, workspace, 'guest@example.com')
    const intruder = await makeUser({ email: 'intruder@example.com' })

    const page = await client.get(`/invitations/${token}`).loginAs(intruder).withInertia()
    page.assertStatus(403)
    assert.equal(page.inertiaProps.state, 'wrong_account')
    assert.notInclude(JSON.stringify(page.inertiaProps), 'Secret Client')

    const response = await send(client, 'post', `/invitations/${token}/accept`, intruder)
    response.assertStatus(403)
    assert.notInclude(JSON.stringify(response.inertiaProps), 'Secret Client')
    assert.isNull(await WorkspaceMember.findBy('user_id', intruder.id))
    assert.isNull((await WorkspaceInvitation.findByOrFail('workspace_id', workspace.id)).acceptedAt)
  })

  test('expired and unknown links say so', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const token = await invite(client, owner, workspace, 'guest@example.com')
    await WorkspaceInvitation.query().update({
      expires_at: DateTime.now().minus({ minutes: 1 }).toSQL(),
    })
    const guest = await makeUser({ email: 'guest@example.com' })

    const expired = await client.get(`/invitations/${token}`).withInertia()
    expired.assertStatus(410)
    assert.equal(expired.inertiaProps.state, 'expired')
    const refused = await send(client, 'post', `/invitations/${token}/accept`, guest)
    refused.assertStatus(410)
    assert.isNull(await WorkspaceMember.findBy('user_id', guest.id))

    const unknown = await client.get('/invitations/not-a-real-token').withInertia()
    unknown.assertStatus(404)
    assert.equal(unknown.inertiaProps.state, 'not_found')
  })

  test('accepting needs an account: a signed-out POST goes to the login page', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const token = await invite(client, owner, workspace, 'guest@example.com')
    const response = await client
      .post(`/invitations/${token}/accept`)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    assert.isNull((await WorkspaceInvitation.findByOrFail('workspace_id', workspace.id)).acceptedAt)
  })

  test('an existing member who accepts keeps their role', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin, member } = await addMember(workspace, 'admin')
    // Invited before joining by another route: accepting must not demote them.
    await WorkspaceMember.query().where('id', member.id).delete()
    const token = await invite(client, owner, workspace, admin.email, 'viewer')
    await WorkspaceMember.create({ workspaceId: workspace.id, userId: admin.id, role: 'admin' })
    const response = await send(client, 'post', `/invitations/${token}/accept`, admin)
    response.assertStatus(302)
    assert.equal(
      (await WorkspaceMember.query().where('user_id', admin.id).firstOrFail()).role,
      'admin'
    )
  })
})
