import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import MediaAsset from '#models/media_asset'
import SocialAccount from '#models/social_account'
import Webhook from '#models/webhook'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import plugins from '#services/plugins'
import { outboundPolicy } from '#sdk'
import { postWebhook } from '#services/webhooks/send'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { FakeBluesky } from '#plugins/bluesky/fake/server'
import { hostileUrls, startRedirector, startTrap } from './_hostile.js'

/** Captures the app log's warnings (the admin's view) while still writing them. */
function captureWarnings(cleanup: (fn: () => void) => void) {
  const warnings: Record<string, unknown>[] = []
  const original = logger.warn
  logger.warn = function (this: typeof logger, ...args: unknown[]) {
    if (args[0] && typeof args[0] === 'object') warnings.push(args[0] as Record<string, unknown>)
    return (original as (...a: unknown[]) => void).apply(this, args)
  } as typeof logger.warn
  cleanup(() => {
    logger.warn = original
  })
  return warnings
}

/**
 * Addresses that pass when typed (a public host) but lead somewhere private later: a
 * redirect, an address chosen by a server's answer, a saved address whose DNS changed.
 * Every request is checked where it is made, so none of them reaches the internal service.
 */
test.group('Security: every outbound request is checked, not only the typed address', (group) => {
  withCleanState(group)

  let owner: User
  let workspace: Workspace
  let trap: Awaited<ReturnType<typeof startTrap>>
  let redirector: Awaited<ReturnType<typeof startRedirector>>

  group.each.setup(async () => {
    trap = await startTrap()
    redirector = await startRedirector(`http://127.0.0.1:${trap.port}/internal`)
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
    return async () => {
      await redirector.close()
      await trap.close()
    }
  })

  const connectBluesky = (client: any, values: Record<string, string>) =>
    client
      .post(`/w/${workspace.slug}/channels/bluesky/credentials`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ values })
      .redirects(0)

  test('redirects to a private address are never followed, wherever the URL was typed', async ({
    client,
    assert,
  }) => {
    const library = await client
      .post(`/w/${workspace.slug}/media/import`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ url: `${redirector.url}/photo.jpg` })
      .redirects(0)
    assert.equal(library.status(), 422)
    assert.equal(library.body().rejected[0].code, 'import_blocked')

    const bluesky = await connectBluesky(client, {
      service: redirector.url,
      handle: 'alice.example',
      appPassword: 'abcd-efgh',
    })
    assert.equal(bluesky.status(), 302)
    assert.match(String(bluesky.flashMessage('error')), /could not be reached/)

    const mastodon = await client
      .post(`/w/${workspace.slug}/channels/mastodon/authorize`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ instance: redirector.url })
      .redirects(0)
    assert.equal(mastodon.status(), 302)
    assert.notMatch(mastodon.header('location') ?? '', /oauth\/authorize/)

    const delivery = await postWebhook(`${redirector.url}/hook`, '{}', {})
    assert.deepEqual([delivery.ok, delivery.status], [false, 302])

    assert.isAtLeast(redirector.hits, 4)
    assert.lengthOf(await SocialAccount.all(), 0)
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.equal(trap.connections, 0)
  })

  test('Bluesky: a PDS endpoint chosen by the server answer is checked; the session is closed and the admin told why', async ({
    client,
    assert,
    cleanup,
  }) => {
    const warnings = captureWarnings(cleanup)
    const bluesky = await FakeBluesky.start()
    cleanup(() => bluesky.close())
    bluesky.pdsEndpoint = `http://127.0.0.1:${trap.port}`

    const response = await connectBluesky(client, bluesky.credentials)
    assert.equal(response.status(), 302)
    assert.match(String(response.flashMessage('error')), /profile could not be read/)
    assert.lengthOf(await SocialAccount.all(), 0)
    assert.equal(trap.connections, 0)

    // The session it opened was ended with deleteSession, at the server that issued it.
    const created = bluesky.server.requestsTo('POST', '/xrpc/com.atproto.server.createSession')
    const deleted = bluesky.server.requestsTo('POST', '/xrpc/com.atproto.server.deleteSession')
    assert.lengthOf(created, 1)
    assert.lengthOf(deleted, 1)
    const refreshed = bluesky.sessions.refresh(deleted[0].bearer!)
    assert.property(refreshed, 'problem', 'the refresh token no longer works')

    const logged = warnings.find((entry) => entry.network === 'bluesky')
    assert.equal(logged?.code, 'profile_lookup_failed')
    assert.match(String(logged?.reason), /not a public address/)
    assert.notInclude(JSON.stringify(warnings), bluesky.account.password)
  })

  test('Bluesky: a refused login and an unreachable server say so, differently', async ({
    client,
    assert,
    cleanup,
  }) => {
    const warnings = captureWarnings(cleanup)
    const bluesky = await FakeBluesky.start()
    cleanup(() => bluesky.close())

    const refused = await connectBluesky(client, { ...bluesky.credentials, appPassword: 'wrong' })
    assert.match(String(refused.flashMessage('error')), /refused this login/)
    assert.lengthOf(bluesky.server.requestsTo('POST', '/xrpc/com.atproto.server.deleteSession'), 0)

    // Nothing listens there any more, though the address itself is allowed.
    const service = bluesky.credentials.service
    await bluesky.close()
    cleanup(outboundPolicy.allow(new URL(service).host))
    const down = await connectBluesky(client, { ...bluesky.credentials, service })
    assert.match(String(down.flashMessage('error')), /could not be reached/)

    assert.deepEqual(
      warnings.filter((entry) => entry.network === 'bluesky').map((entry) => entry.code),
      ['login_refused', 'server_unreachable']
    )
    assert.notInclude(JSON.stringify(warnings), 'wrong')
  })

  test('Mastodon: every later call to a saved instance is checked again', async ({ assert }) => {
    const plugin = await plugins.get('mastodon')
    for (const instanceUrl of hostileUrls(trap.port).slice(0, 12)) {
      const account = await SocialAccount.create({
        workspaceId: workspace.id,
        network: 'mastodon',
        externalId: '1',
        handle: '@bakery@mastodon.example',
        displayName: 'Bakery',
        status: 'connected',
        connectedAt: DateTime.now(),
        meta: { instanceUrl },
      })
      const ctx = {
        ...plugins.contextFor(plugin),
        account: account.toPluginProfile(),
        token: { accessToken: 'token', expiresAt: null },
      }
      const stats = await plugin.fetchStats!(ctx, ['1'])
      assert.equal(stats.status, 'error', instanceUrl)
      if (stats.status === 'error') {
        assert.equal(stats.code, 'forbidden_address', instanceUrl)
        assert.isFalse(stats.retryable, instanceUrl)
      }
      await account.delete()
    }
    assert.equal(trap.connections, 0)
  })

  test('webhooks: a saved target is checked again at every delivery', async ({ assert }) => {
    // Saved when it was fine, then its name moved: the row holds what the database holds.
    for (const url of hostileUrls(trap.port)) {
      const hook = await Webhook.create({
        workspaceId: workspace.id,
        url,
        events: ['delivery.failed'],
        active: true,
        secretCiphertext: 'x',
        createdById: owner.id,
      })
      const delivery = await postWebhook(hook.url, '{}', {})
      assert.isFalse(delivery.ok, url)
      assert.isNull(delivery.ok ? null : delivery.status, url)
      await hook.delete()
    }
    assert.lengthOf(await db.from('webhook_deliveries'), 0)
    assert.equal(trap.connections, 0)
  })
})
