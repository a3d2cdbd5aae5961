import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { verifySignature } from '#services/webhooks/signature'
import { withCleanState } from '#tests/helpers/database'
import { settled, waitFor, withWorld } from '#tests/functional/publishing/_fixtures'
import { ApiContract } from './_openapi.js'
import { jpeg, makeToken, startReceiver, startWorker } from './_fixtures.js'

test.group('API / the issue’s "done when" scenario', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('using only the documented API: media, a post for two accounts, scheduled, published, signed webhook verified', async ({
    client,
    assert,
    cleanup,
  }) => {
    const api = new ApiContract()
    const receiver = await startReceiver()
    cleanup(() => receiver.close())
    const runner = await startWorker(['publish', 'media', 'webhooks'])
    cleanup(async () => {
      await runner.stop()
    })

    // An admin sets up the integration in Settings: a token and a webhook (secrets shown once).
    const { secret: token } = await makeToken(world.workspace, world.owner)
    const created = await client
      .post(`/w/${world.workspace.slug}/settings/webhooks`)
      .loginAs(world.owner)
      .withCsrfToken()
      .withInertia()
      .json({ url: receiver.url, events: ['delivery.published', 'delivery.failed'] })
      .redirects(0)
    const flashed = created.flashMessage('webhookSecret') as { secret: string }
    assert.match(flashed.secret, /^whsec_/)
    const hook = await Webhook.firstOrFail()
    assert.notInclude(hook.secretCiphertext, flashed.secret)

    // Everything below is the public API, each call checked against the OpenAPI document.
    const accounts = await api.call(client, { method: 'get', path: '/api/v1/accounts', token })
    const byNetwork = Object.fromEntries(
      accounts.body.data.map((account: any) => [account.network, account])
    )
    assert.isTrue(byNetwork.mastodon.health.canPublish)

    const upload = await api.call(client, {
      method: 'post',
      path: '/api/v1/media',
      token,
      file: { field: 'file', bytes: await jpeg(), name: 'croissant.jpg' },
    })
    assert.equal(upload.status, 201)
    const mediaId = upload.body.data.id
    await waitFor(
      async () =>
        (await api.call(client, { method: 'get', path: `/api/v1/media/${mediaId}`, token })).body
          .data.status === 'ready',
      20_000,
      200
    )

    const post = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token,
      headers: { 'Idempotency-Key': 'launch-2026-12-01' },
      body: {
        body: 'Pistachio croissants, fresh at 8 🥐',
        targets: [
          { accountId: byNetwork.mastodon.id },
          { accountId: byNetwork.bluesky.id, text: 'Bluesky: croissants at 8 🥐' },
        ],
        media: [{ mediaId, altText: 'A golden croissant' }],
      },
    })
    assert.equal(post.status, 201)
    assert.deepEqual(
      post.body.checks.map((check: any) => check.issues),
      [[], []]
    )
    const postId = post.body.data.id

    const at = DateTime.utc().plus({ seconds: 2 }).toISO()
    const scheduled = await api.call(client, {
      method: 'post',
      path: `/api/v1/posts/${postId}/schedule`,
      token,
      body: { at },
    })
    assert.equal(scheduled.body.data.status, 'scheduled')

    const deliveries = await settled(postId, ['published', 'failed', 'unknown'], 30_000)
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published']
    )
    const shown = await api.call(client, { method: 'get', path: `/api/v1/posts/${postId}`, token })
    assert.equal(shown.body.data.status, 'published')
    assert.deepEqual(shown.body.data.media, [{ mediaId, altText: 'A golden croissant' }])

    // Two signed "published" events reach the local receiver.
    await waitFor(() => receiver.received.length >= 2, 15_000)
    for (const request of receiver.received) {
      assert.equal(request.headers['x-pistache-event'], 'delivery.published')
      assert.isTrue(
        verifySignature({
          secret: flashed.secret,
          timestamp: String(request.headers['x-pistache-timestamp']),
          body: request.body,
          signature: String(request.headers['x-pistache-signature']),
        }),
        'the signature verifies with the webhook secret'
      )
      assert.isFalse(
        verifySignature({
          secret: 'whsec_wrong',
          timestamp: String(request.headers['x-pistache-timestamp']),
          body: request.body,
          signature: String(request.headers['x-pistache-signature']),
        })
      )
      const event = JSON.parse(request.body)
      assert.equal(event.data.postId, postId)
      assert.equal(event.workspaceId, world.workspace.id)
    }
    assert.sameMembers(
      receiver.received.map((r) => JSON.parse(r.body).data.network),
      ['mastodon', 'bluesky']
    )
    const log = await waitFor(async () => {
      const rows = await WebhookDelivery.query().orderBy('id')
      return rows.every((row) => row.status !== 'pending') ? rows : null
    })
    assert.deepEqual(
      log.map((entry) => [entry.status, entry.responseStatus, entry.attempts]),
      [
        ['delivered', 200, 1],
        ['delivered', 200, 1],
      ]
    )
  }).timeout(90_000)
})
