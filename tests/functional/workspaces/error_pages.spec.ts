import { test } from '@japa/runner'
import User from '#models/user'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from './_helpers.js'

test.group('Error pages / unknown URL', (group) => {
  withCleanState(group)

  test('signed out: the 404 page has no user, so it offers to sign in, in the browser language', async ({
    client,
    assert,
  }) => {
    const page = await client
      .get('/no/such/page')
      .header('accept-language', 'fr-FR,fr;q=0.9')
      .withInertia()
    page.assertStatus(404)
    page.assertInertiaComponent('errors/not_found')
    assert.isNull(page.inertiaProps.user)
    assert.isNull(page.inertiaProps.workspace)
    assert.equal(page.inertiaProps.locale, 'fr')
  })

  test('signed in: the 404 page knows the user, their language and home workspace (for the shell and "Back to the dashboard")', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser({ fullName: 'Grace Hopper', locale: 'fr' })
    await makeWorkspace(owner, 'Old Shop')
    const home = await makeWorkspace(owner, 'Acme Bakery')
    owner.currentWorkspaceId = home.id
    await owner.save()

    const page = await client.get('/no/such/page').loginAs(owner).withInertia()
    page.assertStatus(404)
    page.assertInertiaComponent('errors/not_found')
    assert.include(page.inertiaProps.user, { fullName: 'Grace Hopper' })
    assert.include(page.inertiaProps.workspace, {
      slug: home.slug,
      name: 'Acme Bakery',
      role: 'owner',
    })
    assert.lengthOf(page.inertiaProps.workspaces, 2)
    assert.equal(page.inertiaProps.locale, 'fr')
  })

  test('signed in: a full page load of an unknown URL renders the page with the user, and leaves the current workspace alone', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser({ fullName: 'Grace Hopper' })
    const first = await makeWorkspace(owner, 'Acme Bakery')
    owner.currentWorkspaceId = null
    await owner.save()

    const page = await client.get('/w/nope/calendar/unknown').loginAs(owner)
    page.assertStatus(404)
    assert.include(page.text(), 'Grace Hopper')
    assert.include(page.text(), first.slug)
    assert.isNull((await User.findOrFail(owner.id)).currentWorkspaceId)
  })
})
