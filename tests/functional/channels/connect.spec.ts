import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import SocialAccount from '#models/social_account'
import AuditLog from '#models/audit_log'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { PluginsConfig } from '#config/plugins'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { FakeMastodon } from '#plugins/mastodon/fake/server'
import { FakeBluesky } from '#plugins/bluesky/fake/server'
import { FakeX } from '#plugins/x/fake/server'
import { connectViaOAuth } from './_oauth.js'

test.group('Channels: connecting and disconnecting accounts', (group) => {
  withCleanState(group)

  let mastodon: FakeMastodon
  let bluesky: FakeBluesky
  let x: FakeX
  let owner: User
  let workspace: Workspace

  group.each.setup(async () => {
    ;[mastodon, bluesky, x] = await Promise.all([
      FakeMastodon.start(),
      FakeBluesky.start(),
      FakeX.start(),
    ])
    // Point X at its fake, as an operator would point it at a proxy.
    app.config.get<PluginsConfig>('plugins').settings.x = x.settings
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
    return async () => {
      await Promise.all([mastodon.close(), bluesky.close(), x.close()])
    }
  })

  test('connects Mastodon through per-instance OAuth, with the token encrypted at rest', async ({
    client,
    assert,
  }) => {
    const { start, consentUrl, finish } = await connectViaOAuth(
      client,
      owner,
      workspace,
      'mastodon',
      { instance: mastodon.instanceUrl }
    )
    assert.equal(start.status(), 302)
    assert.match(consentUrl, /\/oauth\/authorize\?.*code_challenge_method=S256/)
    assert.equal(finish.status(), 302)
    assert.equal(finish.header('location'), `/w/${workspace.slug}/channels`)

    const account = await SocialAccount.findByOrFail('network', 'mastodon')
    assert.equal(account.workspaceId, workspace.id)
    assert.equal(account.status, 'connected')
    const token = openToken(account)!
    assert.isTrue(mastodon.isTokenValid(token.accessToken))
    assert.notInclude(account.tokenCiphertext!, token.accessToken)
    assert.exists(await AuditLog.findBy('action', 'channel.connected'))
  })

  test('connects X through OAuth 2 with PKCE and Bluesky with an app password', async ({
    client,
    assert,
  }) => {
    await connectViaOAuth(client, owner, workspace, 'x')
    const credentials = await client
      .post(`/w/${workspace.slug}/channels/bluesky/credentials`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ values: bluesky.credentials })
      .redirects(0)
    assert.equal(credentials.status(), 302)

    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .orderBy('network')
    assert.deepEqual(
      accounts.map((a) => [a.network, a.status]),
      [
        ['bluesky', 'connected'],
        ['x', 'connected'],
      ]
    )
    for (const account of accounts)
      assert.notInclude(account.tokenCiphertext!, bluesky.account.password)
  })

  test('the Channels page lists accounts without a single secret', async ({ client, assert }) => {
    await connectViaOAuth(client, owner, workspace, 'mastodon', { instance: mastodon.instanceUrl })
    await connectViaOAuth(client, owner, workspace, 'x')
    const accounts = await SocialAccount.all()
    const secrets = accounts.flatMap((account) => {
      const token = openToken(account)!
      return [
        token.accessToken,
        token.refreshToken,
        ...Object.values(token.extra ?? {}),
        account.tokenCiphertext,
      ].filter(Boolean) as string[]
    })

    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(owner).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('channels/index')
    const props = page.inertiaProps as {
      channels: { network: string; status: string }[]
      networks: { id: string }[]
    }
    assert.sameMembers(
      props.channels.map((c) => c.network),
      ['mastodon', 'x']
    )
    assert.includeMembers(
      props.networks.map((n) => n.id),
      ['bluesky', 'mastodon', 'x']
    )
    const body = page.text()
    for (const secret of secrets) assert.notInclude(body, secret)
  })

  test('disconnecting revokes at the network, deletes the token at once and schedules the purge', async ({
    client,
    assert,
  }) => {
    await connectViaOAuth(client, owner, workspace, 'mastodon', { instance: mastodon.instanceUrl })
    const account = await SocialAccount.findByOrFail('network', 'mastodon')
    const accessToken = openToken(account)!.accessToken

    const response = await client
      .delete(`/w/${workspace.slug}/channels/${account.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.status(), 302)

    await account.refresh()
    assert.isNull(account.tokenCiphertext)
    assert.equal(account.status, 'disconnected')
    assert.isFalse(mastodon.isTokenValid(accessToken))
    const days = account.purgeAfter!.diff(account.disconnectedAt!, 'days').days
    assert.approximately(days, 30, 0.01)
    const audit = await AuditLog.findByOrFail('action', 'channel.disconnected')
    assert.equal(audit.meta?.revocation, 'revoked')

    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(owner).withInertia()
    assert.lengthOf((page.inertiaProps as { channels: unknown[] }).channels, 0)
  })

  test('a network that is down does not keep the token alive locally', async ({
    client,
    assert,
  }) => {
    await connectViaOAuth(client, owner, workspace, 'mastodon', { instance: mastodon.instanceUrl })
    const account = await SocialAccount.findByOrFail('network', 'mastodon')
    mastodon.server.failNext('^/oauth/revoke$', { kind: 'status', status: 503 })

    await client
      .delete(`/w/${workspace.slug}/channels/${account.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    await account.refresh()
    assert.isNull(account.tokenCiphertext)
    assert.equal(
      (await AuditLog.findByOrFail('action', 'channel.disconnected')).meta?.revocation,
      'failed'
    )
  })

  test('a callback with a forged or replayed state connects nothing', async ({
    client,
    assert,
  }) => {
    const { finish } = await connectViaOAuth(client, owner, workspace, 'mastodon', {
      instance: mastodon.instanceUrl,
    })
    assert.equal(finish.status(), 302)
    await SocialAccount.query().delete()

    const replay = await client
      .get(`/oauth/mastodon/callback?code=abc&state=${'x'.repeat(32)}`)
      .loginAs(owner)
      .redirects(0)
    assert.equal(replay.status(), 302)
    assert.equal(replay.header('location'), '/')
    assert.lengthOf(await SocialAccount.all(), 0)
  })

  test('editors and viewers cannot connect or disconnect; viewers still see the page', async ({
    client,
    assert,
  }) => {
    const { user: editor } = await addMember(workspace, 'editor')
    const { user: viewer } = await addMember(workspace, 'viewer')
    await connectViaOAuth(client, owner, workspace, 'mastodon', { instance: mastodon.instanceUrl })
    const account = await SocialAccount.findByOrFail('network', 'mastodon')

    const attempt = await client
      .post(`/w/${workspace.slug}/channels/mastodon/authorize`)
      .loginAs(editor)
      .withCsrfToken()
      .json({ instance: mastodon.instanceUrl })
      .redirects(0)
    assert.notEqual(attempt.header('location') ?? '', '')
    assert.notMatch(attempt.header('location') ?? '', /oauth\/authorize/)

    await client
      .delete(`/w/${workspace.slug}/channels/${account.id}`)
      .loginAs(viewer)
      .withCsrfToken()
      .redirects(0)
    await account.refresh()
    assert.equal(account.status, 'connected')

    const page = await client.get(`/w/${workspace.slug}/channels`).loginAs(viewer).withInertia()
    page.assertStatus(200)
  })
})
