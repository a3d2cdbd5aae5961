import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PluginsConfig } from '#config/plugins'
import type { PluginSettings } from '#sdk'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

/** BLUESKY_SERVICE_URL is the entryway the connect form proposes (bsky.social when unset). */
test.group('Channels: the Bluesky connect form proposes the configured entryway', (group) => {
  withCleanState(group)
  let settings: Record<string, Partial<PluginSettings>>
  group.each.setup(() => {
    settings = app.config.get<PluginsConfig>('plugins').settings
    const saved = settings.bluesky
    return () => {
      settings.bluesky = saved
    }
  })

  async function serviceField(client: any) {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(owner).withInertia()
    page.assertStatus(200)
    const bluesky = page.inertiaProps.networks.find((network: any) => network.id === 'bluesky')
    return bluesky.fields.find((field: any) => field.name === 'service')
  }

  test('configured: the form proposes it', async ({ client, assert }) => {
    settings.bluesky = { urls: { service: 'https://pds.agency.example' } }
    assert.equal((await serviceField(client)).default, 'https://pds.agency.example')
  })

  test('not configured: bsky.social', async ({ client, assert }) => {
    settings.bluesky = { urls: {} }
    assert.equal((await serviceField(client)).default, 'https://bsky.social')
  })
})
