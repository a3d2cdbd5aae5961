import { test } from '@japa/runner'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rm } from 'node:fs/promises'
import { DateTime } from 'luxon'
import ace from '@adonisjs/core/services/ace'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import DataExport from '#models/data_export'
import queue from '#queue/main'
import DataExportJob from '#jobs/data_export_job'
import type { Manifest } from '#services/privacy/export_writer'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, waitForMail } from '#tests/helpers/outbox'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import {
  aceOutput,
  allTables,
  connectAll,
  secretsOf,
  unzip,
  withAce,
  withFakes,
} from './_helpers.js'

const ACCESS_ROWS = 1203 // more than two pages of 500

async function seedAccessLog(userId: number) {
  const now = DateTime.now().toFormat(db.connection().dialect.dateTimeFormat)
  const rows = Array.from({ length: ACCESS_ROWS }, (_, n) => ({
    user_id: userId,
    method: 'GET',
    path: `/page/${n}`,
    status: 200,
    duration_ms: 3,
    ip: '198.51.100.4',
    created_at: now,
  }))
  for (let i = 0; i < rows.length; i += 200)
    await db.table('access_logs').multiInsert(rows.slice(i, i + 200))
}

/** A post with one delivery, when the publishing tables exist on this install. */
async function seedPost(userId: number, workspaceId: number, accountId: number) {
  const tables = await allTables()
  if (!tables.includes('posts') || !tables.includes('deliveries')) return false
  const now = DateTime.now().toFormat(db.connection().dialect.dateTimeFormat)
  const [post] = await db
    .table('posts')
    .insert({
      workspace_id: workspaceId,
      author_id: userId,
      body: 'Fresh croissants, "warm", today',
      status: 'published',
      created_at: now,
    })
    .returning('id')
  const postId = typeof post === 'object' ? post.id : post
  await db.table('deliveries').insert({
    post_id: postId,
    workspace_id: workspaceId,
    social_account_id: accountId,
    network: 'mastodon',
    status: 'published',
    idempotency_key: '7a1c0c4e-0000-4000-8000-000000000001',
    external_id: '111',
    created_at: now,
  })
  return true
}

function csvLines(text: string) {
  return text.split('\r\n').filter(Boolean)
}

test.group('Privacy / GDPR export', (group) => {
  withCleanState(group)
  withAce(group)
  const fakes = withFakes(group)

  test('data:export writes a ZIP of JSON + CSV per dataset with a manifest, paged, and never a token', async ({
    client,
    assert,
    cleanup,
  }) => {
    const user = await makeUser({ fullName: 'Ada Lovelace' })
    const workspace = await makeWorkspace(user)
    const accounts = await connectAll(client, user, workspace, fakes)
    const secrets = secretsOf(Object.values(accounts), fakes)
    await seedAccessLog(user.id)
    const withPosts = await seedPost(user.id, workspace.id, accounts.mastodon.id)
    const out = join(tmpdir(), `pistache-export-${process.pid}-${Date.now()}.zip`)
    cleanup(() => rm(out, { force: true }))

    const command = await ace.exec('data:export', [`--user=${user.email}`, `--out=${out}`])
    command.assertSucceeded()
    assert.match(aceOutput(), new RegExp(`Export of ${user.email} written to`))
    assert.match(aceOutput(), /access_log\W+\d{4}/)

    const files = await unzip(out)
    const manifest = JSON.parse(files.get('manifest.json')!) as Manifest
    assert.equal(manifest.subject.email, user.email)
    // Every file is described, and every described file is there.
    assert.sameMembers(
      [...files.keys()].filter((name) => name !== 'manifest.json'),
      manifest.files.map((file) => file.path)
    )
    for (const file of manifest.files) {
      for (const field of ['holds', 'purpose', 'recipients', 'retention'] as const) {
        assert.isAbove(file[field].length, 5, `${file.path}: ${field}`)
        assert.notMatch(file[field], /^privacy\./, `${file.path}: untranslated ${field}`)
      }
    }
    const datasets = manifest.files
      .filter((file) => file.format === 'json')
      .map((file) => file.dataset)
    assert.includeMembers(datasets, [
      'profile',
      'memberships',
      'connected_accounts',
      'access_log',
      'audit_log',
    ])
    if (withPosts) assert.includeMembers(datasets, ['posts', 'deliveries'])

    const profile = JSON.parse(files.get('profile.json')!)
    assert.deepInclude(profile[0], { email: user.email, full_name: 'Ada Lovelace' })
    assert.notProperty(profile[0], 'password')
    const memberships = JSON.parse(files.get('memberships.json')!)
    assert.deepInclude(memberships[0], { workspace_slug: workspace.slug, role: 'owner' })
    const connected = JSON.parse(files.get('connected_accounts.json')!)
    assert.sameMembers(
      connected.map((row: any) => row.network),
      ['mastodon', 'bluesky', 'x']
    )
    for (const row of connected) assert.notProperty(row, 'token_ciphertext')

    const access = JSON.parse(files.get('access_log.json')!)
    // The requests that connected the accounts are logged too (after their responses): count ours.
    assert.lengthOf(
      access.filter((row: any) => row.path.startsWith('/page/')),
      ACCESS_ROWS
    )
    assert.equal(new Set(access.map((row: any) => row.id)).size, access.length)
    assert.equal(
      manifest.files.find((file) => file.path === 'access_log.json')!.records,
      access.length
    )
    const accessCsv = csvLines(files.get('access_log.csv')!)
    assert.equal(
      accessCsv[0],
      'id,workspace_id,ip,user_agent,method,route,path,status,duration_ms,created_at'
    )
    assert.lengthOf(accessCsv, access.length + 1)
    if (withPosts) {
      assert.equal(JSON.parse(files.get('posts.json')!)[0].body, 'Fresh croissants, "warm", today')
      assert.include(files.get('posts.csv')!, '"Fresh croissants, ""warm"", today"')
      assert.lengthOf(JSON.parse(files.get('deliveries.json')!), 1)
    }

    const everything = [...files.values()].join('\n')
    for (const secret of secrets) assert.notInclude(everything, secret)
    assert.exists(await AuditLog.findBy('action', 'privacy.exported'))
  })

  test('data:export fails with exit code 1 for an unknown user', async ({ assert }) => {
    const command = await ace.exec('data:export', [
      '--user=nobody@example.com',
      '--out=/tmp/never.zip',
    ])
    assert.equal(command.exitCode, 1)
    assert.match(aceOutput(), /No user with e-mail nobody@example.com/)
  })

  test('self-service: the request is queued, the job writes the ZIP and mails an expiring link only the owner can use', async ({
    client,
    assert,
    cleanup,
  }) => {
    await clearOutbox()
    const user = await makeUser()
    await makeWorkspace(user)
    const requested = await client
      .post('/privacy/exports')
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.equal(requested.header('location'), '/privacy')
    const dataExport = await DataExport.query().where('user_id', user.id).firstOrFail()
    assert.equal(dataExport.status, 'pending')
    const job = await queue.use('purge').getJob(`data-export-${dataExport.id}`)
    assert.equal(job?.name, 'data_export')
    assert.deepEqual(job?.data, { exportId: dataExport.id })

    const again = await client
      .post('/privacy/exports')
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.match(String(again.flashMessage('error')), /already being prepared/)
    assert.lengthOf(await DataExport.all(), 1)

    await new DataExportJob().handle(
      { exportId: dataExport.id },
      { id: job!.id, queue: 'purge', attempt: 1, logger }
    )
    await dataExport.refresh()
    assert.equal(dataExport.status, 'ready')
    assert.approximately(dataExport.expiresAt.diffNow('days').days, 7, 0.01)
    cleanup(() => rm(join('data/h-privacy', dataExport.fileKey!), { force: true }))

    const mail = await waitForMail(user.email)
    const link = mail.text.match(
      /https?:\/\/\S+\/privacy\/exports\/\d+\/download\?signature=\S+/
    )?.[0]
    assert.exists(link, 'a signed download link in the mail')
    const path = new URL(link!).pathname + new URL(link!).search

    const download = await client.get(path).loginAs(user)
    download.assertStatus(200)
    assert.match(download.header('content-type') ?? '', /application\/zip/)

    const stranger = await makeUser()
    ;(await client.get(path).loginAs(stranger)).assertStatus(404)
    ;(
      await client.get(path.replace(/signature=[^&]+/, 'signature=forged')).loginAs(user)
    ).assertStatus(403)
    ;(await client.get(`/privacy/exports/${dataExport.id}/download`).loginAs(user)).assertStatus(
      403
    )
    // Past its expiry the link is dead even with a valid signature.
    await dataExport.merge({ expiresAt: DateTime.now().minus({ minutes: 1 }) }).save()
    ;(await client.get(path).loginAs(user)).assertStatus(404)
  })
})
