import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import SocialAccount from '#models/social_account'
import type { PluginsConfig } from '#config/plugins'
import { openToken } from '#services/token_vault'
import { FakeX } from '#plugins/x/fake/server'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, waitForMail } from '#tests/helpers/outbox'
import { captureAppLog } from '#tests/helpers/app_log'
import {
  makeUser,
  makeWorkspace,
  mailedInvitationToken,
} from '#tests/functional/workspaces/_helpers'
import { connectViaOAuth } from '#tests/functional/channels/_oauth'

/** Tables that record what happened: none may hold a secret, whatever column. */
const LOG_TABLES = ['access_logs', 'audit_logs', 'webhook_deliveries', 'notifications']

async function waitForAccessLogs(count: number) {
  for (let i = 0; i < 200; i++) {
    const [{ total }] = await db.from('access_logs').count('* as total')
    if (Number(total) >= count) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

test.group('Security / no secret reaches a log', (group) => {
  withCleanState(group)

  let x: FakeX
  let log: ReturnType<typeof captureAppLog>
  const plugins = app.config.get<PluginsConfig>('plugins')
  const xSettings = plugins.settings.x
  group.each.setup(async () => {
    await clearOutbox()
    x = await FakeX.start()
    plugins.settings.x = x.settings
    log = captureAppLog()
    return async () => {
      log.restore()
      plugins.settings.x = xSettings
      await x.close()
    }
  })

  test('reset, invitation, API token, OAuth code/state, webhook secret, network tokens: none in any log table nor the app log', async ({
    client,
    assert,
  }) => {
    const secrets: Record<string, string> = {}
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const victim = await makeUser()
    const invitee = await makeUser()

    // Password reset: the mailed link opened by a signed-in user (who is logged), then used.
    await client
      .post('/forgot-password')
      .withCsrfToken()
      .withInertia()
      .json({ email: victim.email })
      .redirects(0)
    const resetMail = await waitForMail(victim.email)
    secrets.resetToken = resetMail.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)![1]
    await client.get(`/reset-password/${secrets.resetToken}`).loginAs(owner).withInertia()
    await client
      .get(`/reset-password/${secrets.resetToken}?next=/reset-password/${secrets.resetToken}`)
      .loginAs(owner)
      .redirects(0)
    await client.get(`/reset-password/${secrets.resetToken}`).withInertia()
    const reset = await client
      .post('/reset-password')
      .withCsrfToken()
      .withInertia()
      .json({
        token: secrets.resetToken,
        password: 'a brand new password',
        password_confirmation: 'a brand new password',
      })
      .redirects(0)
    assert.oneOf(reset.status(), [302, 303])

    // Invitation: sent, opened and accepted by the signed-in invitee.
    await client
      .post(`/w/${workspace.slug}/invitations`)
      .loginAs(owner)
      .withCsrfToken()
      .withInertia()
      .json({ email: invitee.email, role: 'editor' })
      .redirects(0)
    secrets.invitationToken = (await mailedInvitationToken(invitee.email)).token
    await client.get(`/invitations/${secrets.invitationToken}`).loginAs(invitee).withInertia()
    const accepted = await client
      .post(`/invitations/${secrets.invitationToken}/accept`)
      .loginAs(invitee)
      .withCsrfToken()
      .redirects(0)
    assert.oneOf(accepted.status(), [302, 303])

    // API token: created, used, and also (wrongly) sent in a query string by a careless client.
    const created = await client
      .post(`/w/${workspace.slug}/settings/api/tokens`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ name: 'Zapier', scope: 'write' })
      .redirects(0)
    secrets.apiToken = (created.flashMessage('apiTokenSecret') as { secret: string }).secret
    ;(
      await client.get('/api/v1/posts').header('authorization', `Bearer ${secrets.apiToken}`)
    ).assertStatus(200)
    await client.get(`/api/v1/posts?access_token=${secrets.apiToken}`)
    await client
      .get(`/w/${workspace.slug}/settings/api?token=${secrets.apiToken}`)
      .loginAs(owner)
      .withInertia()

    // OAuth: the network's code and our state ride in the callback's query string.
    const { callback, finish } = await connectViaOAuth(client, owner, workspace, 'x')
    assert.equal(finish.status(), 302)
    secrets.oauthCode = callback.searchParams.get('code')!
    secrets.oauthState = callback.searchParams.get('state')!
    const tokens = openToken(await SocialAccount.findByOrFail('network', 'x'))!
    secrets.networkAccessToken = tokens.accessToken
    secrets.networkRefreshToken = tokens.refreshToken!

    // Webhook: its signing secret is shown once.
    const hook = await client
      .post(`/w/${workspace.slug}/settings/webhooks`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ url: 'https://hooks.example/in', events: ['delivery.failed'] })
      .redirects(0)
    secrets.webhookSecret = (hook.flashMessage('webhookSecret') as { secret: string }).secret

    // A careless log call and an error report carrying secrets, as a future bug might write them.
    logger.error(
      {
        err: new Error(`GET /invitations/${secrets.invitationToken} failed`),
        request: { url: `/oauth/x/callback?code=${secrets.oauthCode}&state=${secrets.oauthState}` },
        account: { credentials: { refresh_token: secrets.networkRefreshToken } },
        hook: { secret: secrets.webhookSecret },
      },
      `could not handle /reset-password/${secrets.resetToken} with Bearer ${secrets.apiToken}`
    )
    logger.info(`token exchange answered {"access_token":"${secrets.networkAccessToken}"}`)

    await waitForAccessLogs(8)
    for (const [name, value] of Object.entries(secrets)) {
      assert.isString(value, name)
      assert.isAtLeast(value.length, 16, `${name} is a real secret`)
    }

    const rows: [string, string][] = []
    for (const table of LOG_TABLES) {
      for (const row of await db.from(table).select('*')) rows.push([table, JSON.stringify(row)])
    }
    assert.isAbove(rows.filter(([table]) => table === 'access_logs').length, 7)
    assert.isAbove(rows.filter(([table]) => table === 'audit_logs').length, 3)
    assert.isAbove(log.lines.length, 1)
    for (const [name, value] of Object.entries(secrets)) {
      for (const [table, row] of rows) assert.notInclude(row, value, `${name} found in ${table}`)
      for (const line of log.lines) assert.notInclude(line, value, `${name} found in the app log`)
    }

    // Still useful: the reset page is logged by its route, the workspace pages by their path.
    const paths = (await db.from('access_logs').select('path')).map((row) => row.path)
    assert.include(paths, '/reset-password/[redacted]')
    assert.include(paths, `/w/${workspace.slug}/settings/api`)
    for (const line of log.lines) assert.doesNotThrow(() => JSON.parse(line), line)
  })
})
