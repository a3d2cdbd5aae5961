import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import SocialAccount from '#models/social_account'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import Workspace from '#models/workspace'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import { PASSWORD, addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { aceOutput, connectAll, withAce, withFakes, type Fakes } from './_helpers.js'

function accessTokens(accounts: Record<string, SocialAccount>) {
  return Object.fromEntries(
    Object.entries(accounts).map(([network, account]) => [network, openToken(account)!.accessToken])
  )
}

function validAtNetwork(fakes: Fakes, tokens: Record<string, string>) {
  return {
    mastodon: fakes.mastodon.isTokenValid(tokens.mastodon),
    bluesky: fakes.bluesky.isTokenValid(tokens.bluesky),
    x: fakes.x.isTokenValid(tokens.x),
  }
}

const NONE_VALID = { mastodon: false, bluesky: false, x: false }

test.group('Privacy / token revocation', (group) => {
  withCleanState(group)
  withAce(group)
  const fakes = withFakes(group)

  test('tokens:revoke --workspace revokes at all three networks, deletes the tokens and marks the accounts for reconnection', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const accounts = await connectAll(client, owner, workspace, fakes)
    const tokens = accessTokens(accounts)
    assert.deepEqual(validAtNetwork(fakes, tokens), { mastodon: true, bluesky: true, x: true })

    const command = await ace.exec('tokens:revoke', [`--workspace=${workspace.slug}`])
    command.assertSucceeded()
    assert.deepEqual(validAtNetwork(fakes, tokens), NONE_VALID)
    for (const account of await SocialAccount.query().where('workspace_id', workspace.id)) {
      assert.isNull(account.tokenCiphertext)
      assert.equal(account.status, 'needs_reconnection')
    }
    const output = aceOutput()
    for (const account of Object.values(accounts))
      assert.match(output, new RegExp(`#${account.id}.*${account.network}.*revoked`))
    assert.match(output, /3 account\(s\) now need reconnection: 3 revoked at the network/)
    const entry = await AuditLog.findByOrFail('action', 'tokens.revoked')
    assert.deepInclude(entry.meta, { target: { workspace: workspace.slug }, dryRun: false })
  })

  test('a network that is down still loses the token locally, and the command exits 1', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { mastodon } = await connectAll(client, owner, workspace, fakes)
    fakes.mastodon.server.failNext('^/oauth/revoke$', { kind: 'status', status: 503 })

    const command = await ace.exec('tokens:revoke', [`--account=${mastodon.id}`])
    assert.equal(command.exitCode, 1)
    await mastodon.refresh()
    assert.isNull(mastodon.tokenCiphertext)
    assert.equal(mastodon.status, 'needs_reconnection')
    assert.match(aceOutput(), new RegExp(`#${mastodon.id}.*mastodon.*failed`))
    assert.match(aceOutput(), /did not confirm the revocation/)
    // The other accounts were not touched.
    assert.lengthOf(await SocialAccount.query().where('status', 'connected'), 2)
  })

  test('--dry-run lists the accounts and changes nothing; --user and --network select', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const accounts = await connectAll(client, owner, workspace, fakes)
    const tokens = accessTokens(accounts)

    const dry = await ace.exec('tokens:revoke', ['--all', '--dry-run'])
    dry.assertSucceeded()
    assert.match(
      aceOutput(),
      /Dry run: 3 account\(s\) would have their token revoked; nothing changed/
    )
    assert.deepEqual(validAtNetwork(fakes, tokens), { mastodon: true, bluesky: true, x: true })
    assert.lengthOf(
      await SocialAccount.query().where('status', 'connected').whereNotNull('token_ciphertext'),
      3
    )

    const other = await makeUser()
    const none = await ace.exec('tokens:revoke', [`--user=${other.email}`])
    none.assertSucceeded()
    assert.match(aceOutput(), /No connected account matches/)

    const byNetwork = await ace.exec('tokens:revoke', ['--network=x'])
    byNetwork.assertSucceeded()
    assert.deepEqual(validAtNetwork(fakes, tokens), { mastodon: true, bluesky: true, x: false })

    const byUser = await ace.exec('tokens:revoke', [`--user=${owner.email}`])
    byUser.assertSucceeded()
    assert.deepEqual(validAtNetwork(fakes, tokens), NONE_VALID)
  })

  test('refuses a missing or double selector and an unknown target with exit code 1', async ({
    assert,
  }) => {
    for (const args of [
      [],
      ['--all', '--network=x'],
      ['--user=nobody@example.com'],
      ['--workspace=nope'],
      ['--account=999'],
    ]) {
      ace.ui.logger.flushLogs()
      const command = await ace.exec('tokens:revoke', args)
      assert.equal(command.exitCode, 1, `tokens:revoke ${args.join(' ')}`)
      assert.match(aceOutput(), /exactly one of|No user|No workspace|No connected account/)
    }
  })

  test('disconnecting from the Channels page revokes at each network', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const accounts = await connectAll(client, owner, workspace, fakes)
    const tokens = accessTokens(accounts)
    for (const account of Object.values(accounts)) {
      await client
        .delete(`/w/${workspace.slug}/channels/${account.id}`)
        .loginAs(owner)
        .withCsrfToken()
        .redirects(0)
    }
    assert.deepEqual(validAtNetwork(fakes, tokens), NONE_VALID)
  })

  test('deleting my account revokes the tokens of the workspace that goes with me, at once', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const accounts = await connectAll(client, owner, workspace, fakes)
    const tokens = accessTokens(accounts)

    const response = await client
      .delete('/privacy/account')
      .loginAs(owner)
      .withCsrfToken()
      .withInertia()
      .json({ currentPassword: PASSWORD })
      .redirects(0)
    assert.oneOf(response.status(), [302, 303])
    assert.equal(response.header('location'), '/login')
    assert.deepEqual(validAtNetwork(fakes, tokens), NONE_VALID)
    assert.isNull(await User.find(owner.id))
    assert.isNull(await Workspace.find(workspace.id))
    assert.lengthOf(await SocialAccount.all(), 0)
  })

  test('accounts of a shared workspace stay connected for the team when the member who connected them leaves', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { user: admin } = await addMember(workspace, 'admin')
    const accounts = await connectAll(client, admin, workspace, fakes)
    const tokens = accessTokens(accounts)

    await client
      .delete('/privacy/account')
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .json({ currentPassword: PASSWORD })
      .redirects(0)
    assert.isNull(await User.find(admin.id))
    assert.deepEqual(validAtNetwork(fakes, tokens), { mastodon: true, bluesky: true, x: true })
    const remaining = await SocialAccount.query().where('workspace_id', workspace.id)
    assert.lengthOf(remaining, 3)
    for (const account of remaining) assert.isNull(account.connectedById)
  })
})
