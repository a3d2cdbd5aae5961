import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import SocialAccount from '#models/social_account'
import Notification from '#models/notification'
import { publishNow } from '#actions/posts/publish_now'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, readOutbox, waitForMail } from '#tests/helpers/outbox'
import {
  draft,
  publishAfterFault,
  publishRequests,
  rolledUp,
  settled,
  startWorker,
  withWorld,
} from './_fixtures.js'

test.group('Publishing through the real worker', (group) => {
  withCleanState(group)
  const world = withWorld(group)
  group.each.setup(() => clearOutbox())

  test('one post reaches Mastodon, Bluesky and X exactly once, each with its own variant', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const { accounts } = world
    const { post, checks } = await draft(world, [
      {
        socialAccountId: accounts.mastodon.id,
        text: 'Mastodon: croissants at 8, boosts welcome #bakery',
      },
      { socialAccountId: accounts.bluesky.id, text: 'Bluesky: croissants at 8 🥐' },
      { socialAccountId: accounts.x.id },
    ])
    assert.deepEqual(
      checks.map((check) => check.issues),
      [[], [], []]
    )

    assert.equal((await publishNow({ post, actor: world.owner })).status, 'scheduled')
    const deliveries = await settled(post.id)

    const byNetwork = Object.fromEntries(deliveries.map((d) => [d.network, d]))
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published', 'published']
    )
    assert.equal(
      world.mastodon.storedPost(byNetwork.mastodon.externalId!)?.text,
      'Mastodon: croissants at 8, boosts welcome #bakery'
    )
    assert.equal(
      world.bluesky.storedPost(byNetwork.bluesky.externalId!)?.text,
      'Bluesky: croissants at 8 🥐'
    )
    assert.equal(world.x.storedPost(byNetwork.x.externalId!)?.text, post.body)
    for (const fake of [world.mastodon, world.bluesky, world.x])
      assert.lengthOf(publishRequests(fake), 1)
    for (const delivery of deliveries) {
      assert.isNotNull(delivery.externalUrl)
      assert.equal(delivery.attempts, 1)
    }
    assert.equal(await rolledUp(post.id, 'published'), 'published')
    // Live status: queued → publishing → published for each delivery.
    for (const delivery of deliveries) {
      const statuses = world.events.filter((e) => e.deliveryId === delivery.id).map((e) => e.status)
      assert.includeOrderedMembers(statuses, ['queued', 'publishing', 'published'])
    }
  })

  test('a 500 then success publishes one post, after a backoff', async ({ assert, cleanup }) => {
    const post = await publishAfterFault(
      world,
      'mastodon',
      { kind: 'status', status: 500 },
      cleanup
    )

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    assert.equal(delivery.attempts, 2)
    const requests = publishRequests(world.mastodon)
    assert.lengthOf(requests, 2)
    // The same idempotency key on every attempt of the delivery.
    assert.deepEqual(
      requests.map((r: any) => r.headers['idempotency-key']),
      [delivery.idempotencyKey, delivery.idempotencyKey]
    )
    assert.equal(world.mastodon.storedPost(delivery.externalId!)?.text, post.body)
  })

  test('a 429 with Retry-After waits that long, then succeeds without burning an attempt', async ({
    assert,
    cleanup,
  }) => {
    // Retry-After: 2 → 2 × msPerNetworkSecond (200 ms in tests) = 400 ms.
    const post = await publishAfterFault(
      world,
      'bluesky',
      {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '2' },
      },
      cleanup
    )

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    assert.equal(delivery.attempts, 1)
    assert.equal(delivery.rateLimitWaits, 1)
    assert.lengthOf(publishRequests(world.bluesky), 2)
    const waited = world.events.filter((e) => e.deliveryId === delivery.id)
    const requeued = waited.find((e) => e.status === 'queued' && e.lastError?.includes('429'))!
    const published = waited.find((e) => e.status === 'published')!
    assert.isAtLeast(Date.parse(published.at) - Date.parse(requeued.at), 350)
  })

  test('a failure that cannot be retried fails the delivery and tells the author once', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    world.x.server.failNext(world.x.publishPath, {
      kind: 'status',
      status: 400,
      json: { title: 'Invalid Request', detail: 'bad' },
    })
    const { post } = await draft(world, [
      { socialAccountId: world.accounts.x.id },
      { socialAccountId: world.accounts.mastodon.id },
    ])
    await publishNow({ post, actor: world.owner })

    const deliveries = await settled(post.id)
    assert.sameMembers(
      deliveries.map((d) => `${d.network}:${d.status}`),
      ['x:failed', 'mastodon:published']
    )
    assert.match(deliveries.find((d) => d.network === 'x')!.lastError!, /400/)
    assert.equal(await rolledUp(post.id, 'partially_published'), 'partially_published')
    await waitForMail(world.owner.email)
    const notifications = await Notification.all()
    assert.lengthOf(notifications, 1)
    assert.equal(notifications[0].kind, 'delivery_failed')
    assert.equal(notifications[0].userId, world.owner.id)
    await waitForMail(world.owner.email)
    const mails = await readOutbox()
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].to[0].address, world.owner.email)
    assert.include(mails[0].subject, 'X')
  })

  test('401 on X: the token is refreshed (rotated), the post goes out once', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const before = openToken(world.accounts.x)!
    world.x.expireAccessToken(before.accessToken)
    const { post } = await draft(world, [{ socialAccountId: world.accounts.x.id }])
    await publishNow({ post, actor: world.owner })

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    assert.lengthOf(publishRequests(world.x), 2)
    assert.lengthOf(
      world.x.server
        .requestsTo('POST', '/2/oauth2/token')
        .filter((r) => r.body.grant_type === 'refresh_token'),
      1
    )
    const account = await SocialAccount.findOrFail(world.accounts.x.id)
    const after = openToken(account)!
    assert.notEqual(after.accessToken, before.accessToken)
    assert.isTrue(world.x.isTokenValid(after.accessToken))
    assert.isFalse(world.x.isRefreshTokenValid(before.refreshToken!))
    assert.equal(account.status, 'connected')
  })

  test('401 and a refused refresh: account needs reconnection, delivery failed, one notification', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    world.x.expireAccessToken(openToken(world.accounts.x)!.accessToken)
    world.x.server.failNext('^/2/oauth2/token$', {
      kind: 'status',
      status: 400,
      json: {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      },
    })
    const { post } = await draft(world, [{ socialAccountId: world.accounts.x.id }])
    await publishNow({ post, actor: world.owner })

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'failed')
    assert.match(delivery.lastError!, /reconnect/i)
    assert.equal((await SocialAccount.findOrFail(world.accounts.x.id)).status, 'needs_reconnection')
    const notifications = await Notification.all()
    assert.lengthOf(notifications, 1)
    assert.equal(notifications[0].kind, 'account_needs_reconnection')
    await waitForMail(world.owner.email)
    assert.lengthOf(await readOutbox(), 1)
    assert.lengthOf(
      world.x.server.requestsTo('POST', world.x.publishPath.replace(/[\^$\\]/g, '')),
      1
    )

    // A second post for the same account: failed at once, nothing sent, no second message.
    const second = await draft(world, [{ socialAccountId: world.accounts.x.id }], 'Another one')
    await publishNow({ post: second.post, actor: world.owner })
    const [again] = await settled(second.post.id)
    assert.equal(again.status, 'failed')
    assert.lengthOf(publishRequests(world.x), 1)
    assert.lengthOf(await Notification.all(), 1)
  })

  test('a duplicate job for the same delivery publishes once', async ({ assert, cleanup }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const { post } = await draft(world, [{ socialAccountId: world.accounts.x.id }])
    await publishNow({ post, actor: world.owner })
    const delivery = await Delivery.findByOrFail('post_id', post.id)
    // Three more wake-up calls for the same revision, as a retried enqueue or a reconciler race would make.
    const { default: queue } = await import('#queue/main')
    const { default: PublishDeliveryJob } = await import('#jobs/publish_delivery_job')
    for (const suffix of ['dup1', 'dup2', 'dup3']) {
      await queue.dispatch(
        PublishDeliveryJob,
        { deliveryId: delivery.id, revision: delivery.revision },
        { jobId: `delivery:${delivery.id}:${delivery.revision}.${suffix}` }
      )
    }
    const [done] = await settled(post.id)
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal(done.status, 'published')
    assert.lengthOf(publishRequests(world.x), 1)
    assert.equal((await Delivery.findOrFail(delivery.id)).attempts, 1)
  })
})
