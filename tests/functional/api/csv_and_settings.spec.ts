import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueueManager } from '#queue/queue_manager'
import Post from '#models/post'
import Delivery from '#models/delivery'
import ApiToken from '#models/api_token'
import SocialAccount from '#models/social_account'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { neutralizeCell } from '#services/csv/export_posts'

async function world() {
  const owner = await makeUser()
  const workspace = await makeWorkspace(owner)
  const account = await SocialAccount.create({
    workspaceId: workspace.id,
    network: 'mastodon',
    externalId: '1',
    handle: '@bakery@mastodon.example',
    displayName: 'Bakery',
    status: 'connected',
    connectedAt: DateTime.now(),
  })
  const second = await SocialAccount.create({
    workspaceId: workspace.id,
    network: 'bluesky',
    externalId: 'did:plc:x',
    handle: 'bakery.bsky.social',
    displayName: 'Bakery',
    status: 'connected',
    connectedAt: DateTime.now(),
  })
  return { owner, workspace, account, second }
}

function uploadCsv(client: any, slug: string, user: any, csv: string) {
  return client
    .post(`/w/${slug}/import`)
    .loginAs(user)
    .withCsrfToken()
    .file('file', Buffer.from(csv), { filename: 'posts.csv' })
    .redirects(0)
}

test.group('CSV import and export', (group) => {
  withCleanState(group)

  test('1,000 rows: the preview checks every row and creates nothing; confirm schedules them in batches', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, account, second } = await world()
    const start = DateTime.now().setZone('Europe/Paris').plus({ days: 3 }).startOf('hour')
    const lines = ['text,accounts,datetime,media_urls']
    for (let i = 0; i < 1000; i++) {
      const when = start.plus({ minutes: 15 * i }).toFormat('yyyy-MM-dd HH:mm')
      lines.push(
        `"Post number ${i}, with a comma",${i % 2 ? `${account.id}` : `"@bakery@mastodon.example | bluesky:bakery.bsky.social"`},${when},`
      )
    }
    lines.push('"",nobody,2020-01-01 10:00,ftp://nope')
    const uploaded = await uploadCsv(client, workspace.slug, owner, lines.join('\n'))
    assert.equal(uploaded.status(), 302)
    const previewUrl = uploaded.header('location')
    assert.match(previewUrl, /\/import\/preview\?id=/)

    const preview = await client.get(previewUrl).loginAs(owner).withInertia()
    preview.assertInertiaComponent('import/preview')
    const props = preview.inertiaProps
    assert.equal(props.total, 1001)
    assert.equal(props.validCount, 1000)
    assert.lengthOf(props.sample, 100)
    assert.deepEqual(
      props.invalid.map((row: any) => row.line),
      [1002]
    )
    assert.sameMembers(
      props.invalid[0].errors.map((e: any) => e.code),
      ['unknown_account', 'datetime_past', 'media_url_invalid']
    )
    assert.deepEqual(props.sample[0].accountLabels, [
      `mastodon:${account.handle}`,
      `bluesky:${second.handle}`,
    ])
    assert.lengthOf(await Post.all(), 0, 'the preview writes nothing')

    const started = Date.now()
    const confirmed = await client
      .post(`/w/${workspace.slug}/import/confirm`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ importId: props.importId })
      .redirects(0)
    assert.equal(confirmed.status(), 302)
    assert.isBelow(Date.now() - started, 20_000)
    const posts = await Post.query().orderBy('id')
    assert.lengthOf(posts, 1000)
    assert.isTrue(posts.every((post) => post.status === 'scheduled'))
    assert.equal(posts[0].scheduledAt!.toMillis(), start.toUTC().toMillis())
    assert.equal(posts[999].body, 'Post number 999, with a comma')
    const deliveries = await Delivery.query()
    assert.lengthOf(deliveries, 1500)
    assert.isTrue(
      deliveries.every(
        (d) => d.status === 'scheduled' && d.jobId === `delivery:${d.id}:1` && d.dueAt !== null
      )
    )
    const queue = (await app.container.make('queue')) as QueueManager
    assert.equal(await queue.use('publish').getDelayedCount(), 1500)

    // The import is taken once: confirming again schedules nothing more.
    await client
      .post(`/w/${workspace.slug}/import/confirm`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ importId: props.importId })
      .redirects(0)
    assert.lengthOf(await Post.all(), 1000)
  }).timeout(60_000)

  test('a file without the required columns is refused before any preview; a viewer cannot import', async ({
    client,
    assert,
  }) => {
    const { owner, workspace } = await world()
    const refused = await uploadCsv(client, workspace.slug, owner, 'hello,world\n1,2')
    assert.equal(refused.header('location'), `/w/${workspace.slug}/import`)
    const { user: viewer } = await addMember(workspace, 'viewer')
    const denied = await uploadCsv(client, workspace.slug, viewer, 'text,accounts,datetime\n')
    assert.oneOf(denied.status(), [302, 403])
    assert.lengthOf(await Post.all(), 0)
  })

  test('a row too long for X is worded like the composer, with its numbers, in English and French', async ({
    client,
    assert,
  }) => {
    const { owner, workspace } = await world()
    await SocialAccount.create({
      workspaceId: workspace.id,
      network: 'x',
      externalId: '42',
      handle: '@bakery',
      displayName: 'Bakery',
      status: 'connected',
      connectedAt: DateTime.now(),
    })
    const when = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 2 })
      .toFormat('yyyy-MM-dd HH:mm')
    const uploaded = await uploadCsv(
      client,
      workspace.slug,
      owner,
      `text,accounts,datetime,media_urls\n${'a'.repeat(300)},x:bakery,${when},\n`
    )
    const preview = await client.get(uploaded.header('location')).loginAs(owner).withInertia()
    const [row] = preview.inertiaProps.invalid
    assert.deepEqual(row.errors, [
      {
        code: 'network_rule',
        params: { network: 'X', rule: 'text_too_long', length: 300, limit: 280 },
      },
    ])

    // What the preview page prints: the composer's own sentence for the rule inside the import's "{network}: {rule}." line.
    const sentence = (locale: string) => {
      const i18n = i18nManager.locale(locale)
      const { rule, ...params } = row.errors[0].params
      const composer = i18n.t(`posts.issues.${rule}`, params)
      return i18n.t('api.import.errors.network_rule', {
        ...params,
        rule: composer.replace(/\.$/, ''),
      })
    }
    assert.equal(sentence('en'), 'X: Too long: 300 characters, 280 at most.')
    assert.equal(sentence('fr'), 'X\u202f: Trop long\u202f: 300 caractères, 280 au maximum.')
  })

  test('export: one line per delivery, formulas neutralised', async ({ client, assert }) => {
    const { owner, workspace, account } = await world()
    const post = await Post.create({
      workspaceId: workspace.id,
      authorId: owner.id,
      body: '=HYPERLINK("http://evil.example","click")',
      status: 'draft',
    })
    await Delivery.create({
      postId: post.id,
      workspaceId: workspace.id,
      socialAccountId: account.id,
      network: 'mastodon',
      text: null,
      options: {},
      status: 'draft',
      revision: 1,
      attempts: 0,
      rateLimitWaits: 0,
      statusChecks: 0,
      idempotencyKey: 'k-1',
    })
    const response = await client.get(`/w/${workspace.slug}/export.csv`).loginAs(owner)
    assert.equal(response.status(), 200)
    assert.include(response.header('content-type'), 'text/csv')
    const text = response.text()
    assert.include(text, `"'=HYPERLINK(""http://evil.example"",""click"")"`)
    assert.include(text, account.handle)
    assert.equal(neutralizeCell('+1'), "'+1")
    assert.equal(neutralizeCell('plain'), 'plain')
  })
})

test.group('Settings → API and Webhooks', (group) => {
  withCleanState(group)

  test('a token is shown once, stored hashed, listed without its secret, and revoked', async ({
    client,
    assert,
  }) => {
    const { owner, workspace } = await world()
    const created = await client
      .post(`/w/${workspace.slug}/settings/api/tokens`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ name: 'Zapier', scope: 'read' })
      .redirects(0)
    const { secret } = created.flashMessage('apiTokenSecret') as { secret: string }
    assert.match(secret, /^pp_/)
    const page = await client.get(`/w/${workspace.slug}/settings/api`).loginAs(owner).withInertia()
    page.assertInertiaComponent('settings/api')
    assert.notInclude(JSON.stringify(page.inertiaProps), secret)
    assert.equal(page.inertiaProps.tokens[0].name, 'Zapier')
    const token = await ApiToken.firstOrFail()
    await client
      .delete(`/w/${workspace.slug}/settings/api/tokens/${token.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    await token.refresh()
    assert.isNotNull(token.revokedAt)
    assert.equal(
      (await client.get('/api/v1/accounts').header('Authorization', `Bearer ${secret}`)).status(),
      401
    )
  })

  test('editors cannot see or manage tokens and webhooks', async ({ client, assert }) => {
    const { workspace } = await world()
    const { user: editor } = await addMember(workspace, 'editor')
    assert.equal(
      (
        await client.get(`/w/${workspace.slug}/settings/api`).loginAs(editor).withInertia()
      ).status(),
      403
    )
    assert.equal(
      (
        await client.get(`/w/${workspace.slug}/settings/webhooks`).loginAs(editor).withInertia()
      ).status(),
      403
    )
    const denied = await client
      .post(`/w/${workspace.slug}/settings/api/tokens`)
      .loginAs(editor)
      .withCsrfToken()
      .json({ name: 'x', scope: 'write' })
      .redirects(0)
    assert.oneOf(denied.status(), [302, 403])
    assert.lengthOf(await ApiToken.all(), 0)
  })

  test('webhooks: secret sealed and shown once, edit, delivery log and resend', async ({
    client,
    assert,
  }) => {
    const { owner, workspace } = await world()
    const created = await client
      .post(`/w/${workspace.slug}/settings/webhooks`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ url: 'https://hooks.example/in', events: ['delivery.failed'] })
      .redirects(0)
    const { secret } = created.flashMessage('webhookSecret') as { secret: string }
    const hook = await Webhook.firstOrFail()
    assert.notInclude(hook.secretCiphertext, secret)
    await client
      .put(`/w/${workspace.slug}/settings/webhooks/${hook.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .json({
        url: 'https://hooks.example/v2',
        events: ['delivery.failed', 'delivery.unknown'],
        active: false,
      })
      .redirects(0)
    await hook.refresh()
    assert.deepEqual(
      [hook.url, hook.events, hook.active],
      ['https://hooks.example/v2', ['delivery.failed', 'delivery.unknown'], false]
    )
    const logged = await WebhookDelivery.create({
      webhookId: hook.id,
      workspaceId: workspace.id,
      event: 'delivery.failed',
      payload: { a: 1 },
      status: 'failed',
      attempts: 8,
      responseStatus: 500,
      lastError: 'the receiver answered 500',
      nextAttemptAt: null,
      deliveredAt: null,
    })
    const page = await client
      .get(`/w/${workspace.slug}/settings/webhooks`)
      .loginAs(owner)
      .withInertia()
    assert.notInclude(JSON.stringify(page.inertiaProps), secret)
    assert.equal(page.inertiaProps.deliveries[0].responseStatus, 500)
    await client
      .post(`/w/${workspace.slug}/settings/webhook-deliveries/${logged.id}/resend`)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    const copies = await WebhookDelivery.query().orderBy('id')
    assert.lengthOf(copies, 2)
    assert.deepEqual([copies[1].status, copies[1].payload], ['pending', { a: 1 }])
  })
})
