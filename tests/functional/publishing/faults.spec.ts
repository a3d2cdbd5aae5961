import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import Notification from '#models/notification'
import { publishNow } from '#actions/posts/publish_now'
import { schedulePost } from '#actions/posts/schedule_post'
import { runDelivery } from '#services/publishing/run_delivery'
import { publishingConfig } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import { resetRedis } from '#tests/helpers/redis'
import { clearOutbox, readOutbox, waitForMail } from '#tests/helpers/outbox'
import {
  draft,
  publishAfterFault,
  inMs,
  publishRequests,
  settled,
  startWorker,
  withWorld,
} from './_fixtures.js'
import { RECONCILE_DELIVERIES } from '#queue/job_specs'

/** Statuses visible on the Mastodon fake for the account, through its public API. */
async function mastodonStatuses(world: any) {
  const { openToken } = await import('#services/token_vault')
  const account = world.accounts.mastodon
  const response = await fetch(
    `${world.mastodon.instanceUrl}/api/v1/accounts/${account.externalId}/statuses?limit=40`,
    {
      headers: { authorization: `Bearer ${openToken(account)!.accessToken}` },
    }
  )
  return (await response.json()) as { id: string }[]
}

test.group('Publishing faults: timeouts, duplicates, a wiped Redis', (group) => {
  withCleanState(group)
  const world = withWorld(group)
  group.each.setup(() => clearOutbox())

  test('response lost after X created the post: reconciled as published, exactly one post', async ({
    assert,
    cleanup,
  }) => {
    const post = await publishAfterFault(world, 'x', { kind: 'lose_response' }, cleanup)

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    assert.lengthOf(publishRequests(world.x), 1)
    assert.equal(world.x.storedPost(delivery.externalId!)?.text, post.body)
    assert.lengthOf(await Notification.all(), 0)
  })

  test('X never answered, has no such post and re-checks are off: unknown, never re-sent, the user is asked to check once', async ({
    assert,
    cleanup,
  }) => {
    // With re-checks (x_recheck.spec.ts) it would be looked up again and sent once more.
    publishingConfig().maxRechecks = 0
    const post = await publishAfterFault(world, 'x', { kind: 'hang' }, cleanup)

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'unknown')
    assert.match(delivery.lastError!, /check/)
    assert.lengthOf(publishRequests(world.x), 1)
    // The notice follows the status change (same job, a moment later).
    await waitForMail(world.owner.email)
    const notifications = await Notification.all()
    assert.deepEqual(
      notifications.map((n) => n.kind),
      ['delivery_unknown']
    )
    assert.lengthOf(await readOutbox(), 1)
  })

  test('Mastodon never answered: the same Idempotency-Key is safe to send again, one status exists', async ({
    assert,
    cleanup,
  }) => {
    const post = await publishAfterFault(world, 'mastodon', { kind: 'hang' }, cleanup)

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    const requests = publishRequests(world.mastodon) as any[]
    assert.lengthOf(requests, 2)
    assert.deepEqual(
      requests.map((r) => r.headers['idempotency-key']),
      [delivery.idempotencyKey, delivery.idempotencyKey]
    )
    assert.deepEqual(
      (await mastodonStatuses(world)).map((s) => s.id),
      [delivery.externalId]
    )
  })

  test('Mastodon created the status but the answer was lost: found by lookup, not posted twice', async ({
    assert,
    cleanup,
  }) => {
    const post = await publishAfterFault(world, 'mastodon', { kind: 'lose_response' }, cleanup)

    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    assert.lengthOf(publishRequests(world.mastodon), 1)
    assert.deepEqual(
      (await mastodonStatuses(world)).map((s) => s.id),
      [delivery.externalId]
    )
  })

  test('two workers waking for the same delivery at once: one claim, one publish', async ({
    assert,
  }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.bluesky.id }])
    await publishNow({ post, actor: world.owner })
    const delivery = await Delivery.findByOrFail('post_id', post.id)
    const payload = { deliveryId: delivery.id, revision: delivery.revision }

    const results = await Promise.all([
      runDelivery(payload, 'worker-a'),
      runDelivery(payload, 'worker-b'),
      runDelivery(payload, 'worker-c'),
    ])
    // One wins; a loser either finds the claim taken or, if it starts after the winner finished, the delivery already done.
    assert.lengthOf(
      results.filter((result) => result === 'done'),
      1
    )
    for (const result of results.filter((r) => r !== 'done'))
      assert.oneOf(result, ['not_claimed', 'stale'])
    assert.lengthOf(publishRequests(world.bluesky), 1)
    await delivery.refresh()
    assert.equal(delivery.status, 'published')
    assert.equal(delivery.attempts, 1)
    assert.equal(await runDelivery(payload, 'worker-d'), 'stale')
  })

  test('Redis wiped with posts due: the reconciler re-enqueues them and each publishes once', async ({
    assert,
    cleanup,
  }) => {
    const first = await draft(world, [
      { socialAccountId: world.accounts.mastodon.id },
      { socialAccountId: world.accounts.x.id },
    ])
    const second = await draft(
      world,
      [{ socialAccountId: world.accounts.bluesky.id }],
      'Second post of the day'
    )
    await schedulePost({ post: first.post, actor: world.owner, at: inMs(150) })
    await schedulePost({ post: second.post, actor: world.owner, at: inMs(150) })
    // Redis restarted empty: only this run's keys go (the helper refuses a shared database).
    await resetRedis()

    // A worker comes back with the reconciler on a short period.
    const { runner } = await startWorker([
      {
        key: 'reconcile-deliveries',
        job: RECONCILE_DELIVERIES,
        repeat: { every: 200 },
      },
    ])
    cleanup(async () => {
      await runner.stop()
    })
    const deliveries = [...(await settled(first.post.id)), ...(await settled(second.post.id))]
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published', 'published']
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    for (const fake of [world.mastodon, world.bluesky, world.x])
      assert.lengthOf(publishRequests(fake), 1)
  })

  test('Redis restarted empty under a running worker: its repeatable reconciler comes back and re-arms what is due', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker([
      {
        key: 'reconcile-deliveries',
        job: RECONCILE_DELIVERIES,
        repeat: { every: 200 },
      },
    ])
    cleanup(async () => {
      await runner.stop()
    })
    const first = await draft(world, [
      { socialAccountId: world.accounts.mastodon.id },
      { socialAccountId: world.accounts.x.id },
    ])
    const second = await draft(
      world,
      [{ socialAccountId: world.accounts.bluesky.id }],
      'Second post of the day'
    )
    await schedulePost({ post: first.post, actor: world.owner, at: inMs(1500) })
    await schedulePost({ post: second.post, actor: world.owner, at: inMs(1500) })
    // Wake-ups and the reconciler's schedule gone, the worker still running.
    await resetRedis()

    const deliveries = [
      ...(await settled(first.post.id, undefined, 15_000)),
      ...(await settled(second.post.id, undefined, 15_000)),
    ]
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published', 'published']
    )
    for (const fake of [world.mastodon, world.bluesky, world.x])
      assert.lengthOf(publishRequests(fake), 1)
  })
})
