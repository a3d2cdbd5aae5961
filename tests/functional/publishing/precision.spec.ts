import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Delivery from '#models/delivery'
import queue from '#queue/main'
import { schedulePost } from '#actions/posts/schedule_post'
import { publishNow } from '#actions/posts/publish_now'
import { runDelivery } from '#services/publishing/run_delivery'
import { WAKE_EARLY_MS, wakeJobId } from '#services/publishing/wake'
import { withCleanState } from '#tests/helpers/database'
import { draft, publishRequests, settled, startWorker, waitFor, withWorld } from './_fixtures.js'
import type { FakeServer } from '#sdk/testing/fake_server'

/** Records when each request reached a fake (the log itself keeps no time). */
function arrivalTimes(server: FakeServer) {
  const times = new WeakMap<object, number>()
  const log = server.requests
  const push = log.push.bind(log)
  log.push = (...items) => {
    for (const item of items) times.set(item, Date.now())
    return push(...items)
  }
  return (request: object) => times.get(request)!
}

test.group('Publishing precision (wake early, publish on the instant)', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a scheduled post reaches each network at its instant, never before it', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const times = {
      mastodon: arrivalTimes(world.mastodon.server),
      bluesky: arrivalTimes(world.bluesky.server),
      x: arrivalTimes(world.x.server),
    }
    const { accounts } = world
    // Warm up first (plugins imported, connections open), so the timed publish is not slowed
    // down past its instant by first-use costs: an early wake-up without the wait would show.
    const warm = await draft(
      world,
      [
        { socialAccountId: accounts.mastodon.id },
        { socialAccountId: accounts.bluesky.id },
        { socialAccountId: accounts.x.id },
      ],
      'Warm-up'
    )
    await publishNow({ post: warm.post, actor: world.owner })
    await settled(warm.post.id)

    const { post } = await draft(world, [
      { socialAccountId: accounts.mastodon.id },
      { socialAccountId: accounts.bluesky.id },
      { socialAccountId: accounts.x.id },
    ])
    // A sub-second instant: SQLite keeps whole seconds in due_at, the wake-up keeps the millisecond.
    const at = DateTime.utc().plus({ milliseconds: 1500 }).set({ millisecond: 437 })
    assert.equal((await schedulePost({ post, actor: world.owner, at })).status, 'scheduled')

    // The wake-up is in Redis ahead of the instant by WAKE_EARLY_MS, carrying the exact instant.
    const delivery = await Delivery.query().where('post_id', post.id).orderBy('id').firstOrFail()
    const job = await queue.use('publish').getJob(wakeJobId(delivery))
    assert.equal(job?.data.notBefore, at.toMillis())
    assert.closeTo(job!.timestamp + job!.delay, at.toMillis() - WAKE_EARLY_MS, 50)

    const deliveries = await settled(post.id)
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published', 'published']
    )
    for (const network of ['mastodon', 'bluesky', 'x'] as const) {
      const fake = world[network]
      const arrived = times[network](publishRequests(fake).at(-1)!)
      assert.isAtLeast(
        arrived,
        at.toMillis(),
        `${network} received the post ${at.toMillis() - arrived} ms early`
      )
    }
  })

  test('a wake-up that fires early does its work ahead, then calls the network on the instant', async ({
    assert,
  }) => {
    const times = arrivalTimes(world.mastodon.server)
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    const at = DateTime.utc().plus({ milliseconds: 3 * WAKE_EARLY_MS })
    await schedulePost({ post, actor: world.owner, at })
    const delivery = await Delivery.findByOrFail('post_id', post.id)

    // Run the wake-up by hand now, well within its early window (no worker involved).
    const result = await runDelivery(
      { deliveryId: delivery.id, revision: delivery.revision, notBefore: at.toMillis() },
      'early-window'
    )
    assert.equal(result, 'done')
    const [request] = publishRequests(world.mastodon)
    assert.exists(request)
    assert.isAtLeast(
      times(request),
      at.toMillis(),
      `the request left ${at.toMillis() - times(request)} ms early`
    )
    assert.equal((await Delivery.findOrFail(delivery.id)).status, 'published')
  })

  test('a wake-up that fires far too early (clock skew) re-arms itself instead of publishing', async ({
    assert,
    cleanup,
  }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    const at = DateTime.utc().plus({ seconds: 2 })
    await schedulePost({ post, actor: world.owner, at })
    const delivery = await Delivery.findByOrFail('post_id', post.id)

    // Run the wake-up now, 2 s ahead of its instant: nothing reaches the network.
    const result = await runDelivery(
      { deliveryId: delivery.id, revision: delivery.revision, notBefore: at.toMillis() },
      'early-test'
    )
    assert.equal(result, 'early')
    assert.lengthOf(publishRequests(world.mastodon), 0)
    await delivery.refresh()
    assert.equal(delivery.status, 'scheduled')

    // Its new wake-up publishes once the instant has come, and not before.
    const times = arrivalTimes(world.mastodon.server)
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    await waitFor(() => publishRequests(world.mastodon).length > 0, 6000)
    assert.isAtLeast(times(publishRequests(world.mastodon)[0]), at.toMillis())
    const [done] = await settled(post.id)
    assert.equal(done.status, 'published')
    assert.lengthOf(publishRequests(world.mastodon), 1)
  })
})
