import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'
import encryption from '@adonisjs/core/services/encryption'
import SocialAccount from '#models/social_account'
import AuditLog from '#models/audit_log'
import type { TokenSet } from '#sdk'
import { openToken, sealToken } from '#services/token_vault'
import { keyringFromConfig, rotateSecrets } from '#services/privacy/key_rotation'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { aceOutput, allTables, connectAll, secretsOf, withAce, withFakes } from './_helpers.js'

const NEW_KEY = 'n3w-key-for-rotation-tests-0123456789abcdef'

/** Configures APP_KEY = NEW_KEY with the test's key as an old key, as an operator rotating would. */
function useRotatedKeys(keys = [NEW_KEY, env.get('APP_KEY').release()]) {
  const original = app.config.get('encryption')
  app.config.set(
    'encryption',
    defineConfig({ default: 'gcm', list: { gcm: drivers.aes256gcm({ keys, id: 'gcm' }) } })
  )
  return () => app.config.set('encryption', original)
}

const purposeOf = (account: SocialAccount) =>
  `social-token:${account.workspaceId}:${account.network}:${account.externalId}`

test.group('Privacy / secrets at rest', (group) => {
  withCleanState(group)
  withAce(group)
  const fakes = withFakes(group)

  test('no table holds a token or secret in plaintext after connecting on three networks', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const accounts = Object.values(await connectAll(client, owner, workspace, fakes))
    const secrets = secretsOf(accounts, fakes)
    // Access and refresh tokens of three networks, Mastodon's app secret, the Bluesky app password.
    assert.isAtLeast(secrets.length, 6)

    const tables = await allTables()
    assert.includeMembers(tables, [
      'social_accounts',
      'oauth_instance_apps',
      'audit_logs',
      'access_logs',
    ])
    let rowsScanned = 0
    for (const table of tables) {
      for (const row of await db.from(table).select('*')) {
        rowsScanned++
        const text = JSON.stringify(row)
        for (const secret of secrets)
          assert.notInclude(text, secret, `plaintext secret in ${table}`)
      }
    }
    assert.isAbove(rowsScanned, 5)
  })

  test('tokens:rotate-key re-encrypts every secret under the new key, the old key still decrypting', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    await connectAll(client, owner, workspace, fakes)
    const before = await SocialAccount.query().orderBy('id')
    const tokens = before.map((account) => openToken(account))
    const instanceApp = await db.from('oauth_instance_apps').firstOrFail()

    cleanup(useRotatedKeys())
    const command = await ace.exec('tokens:rotate-key', [])
    command.assertSucceeded()
    assert.match(aceOutput(), /4 secret\(s\) re-encrypted/)

    const { current } = await keyringFromConfig()
    const after = await SocialAccount.query().orderBy('id')
    after.forEach((account, index) => {
      assert.notEqual(account.tokenCiphertext, before[index].tokenCiphertext)
      assert.deepEqual(
        current.decrypt<TokenSet>(account.tokenCiphertext!, purposeOf(account)),
        tokens[index]
      )
      // The old key alone no longer opens it: it really is under the new key.
      assert.isNull(encryption.decrypt(account.tokenCiphertext!, purposeOf(account)))
    })
    const rotatedApp = await db.from('oauth_instance_apps').firstOrFail()
    assert.isString(
      current.decrypt(
        rotatedApp.client_secret_ciphertext,
        `instance-app:${instanceApp.network}:${instanceApp.instance_url}`
      )
    )
    assert.exists(await AuditLog.findBy('action', 'tokens.key_rotated'))

    ace.ui.logger.flushLogs()
    const again = await ace.exec('tokens:rotate-key', [])
    again.assertSucceeded()
    assert.match(aceOutput(), /0 secret\(s\) re-encrypted/)
  })

  test('an interrupted rotation resumes where it stopped; --dry-run changes nothing', async ({
    assert,
    cleanup,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    for (let n = 0; n < 5; n++) {
      const account = new SocialAccount().merge({
        workspaceId: workspace.id,
        network: 'mastodon',
        externalId: `acct-${n}`,
        handle: `@a${n}`,
        displayName: `A${n}`,
        status: 'connected',
        connectedAt: DateTime.now(),
      })
      sealToken(account, {
        accessToken: `access-token-number-${n}`,
        refreshToken: null,
        expiresAt: null,
      })
      await account.save()
    }
    const original = (await SocialAccount.query().orderBy('id')).map(
      (account) => account.tokenCiphertext
    )
    cleanup(useRotatedKeys())

    const dry = await ace.exec('tokens:rotate-key', ['--dry-run'])
    dry.assertSucceeded()
    assert.match(aceOutput(), /Dry run: 5 secret\(s\) would be re-encrypted/)
    assert.deepEqual(
      (await SocialAccount.query().orderBy('id')).map((account) => account.tokenCiphertext),
      original
    )

    const keyring = await keyringFromConfig()
    await assert.rejects(() =>
      rotateSecrets(keyring, {
        batchSize: 2,
        onBatch: () => {
          throw new Error('killed')
        },
      })
    )
    const halfway = await SocialAccount.query().orderBy('id')
    assert.equal(
      halfway.filter((account, index) => account.tokenCiphertext !== original[index]).length,
      2
    )

    const [accounts] = await rotateSecrets(keyring, { batchSize: 2 })
    assert.include(accounts, { scanned: 5, rotated: 3, alreadyCurrent: 2, undecryptable: 0 })
    for (const account of await SocialAccount.query().orderBy('id')) {
      assert.match(
        keyring.current.decrypt<TokenSet>(account.tokenCiphertext!, purposeOf(account))!
          .accessToken,
        /^access-token-number-\d$/
      )
    }
  })

  test('a secret no configured key opens is reported and the command fails', async ({
    assert,
    cleanup,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const account = new SocialAccount().merge({
      workspaceId: workspace.id,
      network: 'mastodon',
      externalId: 'lost',
      handle: '@lost',
      displayName: 'Lost',
      status: 'connected',
      connectedAt: DateTime.now(),
    })
    sealToken(account, {
      accessToken: 'sealed-under-the-forgotten-key',
      refreshToken: null,
      expiresAt: null,
    })
    await account.save()
    // The old key was dropped from APP_OLD_KEYS too early.
    cleanup(useRotatedKeys([NEW_KEY]))
    const command = await ace.exec('tokens:rotate-key', [])
    assert.equal(command.exitCode, 1)
    assert.match(aceOutput(), /1 secret\(s\) open with none of the configured keys/)
    await account.refresh()
    assert.isNotNull(account.tokenCiphertext)
  })
})
