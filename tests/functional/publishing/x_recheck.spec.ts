import { test } from '@japa/runner'
import queue from '#queue/main'
import { RECONCILE_DELIVERIES } from '#queue/job_specs'
import Delivery from '#models/delivery'
import Notification from '#models/notification'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import {
  draft,
  FAST,
  publishAfterFault,
  publishRequests,
  settled,
  startWorker,
  waitFor,
  withWorld,
  type World,
} from './_fixtures.js'

/**
 * X has no idempotency key, and its timeline lags its writes: an unanswered create is looked
 * up, and when the lookup finds nothing it is looked up again by a delayed job once X's
 * read-after-write delay (5 network seconds: 1 s here) has passed — found: published with
 * its id; still absent: published again, once. Everything goes through real HTTP to the fake.
 */
const RECHECK_MS = 5 * FAST.msPerNetworkSecond!
/** Below the plugin's declared delay, as the lag of the live timeline is. */
const TIMELINE_LAG_MS = 900

const tweetsWithText = (world: World, text: string) =>
  world.x.server.requests.filter(
    (request) =>
      request.method === 'POST' && request.path === '/2/tweets' && request.body.text === text
  )

/** The delivery once it waits for its re-check: still `publishing`, unclaimed, a job due. */
function awaitingRecheck(postId: number) {
  return waitFor(async () => {
    const delivery = await Delivery.findBy('post_id', postId)
    return delivery?.recheckAt && !delivery.claimedBy && delivery.status === 'publishing'
      ? delivery
      : null
  })
}

test.group('Publishing: an unanswered X create is looked up again after X’s delay', (group) => {
  withCleanState(group)
  const world = withWorld(group)
  group.each.setup(() => {
    world.x.timelineLagMs = TIMELINE_LAG_MS
  })

  test('answer lost, post hidden by the lag at first: found at the re-check, published once', async ({
    assert,
    cleanup,
  }) => {
    const post = await publishAfterFault(world, 'x', { kind: 'lose_response' }, cleanup)

    const waiting = await awaitingRecheck(post.id)
    assert.equal(waiting.rechecks, 1)
    assert.equal(waiting.lastErrorKind, 'ambiguous')
    const waitingSince = Date.now()

    const [delivery] = await settled(post.id, undefined, 10_000)
    // Not sooner than the plugin's declared delay after the lookup that missed it.
    assert.isAtLeast(Date.now() - waitingSince, RECHECK_MS - 200)
    // The first lookup came too early for X's timeline; the re-check's found it.
    assert.lengthOf(world.x.server.requestsTo('GET', /^\/2\/users\/\d+\/tweets$/), 2)
    assert.equal(delivery.status, 'published')
    assert.lengthOf(publishRequests(world.x), 1)
    assert.equal(world.x.storedPost(delivery.externalId!)?.text, post.body)
    assert.isNull(delivery.lastError)
    assert.lengthOf(await Notification.all(), 0)
  }).timeout(30_000)

  test('never created: still absent at the re-check, so published again, exactly once', async ({
    assert,
    cleanup,
  }) => {
    const post = await publishAfterFault(world, 'x', { kind: 'hang' }, cleanup)

    await awaitingRecheck(post.id)
    // Nothing is sent again before the re-check.
    assert.lengthOf(publishRequests(world.x), 1)
    const [delivery] = await settled(post.id, undefined, 10_000)
    assert.equal(delivery.status, 'published')
    assert.lengthOf(tweetsWithText(world, post.body), 2)
    assert.equal(world.x.storedPost(delivery.externalId!)?.text, post.body)
    assert.lengthOf(await Notification.all(), 0)
  }).timeout(30_000)

  test('no answer even after every re-check: unknown, the user asked once, never a blind send', async ({
    assert,
    cleanup,
  }) => {
    for (let i = 0; i < 10; i++) world.x.server.failNext(world.x.publishPath, { kind: 'hang' })
    const post = await publishAfterFault(world, 'x', { kind: 'hang' }, cleanup)

    const [delivery] = await settled(post.id, undefined, 30_000)
    assert.equal(delivery.status, 'unknown')
    assert.equal(delivery.lastErrorKind, 'ambiguous')
    assert.match(delivery.lastError!, /check whether the post appeared/)
    // One first try, then one per re-check that found nothing.
    assert.lengthOf(publishRequests(world.x), 1 + 6)
    assert.equal(delivery.rechecks, 6)
    await waitFor(async () => (await Notification.all()).length === 1)
  }).timeout(60_000)

  test('the worker stops while the re-check waits and Redis loses its job: the next worker settles it, once', async ({
    assert,
  }) => {
    const first = await startWorker()
    world.x.server.failNext(world.x.publishPath, { kind: 'lose_response' })
    const { post } = await draft(world, [{ socialAccountId: world.accounts.x.id }])
    await publishNow({ post, actor: world.owner })
    const waiting = await awaitingRecheck(post.id)
    await first.runner.stop()
    // As if Redis came back empty: the delayed re-check is gone, only the row remembers it.
    await queue.use('publish').remove(waiting.jobId!)
    assert.isUndefined(await queue.use('publish').getJob(waiting.jobId!))

    const second = await startWorker([
      {
        key: 'reconcile-deliveries',
        job: RECONCILE_DELIVERIES,
        repeat: { every: 200 },
      },
    ])
    try {
      // The lease (re-check time + leaseMs) runs out, the reconciler hands it to the checker.
      const [delivery] = await settled(post.id, undefined, 20_000)
      assert.equal(delivery.status, 'published')
      assert.lengthOf(publishRequests(world.x), 1)
      assert.equal(world.x.storedPost(delivery.externalId!)?.text, post.body)
    } finally {
      await second.runner.stop()
    }
  }).timeout(40_000)
})
