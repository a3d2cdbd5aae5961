import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { DateTime } from 'luxon'
import ace from '@adonisjs/core/services/ace'
import SocialAccount from '#models/social_account'
import AccessLog from '#models/access_log'
import AuditLog from '#models/audit_log'
import DataExport from '#models/data_export'
import { disconnectAccount } from '#actions/channels/disconnect_account'
import { deleteAccount } from '#actions/privacy/delete_account'
import { runPurges } from '#services/retention'
import AccountConfirmation from '#models/account_confirmation'
import { consumeConfirmation, issueConfirmation } from '#services/accounts/account_confirmations'
import { exportFilePath } from '#services/privacy/exports'
import { audit } from '#services/audit'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { aceOutput, connectAll, withAce, withFakes } from './_helpers.js'

const POLICY = { accessLogDays: 90, auditLogDays: 365, pendingSignupDays: 7 }

async function exportFile(userId: number, expiresAt: DateTime) {
  const fileKey = `exports/test-${userId}-${expiresAt.toMillis()}.zip`
  await mkdir(dirname(exportFilePath(fileKey)), { recursive: true })
  await writeFile(exportFilePath(fileKey), 'zip')
  return DataExport.create({ userId, status: 'ready', fileKey, expiresAt })
}

test.group('Privacy / purges', (group) => {
  withCleanState(group)
  withAce(group)
  const fakes = withFakes(group)

  test('a disconnected account keeps its cached profile for 29 days and loses it by day 31', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { mastodon } = await connectAll(client, owner, workspace, fakes)
    const handle = mastodon.handle
    await disconnectAccount(mastodon)
    const disconnectedAt = mastodon.disconnectedAt!

    const day29 = await runPurges(POLICY, { now: disconnectedAt.plus({ days: 29 }) })
    assert.equal(day29.disconnectedAccounts, 0)
    await mastodon.refresh()
    assert.equal(mastodon.handle, handle)
    assert.isNotNull(mastodon.meta)

    const day31 = await runPurges(POLICY, { now: disconnectedAt.plus({ days: 31 }) })
    assert.equal(day31.disconnectedAccounts, 1)
    await mastodon.refresh()
    assert.deepInclude(mastodon.$attributes, {
      handle: '',
      displayName: '',
      avatarUrl: null,
      profileUrl: null,
      meta: null,
      purgeAfter: null,
      tokenCiphertext: null,
    })
    assert.equal(mastodon.externalId, `purged-${mastodon.id}`)
    // Connected accounts are never touched, and a second run finds nothing more.
    assert.lengthOf(await SocialAccount.query().where('status', 'connected'), 2)
    assert.equal(
      (await runPurges(POLICY, { now: disconnectedAt.plus({ days: 40 }) })).disconnectedAccounts,
      0
    )
  })

  test('expired exports lose their file and row; live ones stay', async ({ assert }) => {
    const user = await makeUser()
    const now = DateTime.now()
    const expired = await exportFile(user.id, now.minus({ hours: 1 }))
    const live = await exportFile(user.id, now.plus({ days: 3 }))

    const report = await runPurges(POLICY, { now })
    assert.equal(report.expiredExports, 1)
    assert.isFalse(existsSync(exportFilePath(expired.fileKey!)))
    assert.isNull(await DataExport.find(expired.id))
    assert.isTrue(existsSync(exportFilePath(live.fileKey!)))
  })

  test('an unconfirmed sign-up is kept 7 days, then goes; confirmed ones and e-mail changes stay', async ({
    assert,
  }) => {
    const user = await makeUser()
    const signup = (email: string) =>
      issueConfirmation('signup', email, {
        fullName: 'Pending',
        passwordHash: 'hash',
        locale: 'fr',
      })
    await signup('pending@example.com')
    await signup('confirmed@example.com')
    await issueConfirmation('email_change', 'new@example.com', { userId: user.id })
    const confirmed = await AccountConfirmation.findByOrFail('email', 'confirmed@example.com')
    assert.isTrue(await consumeConfirmation(confirmed))
    const issuedAt = DateTime.now()

    assert.equal((await runPurges(POLICY, { now: issuedAt.plus({ days: 6 }) })).pendingSignups, 0)
    const dryRun = await runPurges(POLICY, { now: issuedAt.plus({ days: 8 }), dryRun: true })
    assert.equal(dryRun.pendingSignups, 1)
    assert.lengthOf(await AccountConfirmation.all(), 3)

    const day8 = await runPurges(POLICY, { now: issuedAt.plus({ days: 8 }) })
    assert.equal(day8.pendingSignups, 1)
    assert.sameMembers(
      (await AccountConfirmation.all()).map((row) => row.email),
      ['confirmed@example.com', 'new@example.com']
    )
    assert.equal((await runPurges(POLICY, { now: issuedAt.plus({ days: 9 }) })).pendingSignups, 0)
  })

  test('what a deleted user left behind goes: access log, exports; audit entries lose actor and IP', async ({
    assert,
  }) => {
    const user = await makeUser()
    const bystander = await makeUser()
    await makeWorkspace(user)
    await AccessLog.create({
      userId: user.id,
      method: 'GET',
      path: '/privacy',
      status: 200,
      durationMs: 2,
      ip: '203.0.113.7',
    })
    await AccessLog.create({
      userId: bystander.id,
      method: 'GET',
      path: '/',
      status: 200,
      durationMs: 2,
    })
    await audit({
      action: 'profile.email_changed',
      actorId: user.id,
      subjectType: 'user',
      subjectId: user.id,
      meta: { from: 'old@example.com', to: user.email },
      ip: '203.0.113.7',
    })
    const leftover = await exportFile(user.id, DateTime.now().plus({ days: 5 }))

    const result = await deleteAccount(user, { via: 'cli' })
    assert.isTrue(result.ok)
    // At once: the audit trail no longer names them.
    const entry = await AuditLog.findByOrFail('action', 'profile.email_changed')
    assert.deepInclude(entry.$attributes, { actorId: null, ip: null, meta: null })

    const report = await runPurges(POLICY)
    assert.include(report, { deletedUsers: 1, deletedUserAccessLogs: 1, deletedUserExports: 1 })
    assert.deepEqual(
      (await AccessLog.all()).map((row) => row.userId),
      [bystander.id]
    )
    assert.isFalse(existsSync(exportFilePath(leftover.fileKey!)))
    assert.isNull(await DataExport.find(leftover.id))
    assert.exists(await AuditLog.findBy('action', 'user.deleted'))
    // Done once: the next run has nothing left of them.
    assert.include(await runPurges(POLICY), { deletedUsers: 0, deletedUserAccessLogs: 0 })
  })

  test('data:purge --dry-run counts and changes nothing; data:purge removes and is audited', async ({
    assert,
  }) => {
    const user = await makeUser()
    await AccessLog.create({
      userId: user.id,
      method: 'GET',
      path: '/old',
      status: 200,
      durationMs: 1,
      createdAt: DateTime.now().minus({ days: 120 }),
    })
    await AccessLog.create({
      userId: user.id,
      method: 'GET',
      path: '/new',
      status: 200,
      durationMs: 1,
    })
    await exportFile(user.id, DateTime.now().minus({ days: 1 }))

    const dry = await ace.exec('data:purge', ['--dry-run'])
    dry.assertSucceeded()
    assert.match(aceOutput(), /access-log entries past retention.*1/)
    assert.match(aceOutput(), /expired exports.*1/)
    assert.match(aceOutput(), /Dry run: nothing was removed/)
    assert.lengthOf(await AccessLog.all(), 2)
    assert.lengthOf(await DataExport.all(), 1)

    ace.ui.logger.flushLogs()
    const run = await ace.exec('data:purge', [])
    run.assertSucceeded()
    assert.match(aceOutput(), /Purges done/)
    assert.deepEqual(
      (await AccessLog.all()).map((row) => row.path),
      ['/new']
    )
    assert.lengthOf(await DataExport.all(), 0)
    const entries = await AuditLog.query().where('action', 'privacy.purged').orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [
        entry.meta?.dryRun,
        entry.meta?.accessLogs,
        entry.meta?.expiredExports,
      ]),
      [
        [true, 1, 1],
        [false, 1, 1],
      ]
    )
  })
})
