import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PublishingConfig } from '#config/publishing'
import Delivery from '#models/delivery'
import { publishNow } from '#actions/posts/publish_now'
import { acquirePublishSlot, releasePublishSlot } from '#services/publishing/network_slots'
import { wakeSlotWaiters } from '#services/publishing/wake'
import { withCleanState } from '#tests/helpers/database'
import { draft, publishRequests, settled, startWorker, waitFor, withWorld } from './_fixtures.js'

const publishing = () => app.config.get<PublishingConfig>('publishing')

test.group('Publishing: a full account is waited on, not thrashed', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a job waits for the slot its own process frees, and only for that', async ({
    assert,
    cleanup,
  }) => {
    publishing().perAccountConcurrency = 1
    const first = { network: 'mastodon', accountId: 1 }
    const second = { network: 'mastodon', accountId: 2 }
    cleanup(async () => {
      for (const holder of ['job-a', 'job-b', 'elsewhere', 'job-c']) {
        await releasePublishSlot(first, holder)
        await releasePublishSlot(second, holder)
      }
    })
    assert.equal(await acquirePublishSlot(first, 'job-a', 2000), 'granted')
    const started = Date.now()
    const waiting = acquirePublishSlot(first, 'job-b', 2000)
    setTimeout(() => void releasePublishSlot(first, 'job-a'), 100)
    assert.equal(await waiting, 'granted')
    assert.isBelow(Date.now() - started, 1000)

    // Held by someone this process is not running (another worker, maybe a slow account): no wait.
    assert.equal(await acquirePublishSlot(second, 'elsewhere'), 'granted')
    const refused = Date.now()
    assert.equal(await acquirePublishSlot(second, 'job-c', 2000), 'account')
    assert.isBelow(Date.now() - refused, 500)
  })

  test('the cap is per account: a full account leaves the others of its network free, unless the network has a ceiling', async ({
    assert,
    cleanup,
  }) => {
    publishing().perAccountConcurrency = 2
    const slow = { network: 'bluesky', accountId: 11 }
    const other = { network: 'bluesky', accountId: 12 }
    cleanup(async () => {
      for (const holder of ['slow-1', 'slow-2', 'slow-3', 'other-1', 'other-2'])
        for (const target of [slow, other]) await releasePublishSlot(target, holder)
    })
    assert.equal(await acquirePublishSlot(slow, 'slow-1'), 'granted')
    assert.equal(await acquirePublishSlot(slow, 'slow-2'), 'granted')
    assert.equal(await acquirePublishSlot(slow, 'slow-3'), 'account')
    assert.equal(await acquirePublishSlot(other, 'other-1'), 'granted')
    assert.equal(await acquirePublishSlot(other, 'other-2'), 'granted')
    for (const holder of ['slow-1', 'slow-2', 'other-1', 'other-2'])
      for (const target of [slow, other]) await releasePublishSlot(target, holder)

    // A ceiling of 3 for the whole network: three of its publishes in flight fill it.
    publishing().networkCeilings = { bluesky: 3 }
    assert.equal(await acquirePublishSlot(slow, 'slow-1'), 'granted')
    assert.equal(await acquirePublishSlot(slow, 'slow-2'), 'granted')
    assert.equal(await acquirePublishSlot(other, 'other-1'), 'granted')
    assert.equal(await acquirePublishSlot(other, 'other-2'), 'network')
    await releasePublishSlot(slow, 'slow-1')
    assert.equal(await acquirePublishSlot(other, 'other-2'), 'granted')
  })

  test('two posts for an account with one slot both go out once, the second without re-queuing', async ({
    assert,
    cleanup,
  }) => {
    publishing().perAccountConcurrency = 1
    // Long enough that the second job is still waiting when the first publish ends.
    publishing().networkBusyRetryMs = 3000
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const posts = [
      await draft(world, [{ socialAccountId: world.accounts.mastodon.id }]),
      await draft(world, [{ socialAccountId: world.accounts.mastodon.id }]),
    ]
    await Promise.all(posts.map(({ post }) => publishNow({ post, actor: world.owner })))
    for (const { post } of posts)
      assert.deepEqual(
        (await settled(post.id)).map((d) => d.status),
        ['published']
      )
    assert.lengthOf(publishRequests(world.mastodon), 2)
    const deliveries = await Delivery.query().whereIn(
      'post_id',
      posts.map(({ post }) => post.id)
    )
    for (const delivery of deliveries) assert.notMatch(delivery.jobId!, /\.busy\d+$/)
  })

  test('a delivery waiting for a slot held elsewhere is woken by its release, not by a poll', async ({
    assert,
    cleanup,
  }) => {
    publishing().perAccountConcurrency = 1
    // The fallback wake-up far away: only the release can make this publish go out in time.
    publishing().slotWakeFallbackMs = 60_000
    const target = { network: 'mastodon', accountId: world.accounts.mastodon.id }
    // Held by another worker (a holder this process is not running): no in-process wait.
    assert.equal(await acquirePublishSlot(target, 'other-worker'), 'granted')
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
      await releasePublishSlot(target, 'other-worker')
    })
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await publishNow({ post, actor: world.owner })
    const waiting = await waitFor(async () => {
      const [delivery] = await Delivery.query().where('post_id', post.id)
      return delivery.waitingFor === 'account_slot' ? delivery : null
    })
    assert.match(waiting!.jobId!, /\.busy\d+$/)
    assert.lengthOf(publishRequests(world.mastodon), 0)

    const released = Date.now()
    const woken = await releasePublishSlot(target, 'other-worker')
    assert.deepEqual(
      woken.map((waiter) => waiter.deliveryId),
      [waiting!.id]
    )
    await wakeSlotWaiters(woken)
    assert.deepEqual(
      (await settled(post.id)).map((d) => d.status),
      ['published']
    )
    assert.isBelow(Date.now() - released, 10_000)
    assert.lengthOf(publishRequests(world.mastodon), 1)
    const [delivery] = await Delivery.query().where('post_id', post.id)
    assert.isNull(delivery.waitingFor)
  })
  test('a delivery refused again and again waits once in line, keeps its place, and leaves the line when granted', async ({
    assert,
    cleanup,
  }) => {
    publishing().perAccountConcurrency = 1
    const target = { network: 'bluesky', accountId: 21 }
    cleanup(async () => {
      for (const holder of ['holder', 'late', 'early']) await releasePublishSlot(target, holder)
    })
    assert.equal(await acquirePublishSlot(target, 'holder'), 'granted')
    // The same delivery re-armed several times with a later instant each time (what the
    // fallback wake-up does), and a second delivery that came after its first refusal.
    const late = { deliveryId: 7, revision: 1, notBefore: 1_000 }
    for (const notBefore of [1_000, 6_000, 11_000, 16_000])
      assert.equal(await acquirePublishSlot(target, 'late', 0, { ...late, notBefore }), 'account')
    const early = { deliveryId: 8, revision: 1, notBefore: 2_000 }
    assert.equal(await acquirePublishSlot(target, 'early', 0, early), 'account')

    // One release wakes the delivery first in line, with the instant it first waited for.
    assert.deepEqual(await releasePublishSlot(target, 'holder'), [late])
    assert.equal(await acquirePublishSlot(target, 'late', 0, late), 'granted')
    // Granted: it left the line, so the next release wakes the other one, not a stale copy.
    assert.deepEqual(await releasePublishSlot(target, 'late'), [early])
    assert.equal(await acquirePublishSlot(target, 'early', 0, early), 'granted')
    assert.deepEqual(await releasePublishSlot(target, 'early'), [])
  })
})
