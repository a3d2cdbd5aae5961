import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PluginsConfig } from '#config/plugins'
import type { PluginSettings } from '#sdk'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

/**
 * An OAuth network needs an app registered by the server's admin (client id, and for most a
 * secret). Until then it is offered as "not set up on this server", with the variables to set,
 * and the server refuses to start a connection that would carry an empty client id.
 */
test.group('Channels: networks the server has no app for', (group) => {
  withCleanState(group)
  let settings: Record<string, Partial<PluginSettings>>
  group.each.setup(() => {
    settings = app.config.get<PluginsConfig>('plugins').settings
    const saved = { ...settings }
    settings.x = { urls: {} }
    settings.facebook = { urls: {}, clientId: 'meta-app-id' }
    settings.linkedin = { urls: {}, clientId: 'li-id', clientSecret: 'li-secret-value' }
    return () => {
      for (const key of Object.keys(settings)) delete settings[key]
      Object.assign(settings, saved)
    }
  })

  test('the Channels page says which variables each network still needs, never a value', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const byId = Object.fromEntries(
      page.inertiaProps.networks.map((network: any) => [network.id, network.setup])
    )
    assert.deepEqual(byId.x, {
      ready: false,
      missing: ['X_CLIENT_ID'],
      consoleUrl: 'https://developer.x.com/en/portal/dashboard',
      callbackUrl: `${byId.x.callbackUrl.split('/oauth/')[0]}/oauth/x/callback`,
    })
    assert.deepEqual(byId.facebook.missing, ['META_APP_SECRET'])
    assert.deepEqual(byId.linkedin, { ready: true })
    // Networks without an app to register (per-instance OAuth, credentials) are always ready.
    assert.deepEqual(byId.mastodon, { ready: true })
    assert.deepEqual(byId.bluesky, { ready: true })
    assert.notInclude(JSON.stringify(page.inertiaProps), 'li-secret-value')
    assert.notInclude(JSON.stringify(page.inertiaProps), 'meta-app-id')
  })

  test('X can run as a public client: its id alone makes it ready', async ({ client, assert }) => {
    settings.x = { urls: {}, clientId: 'x-public-client' }
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(owner).withInertia()
    const x = page.inertiaProps.networks.find((network: any) => network.id === 'x')
    assert.deepEqual(x.setup, { ready: true })
  })

  for (const network of ['x', 'facebook']) {
    test(`starting ${network} without its app is refused, with no redirect to the network`, async ({
      client,
      assert,
    }) => {
      const owner = await makeUser()
      const workspace = await makeWorkspace(owner)
      const response = await client
        .post(`/w/${workspace.slug}/channels/${network}/authorize`)
        .loginAs(owner)
        .withCsrfToken()
        .json({})
        .redirects(0)
      assert.equal(response.status(), 302)
      assert.equal(response.header('location'), `/w/${workspace.slug}/channels`)
      assert.match(String(response.flashMessage('error')), /is not set up on this server yet/)
      // No OAuth state was started either.
      assert.isUndefined((response.session() as Record<string, unknown>).oauth)
    })
  }
})
