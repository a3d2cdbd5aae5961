import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PluginsConfig } from '#config/plugins'
import { withCleanState } from '#tests/helpers/database'
import { adminAndMember } from './_fixtures.js'

/**
 * Issue 24: the instance settings page lists each network's environment variables — the ones a
 * plugin declares and the app credentials still set in config — with their values, except
 * secrets, which only say that they are set. Members who are not instance admins never see it.
 */
test.group('System / network variables', (group) => {
  withCleanState(group)
  group.each.setup(() => {
    const config = app.config.get<PluginsConfig>('plugins')
    const saved = { slack: config.settings.slack, telegram: config.settings.telegram }
    config.settings.slack = { clientId: '1234.5678', clientSecret: 'shh-slack-secret-value' }
    config.settings.telegram = { urls: { api: 'https://bots.agency.example' } }
    return () => {
      Object.assign(config.settings, saved)
    }
  })

  test('an admin sees each variable, its value unless secret, and the console link', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminAndMember()
    const page = await client.get('/system/settings').loginAs(admin).withInertia()
    page.assertStatus(200)
    assert.notInclude(page.text(), 'shh-slack-secret-value')
    const networks = (page.inertiaProps.settings as any).networks as any[]
    const byId = Object.fromEntries(networks.map((network) => [network.id, network]))

    assert.deepEqual(byId.slack.variables, [
      {
        env: 'SLACK_CLIENT_ID',
        description: 'The Slack app’s Client ID (Basic Information → App Credentials)',
        required: true,
        secret: false,
        set: true,
        value: '1234.5678',
      },
      {
        env: 'SLACK_CLIENT_SECRET',
        description: 'The Slack app’s Client Secret',
        required: true,
        secret: true,
        set: true,
        value: null,
      },
    ])
    assert.equal(byId.slack.consoleUrl, 'https://api.slack.com/apps')
    assert.deepInclude(byId.telegram.variables[0], {
      env: 'TELEGRAM_API_URL',
      set: true,
      value: 'https://bots.agency.example',
    })
    // A network still set up in config/plugins.ts lists its app credentials the same way.
    const x = byId.x.variables.find((variable: any) => variable.env === 'X_CLIENT_ID')
    assert.deepInclude(x, { required: true, secret: false })
    for (const network of networks)
      for (const variable of network.variables)
        if (variable.secret) assert.isNull(variable.value, `${variable.env} is a secret`)
  })

  test('a member who is not an instance admin gets a 404', async ({ client }) => {
    const { member } = await adminAndMember()
    const page = await client.get('/system/settings').loginAs(member)
    page.assertStatus(404)
  })
})
