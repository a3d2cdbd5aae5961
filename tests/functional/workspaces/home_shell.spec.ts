import { test } from '@japa/runner'
import WorkspaceMember from '#models/workspace_member'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from './_helpers.js'

/**
 * Pages that belong to no workspace (the profile, the privacy page) still sit in the
 * user's workspace shell: the sidebar's switcher and navigation show the home workspace.
 */
test.group('Pages outside a workspace keep the home workspace in the shell', (group) => {
  withCleanState(group)

  for (const path of ['/profile', '/privacy']) {
    test(`${path} shares the workspace the user last opened`, async ({ client, assert }) => {
      const owner = await makeUser()
      await makeWorkspace(owner, 'Old Shop')
      const home = await makeWorkspace(owner, 'Acme Bakery')
      owner.currentWorkspaceId = home.id
      await owner.save()

      const page = await client.get(path).loginAs(owner).withInertia()
      page.assertStatus(200)
      assert.include(page.inertiaProps.workspace, {
        slug: home.slug,
        name: 'Acme Bakery',
        role: 'owner',
      })
      assert.isTrue(page.inertiaProps.workspace.can.manageMembers)
    })
  }

  test('the oldest membership stands in when the last opened workspace was left', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const first = await makeWorkspace(owner, 'Old Shop')
    const left = await makeWorkspace(owner, 'Left Shop')
    owner.currentWorkspaceId = left.id
    await owner.save()
    await WorkspaceMember.query().where('workspace_id', left.id).delete()
    const page = await client.get('/profile').loginAs(owner).withInertia()
    assert.equal(page.inertiaProps.workspace.slug, first.slug)
  })

  test('a user with no workspace gets none', async ({ client, assert }) => {
    const loner = await makeUser({ email: 'loner@example.com' })
    const page = await client.get('/profile').loginAs(loner).withInertia()
    assert.isNull(page.inertiaProps.workspace)
  })
})
