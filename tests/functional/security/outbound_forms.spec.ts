import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import Webhook from '#models/webhook'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { makeToken } from '#tests/functional/api/_fixtures'
import { hostileUrls, startTrap } from './_hostile.js'

/**
 * Every place a user can type an address the server will call, fed every hostile spelling:
 * each is refused with a 4xx / validation error that names the field, nothing is saved, and
 * the internal service listening on 127.0.0.1 never sees a connection.
 */
test.group('Security: addresses typed by users are refused when private', (group) => {
  withCleanState(group)

  let owner: User
  let workspace: Workspace
  let trap: Awaited<ReturnType<typeof startTrap>>
  let urls: string[]

  group.each.setup(async () => {
    trap = await startTrap()
    urls = hostileUrls(trap.port)
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
    return () => trap.close()
  })

  test('the table has at least 25 hostile addresses', ({ assert }) => {
    assert.isAtLeast(urls.length, 25)
    assert.lengthOf(new Set(urls), urls.length)
  })

  test('Bluesky connect form: the service URL', async ({ client, assert }) => {
    for (const url of urls) {
      const response = await client
        .post(`/w/${workspace.slug}/channels/bluesky/credentials`)
        .loginAs(owner)
        .withCsrfToken()
        .accept('json')
        .json({ values: { service: url, handle: 'alice.example', appPassword: 'abcd-efgh' } })
        .redirects(0)
      assert.equal(response.status(), 422, url)
      assert.equal(response.body().errors[0].field, 'values.service', url)
    }
    assert.lengthOf(await SocialAccount.all(), 0)
    assert.equal(trap.connections, 0)
  })

  test('Mastodon instance form', async ({ client, assert }) => {
    for (const url of urls) {
      const response = await client
        .post(`/w/${workspace.slug}/channels/mastodon/authorize`)
        .loginAs(owner)
        .withCsrfToken()
        .accept('json')
        .json({ instance: url })
        .redirects(0)
      assert.equal(response.status(), 422, url)
      assert.equal(response.body().errors[0].field, 'instance', url)
    }
    assert.lengthOf(await db.from('oauth_instance_apps'), 0)
    assert.equal(trap.connections, 0)
  })

  test('webhook target form, on create and on edit', async ({ client, assert }) => {
    for (const url of urls) {
      const response = await client
        .post(`/w/${workspace.slug}/settings/webhooks`)
        .loginAs(owner)
        .withCsrfToken()
        .accept('json')
        .json({ url, events: ['delivery.failed'] })
        .redirects(0)
      assert.equal(response.status(), 422, url)
      assert.equal(response.body().errors[0].field, 'url', url)
    }
    assert.lengthOf(await Webhook.all(), 0)

    // A saved hook cannot be edited into a private target either.
    const created = await client
      .post(`/w/${workspace.slug}/settings/webhooks`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ url: 'https://93.184.215.14/hook', events: ['delivery.failed'] })
      .redirects(0)
    assert.equal(created.status(), 302)
    const hook = await Webhook.firstOrFail()
    const edit = await client
      .put(`/w/${workspace.slug}/settings/webhooks/${hook.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .accept('json')
      .json({ url: `http://localhost:${trap.port}/`, events: ['delivery.failed'] })
      .redirects(0)
    assert.equal(edit.status(), 422)
    await hook.refresh()
    assert.equal(hook.url, 'https://93.184.215.14/hook')
    assert.equal(trap.connections, 0)
  })

  test('media import by URL, in the library and through the API', async ({ client, assert }) => {
    const { secret } = await makeToken(workspace, owner, 'write')
    for (const url of urls) {
      const library = await client
        .post(`/w/${workspace.slug}/media/import`)
        .loginAs(owner)
        .withCsrfToken()
        .json({ url })
        .redirects(0)
      assert.equal(library.status(), 422, url)
      assert.equal(library.body().rejected[0].code, 'import_blocked', url)

      const api = await client
        .post('/api/v1/media')
        .header('authorization', `Bearer ${secret}`)
        .json({ url })
      assert.equal(api.status(), 422, url)
      // Spellings the URL validator already rejects never reach the fetcher.
      const { code, details } = api.body().error
      if (code === 'validation_failed') assert.equal(details[0].field, 'url', url)
      else assert.deepEqual([code, details.reason], ['media_rejected', 'import_blocked'], url)
    }
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.equal(trap.connections, 0)
  })

  test('CSV media_urls: each row says so in the preview, and confirming fetches nothing', async ({
    client,
    assert,
  }) => {
    const account = await SocialAccount.create({
      workspaceId: workspace.id,
      network: 'x',
      externalId: '1',
      handle: '@bakery',
      displayName: 'Bakery',
      status: 'connected',
      connectedAt: DateTime.now(),
    })
    const when = DateTime.now().setZone(workspace.timezone).plus({ days: 2 })
    const lines = ['text,accounts,datetime,media_urls']
    urls.forEach((url, i) =>
      lines.push(
        `Row ${i},${account.id},${when.plus({ minutes: i }).toFormat('yyyy-MM-dd HH:mm')},${url}`
      )
    )
    const uploaded = await client
      .post(`/w/${workspace.slug}/import`)
      .loginAs(owner)
      .withCsrfToken()
      .file('file', Buffer.from(lines.join('\n')), { filename: 'posts.csv' })
      .redirects(0)
    const previewUrl = uploaded.header('location')!
    const preview = await client.get(previewUrl).loginAs(owner).withInertia()
    const props = preview.inertiaProps as {
      validCount: number
      invalid: { line: number; errors: { code: string }[] }[]
    }
    assert.equal(props.validCount, 0)
    assert.lengthOf(props.invalid, urls.length)
    for (const row of props.invalid)
      assert.deepInclude(
        row.errors.map((error) => error.code),
        'media_url_forbidden',
        `line ${row.line}: ${urls[row.line - 2]}`
      )

    await client
      .post(`/w/${workspace.slug}/import/confirm`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ importId: new URL(previewUrl, 'http://x').searchParams.get('id') })
      .redirects(0)
    assert.lengthOf(await Post.all(), 0)
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.equal(trap.connections, 0)
  })
})
