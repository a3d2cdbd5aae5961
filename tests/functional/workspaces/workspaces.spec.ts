import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { withCleanState } from '#tests/helpers/database'
import {
  addMember,
  assertDenied,
  makeUser,
  makeWorkspace,
  send,
  validationErrors,
} from './_helpers.js'

test.group('Workspaces / home and creation', (group) => {
  withCleanState(group)

  test('a signed-out visitor is sent to the login page', async ({ client }) => {
    const response = await client.get('/').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('a user without a workspace lands on the welcoming creation page', async ({
    client,
    assert,
  }) => {
    const user = await makeUser({ timezone: 'America/Toronto' })
    const home = await client.get('/').loginAs(user).redirects(0)
    home.assertHeader('location', '/workspaces/new')

    const page = await client.get('/workspaces/new').loginAs(user).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('workspaces/new')
    assert.include(page.inertiaProps.timezones, 'America/Toronto')
    assert.include(page.inertiaProps.timezones, 'UTC')
    assert.deepEqual(page.inertiaProps.workspaces, [])
  })

  test('creating a workspace makes the creator its owner and opens it', async ({
    client,
    assert,
  }) => {
    const user = await makeUser()
    const response = await send(client, 'post', '/workspaces', user, {
      name: '  Café Brûlé & Co ',
      timezone: 'Europe/Paris',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/w/cafe-brule-co/calendar')
    assert.equal(
      response.flashMessage('success'),
      'Workspace Café Brûlé & Co created. Welcome aboard!'
    )

    const workspace = await Workspace.findByOrFail('slug', 'cafe-brule-co')
    assert.equal(workspace.name, 'Café Brûlé & Co')
    assert.equal(workspace.timezone, 'Europe/Paris')
    const member = await WorkspaceMember.query().where('workspace_id', workspace.id).firstOrFail()
    assert.equal(member.userId, user.id)
    assert.equal(member.role, 'owner')
    await user.refresh()
    assert.equal(user.currentWorkspaceId, workspace.id)
    const audit = await AuditLog.findByOrFail('action', 'workspace.created')
    assert.equal(audit.workspaceId, workspace.id)
    assert.equal(audit.actorId, user.id)
  })

  test('slugs stay unique: a second workspace with the same name gets a suffix', async ({
    client,
    assert,
  }) => {
    const first = await makeUser()
    const second = await makeUser()
    await makeWorkspace(first, 'Acme')
    await makeWorkspace(first, 'Acme')
    const response = await send(client, 'post', '/workspaces', second, {
      name: 'ACME',
      timezone: 'UTC',
    })
    response.assertHeader('location', '/w/acme-3/calendar')
    assert.deepEqual(
      (await Workspace.query().orderBy('id')).map((w) => w.slug),
      ['acme', 'acme-2', 'acme-3']
    )
  })

  test('a name without latin letters still gets a usable slug', async ({ client }) => {
    const user = await makeUser()
    const response = await send(client, 'post', '/workspaces', user, {
      name: '東京 ☕',
      timezone: 'Asia/Tokyo',
    })
    response.assertHeader('location', '/w/workspace/calendar')
  })

  test('name and time zone are validated', async ({ client, assert }) => {
    const user = await makeUser()
    const response = await send(client, 'post', '/workspaces', user, {
      name: ' ',
      timezone: 'Mars/Olympus',
    })
    response.assertStatus(302)
    assert.properties(validationErrors(response), ['name', 'timezone'])
    assert.lengthOf(await Workspace.all(), 0)
  })

  test('/ opens the current workspace while the user still belongs to it, else the first one', async ({
    client,
  }) => {
    const user = await makeUser()
    const first = await makeWorkspace(user, 'First')
    const second = await makeWorkspace(user, 'Second')
    ;(await client.get('/').loginAs(user).redirects(0)).assertHeader(
      'location',
      `/w/${second.slug}/calendar`
    )

    await WorkspaceMember.query().where('workspace_id', second.id).delete()
    ;(
      await client
        .get('/')
        .loginAs(await User.findOrFail(user.id))
        .redirects(0)
    ).assertHeader('location', `/w/${first.slug}/calendar`)
  })

  test('/w/:workspace opens the calendar and records it as current', async ({ client, assert }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const other = await makeWorkspace(owner, 'Other')
    await owner.refresh()
    assert.equal(owner.currentWorkspaceId, other.id)

    const response = await client.get(`/w/${workspace.slug}`).loginAs(owner).redirects(0)
    response.assertHeader('location', `/w/${workspace.slug}/calendar`)
    await owner.refresh()
    assert.equal(owner.currentWorkspaceId, workspace.id)
  })

  test('every section renders its page for a viewer, with the workspace shared', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: viewer } = await addMember(workspace, 'viewer')
    for (const section of ['calendar', 'posts', 'channels', 'media', 'analytics']) {
      const page = await client.get(`/w/${workspace.slug}/${section}`).loginAs(viewer).withInertia()
      page.assertStatus(200)
      page.assertInertiaComponent(`${section}/index`)
      assert.equal(page.inertiaProps.workspace.slug, workspace.slug)
      assert.equal(page.inertiaProps.workspace.role, 'viewer')
      assert.isFalse(page.inertiaProps.workspace.can.manageMembers)
    }
  })
})

test.group('Workspaces / settings', (group) => {
  withCleanState(group)

  test('admins rename the workspace and change its time zone; the slug stays', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme')
    const { user: admin } = await addMember(workspace, 'admin')
    const response = await send(client, 'put', `/w/${workspace.slug}/settings`, admin, {
      name: 'Acme Foods',
      timezone: 'Asia/Tokyo',
    })
    response.assertStatus(303)
    response.assertHeader('location', `/w/acme/settings`)
    assert.equal(response.flashMessage('success'), 'Workspace settings saved.')
    await workspace.refresh()
    assert.equal(workspace.name, 'Acme Foods')
    assert.equal(workspace.timezone, 'Asia/Tokyo')
    assert.equal(workspace.slug, 'acme')
    const audit = await AuditLog.findByOrFail('action', 'workspace.renamed')
    assert.deepEqual(audit.meta, { from: 'Acme', to: 'Acme Foods' })
    assert.equal(audit.actorId, admin.id)
  })

  test('editors and viewers see the settings read-only and cannot change them', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme')
    for (const role of ['editor', 'viewer'] as const) {
      const { user } = await addMember(workspace, role)
      const page = await client.get(`/w/${workspace.slug}/settings`).loginAs(user).withInertia()
      page.assertStatus(200)
      page.assertInertiaComponent('settings/index')
      assert.isFalse(page.inertiaProps.workspace.can.manageSettings)

      const response = await send(client, 'put', `/w/${workspace.slug}/settings`, user, {
        name: 'Hijacked',
        timezone: 'UTC',
      })
      assertDenied(response, assert)
    }
    await workspace.refresh()
    assert.equal(workspace.name, 'Acme')
    assert.equal(await AuditLog.query().where('action', 'workspace.renamed').first(), null)
  })

  test('only an owner deletes the workspace, after typing its exact name', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme Bakery')
    const { user: admin } = await addMember(workspace, 'admin')
    await admin.merge({ currentWorkspaceId: workspace.id }).save()

    const byAdmin = await send(client, 'delete', `/w/${workspace.slug}`, admin, {
      confirmation: 'Acme Bakery',
    })
    assertDenied(byAdmin, assert)
    assert.exists(await Workspace.find(workspace.id))

    const mistyped = await send(client, 'delete', `/w/${workspace.slug}`, owner, {
      confirmation: 'acme bakery',
    })
    assert.equal(
      validationErrors(mistyped).confirmation,
      'Type the name of the workspace exactly as shown.'
    )
    assert.exists(await Workspace.find(workspace.id))

    const done = await send(client, 'delete', `/w/${workspace.slug}`, owner, {
      confirmation: 'Acme Bakery',
    })
    done.assertStatus(303)
    done.assertHeader('location', '/')
    assert.equal(done.flashMessage('success'), 'Workspace Acme Bakery deleted.')
    assert.isNull(await Workspace.find(workspace.id))
    assert.lengthOf(await WorkspaceMember.query().where('workspace_id', workspace.id), 0)
    await admin.refresh()
    assert.isNull(admin.currentWorkspaceId)
    assert.equal(
      (await AuditLog.findByOrFail('action', 'workspace.deleted')).workspaceId,
      workspace.id
    )

    const home = await client.get('/').loginAs(owner).redirects(0)
    home.assertHeader('location', '/workspaces/new')
  })
})
