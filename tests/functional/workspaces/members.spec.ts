import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import AuditLog from '#models/audit_log'
import WorkspaceInvitation from '#models/workspace_invitation'
import WorkspaceMember from '#models/workspace_member'
import { withCleanState } from '#tests/helpers/database'
import {
  addMember,
  assertDenied,
  clearOutbox,
  mailedInvitationToken,
  makeUser,
  makeWorkspace,
  readOutbox,
  send,
  validationErrors,
} from './_helpers.js'

async function roleOf(member: WorkspaceMember) {
  return (await WorkspaceMember.find(member.id))?.role ?? null
}

test.group('Members / invitations', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('an owner invites by e-mail: the link is mailed, only its hash is stored', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser({ fullName: 'Grace Hopper' })
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    const response = await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: ' New.Person@Example.com ',
      role: 'editor',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/w/${workspace.slug}/members`)
    assert.equal(response.flashMessage('success'), 'Invitation sent to new.person@example.com.')

    const { mail, token } = await mailedInvitationToken('new.person@example.com')
    assert.equal(mail.subject, 'Grace Hopper invited you to Acme Bakery on Pistache Postiz')
    assert.include(mail.text, 'as Editor')
    assert.include(mail.html, `${appUrl}/invitations/${token}`)
    assert.include(mail.text, `${appUrl}/invitations/${token}`)

    const invitation = await WorkspaceInvitation.findByOrFail('email', 'new.person@example.com')
    assert.equal(invitation.role, 'editor')
    assert.equal(invitation.invitedById, owner.id)
    assert.equal(invitation.tokenHash, createHash('sha256').update(token).digest('hex'))
    assert.notInclude(JSON.stringify(await WorkspaceInvitation.query().pojo()), token)
    assert.isTrue(invitation.expiresAt > DateTime.now().plus({ days: 6 }))

    const audit = await AuditLog.findByOrFail('action', 'invitation.sent')
    assert.equal(audit.workspaceId, workspace.id)
    assert.deepEqual(audit.meta, { email: 'new.person@example.com', role: 'editor' })
    assert.notInclude(JSON.stringify(audit.serialize()), token)
  })

  test('the mail is written in the inviter’s language', async ({ client, assert }) => {
    const owner = await makeUser({ fullName: 'Marie Curie', locale: 'fr' })
    const workspace = await makeWorkspace(owner, 'Boulangerie')
    await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'ami@example.com',
      role: 'viewer',
    })
    const { mail } = await mailedInvitationToken('ami@example.com')
    assert.equal(mail.subject, 'Marie Curie vous invite dans Boulangerie sur Pistache Postiz')
    assert.include(mail.text, 'en tant que Lecteur')
    assert.include(mail.html, 'lang="fr"')
  })

  test('viewers and editors cannot invite; their pages hide the form and the invitations', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'pending@example.com',
      role: 'viewer',
    })
    await clearOutbox()
    for (const role of ['viewer', 'editor'] as const) {
      const { user } = await addMember(workspace, role)
      const response = await send(client, 'post', `/w/${workspace.slug}/invitations`, user, {
        email: `${role}-guest@example.com`,
        role: 'viewer',
      })
      assertDenied(response, assert)

      const page = await client.get(`/w/${workspace.slug}/members`).loginAs(user).withInertia()
      page.assertInertiaComponent('members/index')
      assert.isFalse(page.inertiaProps.workspace.can.manageMembers)
      assert.deepEqual(page.inertiaProps.invitations, [])
      assert.isTrue(page.inertiaProps.members.every((member: any) => member.canManage === false))
    }
    assert.lengthOf(await WorkspaceInvitation.all(), 1)
    assert.lengthOf(await readOutbox(), 0)
  })

  test('an admin invites admins, editors and viewers but never an owner; an owner can', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin } = await addMember(workspace, 'admin')
    const asOwner = await send(client, 'post', `/w/${workspace.slug}/invitations`, admin, {
      email: 'boss@example.com',
      role: 'owner',
    })
    assertDenied(asOwner, assert)
    assert.isNull(await WorkspaceInvitation.findBy('email', 'boss@example.com'))

    const asAdmin = await send(client, 'post', `/w/${workspace.slug}/invitations`, admin, {
      email: 'peer@example.com',
      role: 'admin',
    })
    assert.equal(asAdmin.flashMessage('success'), 'Invitation sent to peer@example.com.')

    const byOwner = await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'boss@example.com',
      role: 'owner',
    })
    assert.equal(byOwner.flashMessage('success'), 'Invitation sent to boss@example.com.')
    assert.equal(
      (await WorkspaceInvitation.findByOrFail('email', 'boss@example.com')).role,
      'owner'
    )
  })

  test('inviting a current member is refused next to the e-mail field', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await addMember(workspace, 'editor', await makeUser({ email: 'already@example.com' }))
    const response = await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'Already@Example.com',
      role: 'viewer',
    })
    assert.equal(
      validationErrors(response).email,
      'This person is already a member of the workspace.'
    )
    assert.lengthOf(await WorkspaceInvitation.all(), 0)
  })

  test('resending issues a new link and kills the old one; revoking deletes it', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'guest@example.com',
      role: 'editor',
    })
    const { token: first } = await mailedInvitationToken('guest@example.com')
    const invitation = await WorkspaceInvitation.findByOrFail('email', 'guest@example.com')

    const resent = await send(
      client,
      'post',
      `/w/${workspace.slug}/invitations/${invitation.id}/resend`,
      owner
    )
    assert.equal(
      resent.flashMessage('success'),
      'A new invitation link was sent to guest@example.com.'
    )
    assert.lengthOf(await readOutbox(), 2)
    const { token: second } = await mailedInvitationToken('guest@example.com')
    assert.notEqual(first, second)
    ;(await client.get(`/invitations/${first}`).withInertia()).assertStatus(404)
    ;(await client.get(`/invitations/${second}`).withInertia()).assertStatus(200)
    assert.exists(await AuditLog.findBy('action', 'invitation.resent'))

    const revoked = await send(
      client,
      'delete',
      `/w/${workspace.slug}/invitations/${invitation.id}`,
      owner
    )
    revoked.assertStatus(303)
    assert.equal(revoked.flashMessage('success'), 'Invitation for guest@example.com revoked.')
    assert.isNull(await WorkspaceInvitation.find(invitation.id))
    ;(await client.get(`/invitations/${second}`).withInertia()).assertStatus(404)
    assert.equal(
      (await AuditLog.findByOrFail('action', 'invitation.revoked')).subjectId,
      String(invitation.id)
    )
  })

  test('an admin cannot resend or revoke an owner invitation', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin } = await addMember(workspace, 'admin')
    await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'co-owner@example.com',
      role: 'owner',
    })
    const invitation = await WorkspaceInvitation.findByOrFail('email', 'co-owner@example.com')
    assertDenied(
      await send(client, 'delete', `/w/${workspace.slug}/invitations/${invitation.id}`, admin),
      assert
    )
    assertDenied(
      await send(client, 'post', `/w/${workspace.slug}/invitations/${invitation.id}/resend`, admin),
      assert
    )
    assert.exists(await WorkspaceInvitation.find(invitation.id))
  })

  test('the members page lists members and pending invitations without any token', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser({ fullName: 'Ada Lovelace', email: 'ada@example.com' })
    const workspace = await makeWorkspace(owner)
    const { member: editor } = await addMember(workspace, 'editor')
    await send(client, 'post', `/w/${workspace.slug}/invitations`, owner, {
      email: 'guest@example.com',
      role: 'viewer',
    })
    const { token } = await mailedInvitationToken('guest@example.com')

    const page = await client.get(`/w/${workspace.slug}/members`).loginAs(owner).withInertia()
    page.assertInertiaComponent('members/index')
    const [me, other] = page.inertiaProps.members
    assert.include(me, {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      role: 'owner',
      isYou: true,
      canManage: false,
      isLastOwner: true,
    })
    assert.include(other, {
      id: editor.id,
      role: 'editor',
      isYou: false,
      canManage: true,
      isLastOwner: false,
    })
    assert.isString(me.joinedAt)
    assert.lengthOf(page.inertiaProps.invitations, 1)
    assert.include(page.inertiaProps.invitations[0], {
      email: 'guest@example.com',
      role: 'viewer',
      expired: false,
      invitedBy: 'Ada Lovelace',
    })
    const body = JSON.stringify(page.inertiaProps)
    assert.notInclude(body, token)
    assert.notInclude(body, createHash('sha256').update(token).digest('hex'))
    assert.notInclude(body, 'tokenHash')
  })
})

test.group('Members / roles and removal', (group) => {
  withCleanState(group)

  test('an owner changes a member role; the change is audited', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user, member } = await addMember(workspace, 'viewer')
    const response = await send(
      client,
      'patch',
      `/w/${workspace.slug}/members/${member.id}`,
      owner,
      { role: 'admin' }
    )
    response.assertStatus(303)
    assert.equal(response.flashMessage('success'), 'Role updated.')
    assert.equal(await roleOf(member), 'admin')
    const audit = await AuditLog.findByOrFail('action', 'member.role_changed')
    assert.equal(audit.subjectId, String(user.id))
    assert.deepEqual(audit.meta, { from: 'viewer', to: 'admin' })
  })

  test('viewers and editors cannot change roles', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { member: target } = await addMember(workspace, 'viewer')
    for (const role of ['viewer', 'editor'] as const) {
      const { user } = await addMember(workspace, role)
      assertDenied(
        await send(client, 'patch', `/w/${workspace.slug}/members/${target.id}`, user, {
          role: 'editor',
        }),
        assert
      )
    }
    assert.equal(await roleOf(target), 'viewer')
  })

  test('an admin cannot promote to owner, nor change or remove an owner', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { member: ownerRow } = await addMember(workspace, 'owner')
    const { user: admin } = await addMember(workspace, 'admin')
    const { member: editor } = await addMember(workspace, 'editor')

    assertDenied(
      await send(client, 'patch', `/w/${workspace.slug}/members/${editor.id}`, admin, {
        role: 'owner',
      }),
      assert
    )
    assertDenied(
      await send(client, 'patch', `/w/${workspace.slug}/members/${ownerRow.id}`, admin, {
        role: 'viewer',
      }),
      assert
    )
    assertDenied(
      await send(client, 'delete', `/w/${workspace.slug}/members/${ownerRow.id}`, admin),
      assert
    )
    assert.equal(await roleOf(editor), 'editor')
    assert.equal(await roleOf(ownerRow), 'owner')

    const promoted = await send(
      client,
      'patch',
      `/w/${workspace.slug}/members/${editor.id}`,
      admin,
      { role: 'admin' }
    )
    assert.equal(promoted.flashMessage('success'), 'Role updated.')
    assert.equal(await roleOf(editor), 'admin')
  })

  test('an owner makes another owner, and owners can then demote each other down to one', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const ownerRow = await WorkspaceMember.findByOrFail('user_id', owner.id)
    const { user: second, member: secondRow } = await addMember(workspace, 'admin')

    await send(client, 'patch', `/w/${workspace.slug}/members/${secondRow.id}`, owner, {
      role: 'owner',
    })
    assert.equal(await roleOf(secondRow), 'owner')
    await send(client, 'patch', `/w/${workspace.slug}/members/${ownerRow.id}`, second, {
      role: 'editor',
    })
    assert.equal(await roleOf(ownerRow), 'editor')
  })

  test('the last owner cannot be demoted, removed, or leave', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const ownerRow = await WorkspaceMember.findByOrFail('user_id', owner.id)
    await addMember(workspace, 'admin')

    const demoted = await send(
      client,
      'patch',
      `/w/${workspace.slug}/members/${ownerRow.id}`,
      owner,
      { role: 'admin' }
    )
    assert.equal(
      demoted.flashMessage('error'),
      'A workspace needs at least one owner: make another member owner first.'
    )
    assert.equal(await roleOf(ownerRow), 'owner')

    const removed = await send(
      client,
      'delete',
      `/w/${workspace.slug}/members/${ownerRow.id}`,
      owner
    )
    assert.equal(
      removed.flashMessage('error'),
      'A workspace needs at least one owner: make another member owner first.'
    )
    assert.equal(await roleOf(ownerRow), 'owner')

    const left = await send(client, 'post', `/w/${workspace.slug}/leave`, owner)
    left.assertHeader('location', `/w/${workspace.slug}/members`)
    assert.equal(
      left.flashMessage('error'),
      'You are the last owner: make another member owner before leaving, or delete the workspace.'
    )
    assert.equal(await roleOf(ownerRow), 'owner')
    assert.lengthOf(
      await AuditLog.query().whereIn('action', [
        'member.role_changed',
        'member.removed',
        'member.left',
      ]),
      0
    )
  })

  test('an owner can leave once another owner exists', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await addMember(workspace, 'owner')
    const left = await send(client, 'post', `/w/${workspace.slug}/leave`, owner)
    left.assertHeader('location', '/')
    assert.isNull(await WorkspaceMember.findBy('user_id', owner.id))
    await owner.refresh()
    assert.isNull(owner.currentWorkspaceId)
  })

  test('an admin removes an editor, who then loses access; the removal is audited', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin } = await addMember(workspace, 'admin')
    const { user: editor, member } = await addMember(workspace, 'editor')
    const response = await send(
      client,
      'delete',
      `/w/${workspace.slug}/members/${member.id}`,
      admin
    )
    assert.equal(response.flashMessage('success'), 'Member removed from the workspace.')
    assert.isNull(await WorkspaceMember.find(member.id))
    ;(await client.get(`/w/${workspace.slug}/calendar`).loginAs(editor).withInertia()).assertStatus(
      404
    )
    const audit = await AuditLog.findByOrFail('action', 'member.removed')
    assert.equal(audit.subjectId, String(editor.id))
    assert.equal(audit.actorId, admin.id)
  })

  test('a viewer may leave on their own', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme')
    const { user: viewer, member } = await addMember(workspace, 'viewer')
    const response = await send(client, 'post', `/w/${workspace.slug}/leave`, viewer)
    assert.equal(response.flashMessage('success'), 'You left Acme.')
    assert.isNull(await WorkspaceMember.find(member.id))
    ;(await client.get('/').loginAs(viewer).redirects(0)).assertHeader(
      'location',
      '/workspaces/new'
    )
  })
})
