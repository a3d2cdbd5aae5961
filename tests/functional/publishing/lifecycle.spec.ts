import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Delivery from '#models/delivery'
import Post from '#models/post'
import plugins from '#services/plugins'
import queue from '#queue/main'
import { publishNow } from '#actions/posts/publish_now'
import { schedulePost } from '#actions/posts/schedule_post'
import { updatePost } from '#actions/posts/update_post'
import { deletePost } from '#actions/posts/delete_post'
import { cancelPost } from '#actions/posts/cancel_post'
import { claimDelivery } from '#services/publishing/claim'
import { runDelivery } from '#services/publishing/run_delivery'
import { reconcileDeliveries } from '#services/publishing/reconcile'
import { acquirePublishSlot, releasePublishSlot } from '#services/publishing/network_slots'
import { openToken } from '#services/token_vault'
import { sqlTime } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import {
  draft,
  inMs,
  publishRequests,
  settled,
  startWorker,
  waitFor,
  withWorld,
  type World,
} from './_fixtures.js'

/** What a worker that died mid-publish leaves behind: a claim, maybe a request sent, a lease in the past. */
async function dieMidPublish(world: World, network: 'x' | 'mastodon', sent: boolean) {
  const { post } = await draft(world, [{ socialAccountId: world.accounts[network].id }])
  await publishNow({ post, actor: world.owner })
  const delivery = await Delivery.findByOrFail('post_id', post.id)
  await queue.use('publish').remove(delivery.jobId!)
  assertClaimed((await claimDelivery(delivery.id, delivery.revision, 'worker-that-died')) !== null)
  if (sent) {
    const plugin = await plugins.get(network)
    const account = world.accounts[network]
    const outcome = await plugin.publish({
      ...plugins.contextFor(plugin),
      account: account.toPluginProfile(),
      token: openToken(account)!,
      idempotencyKey: delivery.idempotencyKey,
      post: { text: post.body, media: [], options: {} },
    })
    if (outcome.status !== 'ok') throw new Error(`direct publish: ${outcome.status}`)
  }
  await db
    .from('deliveries')
    .where('id', delivery.id)
    .update({ lease_until: sqlTime(DateTime.utc().minus({ seconds: 5 })) })
  return { post, delivery }
}

function assertClaimed(value: boolean): asserts value {
  if (!value) throw new Error('claim failed')
}

test.group('Publishing lifecycle: leases, rescheduling, limits, edits', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a worker died after X received the post: the reconciler finds it, no second post', async ({
    assert,
  }) => {
    const { post } = await dieMidPublish(world, 'x', true)
    assert.deepEqual(await reconcileDeliveries('reconciler'), { requeued: 0, resolved: 1 })
    const [delivery] = await settled(post.id)
    assert.equal(delivery.status, 'published')
    assert.lengthOf(publishRequests(world.x), 1)
    assert.equal(world.x.storedPost(delivery.externalId!)?.text, post.body)
    assert.deepEqual(await reconcileDeliveries('reconciler'), { requeued: 0, resolved: 0 })
  })

  // X's lookup is authoritative: "not found" is trusted once X's read-after-write delay has
  // passed, so the post is looked up twice before it is sent — never sent on one empty answer.
  test('a worker died before sending to X: looked up, looked up again after X’s delay, then sent once', async ({
    assert,
  }) => {
    const { post } = await dieMidPublish(world, 'x', false)
    await reconcileDeliveries('reconciler')
    const waiting = await Delivery.findByOrFail('post_id', post.id)
    assert.equal(waiting.status, 'publishing')
    assert.isNotNull(waiting.recheckAt)
    assert.lengthOf(publishRequests(world.x), 0)

    const worker = await startWorker()
    try {
      const [delivery] = await settled(post.id)
      assert.equal(delivery.status, 'published')
      assert.lengthOf(publishRequests(world.x), 1)
      assert.equal(world.x.storedPost(delivery.externalId!)?.text, post.body)
    } finally {
      await worker.runner.stop()
    }
  })

  test('a worker died after saving the network id: published without asking the network', async ({
    assert,
  }) => {
    const { post, delivery } = await dieMidPublish(world, 'mastodon', false)
    await db
      .from('deliveries')
      .where('id', delivery.id)
      .update({ external_id: '4242', external_url: 'https://example.test/4242' })
    const requestsBefore = world.mastodon.server.requests.length
    await reconcileDeliveries('reconciler')
    const [settledDelivery] = await settled(post.id)
    assert.equal(settledDelivery.status, 'published')
    assert.equal(settledDelivery.externalId, '4242')
    assert.equal(world.mastodon.server.requests.length, requestsBefore)
  })

  test('a lease still running is left alone', async ({ assert }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.bluesky.id }])
    await publishNow({ post, actor: world.owner })
    const delivery = await Delivery.findByOrFail('post_id', post.id)
    await claimDelivery(delivery.id, delivery.revision, 'busy-worker')
    assert.deepEqual(await reconcileDeliveries('reconciler'), { requeued: 0, resolved: 0 })
    assert.equal((await Delivery.findOrFail(delivery.id)).claimedBy, 'busy-worker')
  })

  test('rescheduling moves the job: the old one does nothing, the post goes out once at the new time', async ({
    assert,
    cleanup,
  }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await schedulePost({ post, actor: world.owner, at: inMs(300) })
    const before = await Delivery.findByOrFail('post_id', post.id)
    const newTime = inMs(1200)
    await schedulePost({ post, actor: world.owner, at: newTime })
    const after = await Delivery.findOrFail(before.id)

    assert.equal(after.revision, before.revision + 1)
    assert.equal(after.jobId, `delivery:${after.id}:${after.revision}`)
    assert.isUndefined(await queue.use('publish').getJob(before.jobId!))
    assert.equal((await queue.use('publish').getJob(after.jobId!))?.opts.delay! > 800, true)
    assert.equal(
      await runDelivery({ deliveryId: before.id, revision: before.revision }, 'old-job'),
      'stale'
    )

    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal((await Delivery.findOrFail(before.id)).status, 'scheduled')
    assert.lengthOf(publishRequests(world.mastodon), 0)
    const [published] = await settled(post.id)
    assert.isAtLeast(published.publishedAt!.toMillis(), newTime.startOf('second').toMillis())
    assert.lengthOf(publishRequests(world.mastodon), 1)
  })

  test('an account at its limit waits without holding up the others, and says what it waits for', async ({
    assert,
    client,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    // Every slot of the X account taken (a slow X): its delivery waits, Mastodon and Bluesky go out.
    const slot = { network: 'x', accountId: world.accounts.x.id }
    const holders = ['slow-1', 'slow-2', 'slow-3']
    for (const holder of holders) assert.equal(await acquirePublishSlot(slot, holder), 'granted')
    const { post } = await draft(world, [
      { socialAccountId: world.accounts.x.id },
      { socialAccountId: world.accounts.mastodon.id },
      { socialAccountId: world.accounts.bluesky.id },
    ])
    await publishNow({ post, actor: world.owner })
    await waitFor(
      async () =>
        (await Delivery.query().where('post_id', post.id).where('status', 'published')).length === 2
    )
    const x = await Delivery.query().where('post_id', post.id).where('network', 'x').firstOrFail()
    assert.equal(x.status, 'queued')
    assert.match(x.jobId!, /\.busy\d+$/)
    assert.equal(x.waitingFor, 'account_slot')
    assert.lengthOf(publishRequests(world.x), 0)
    // The post page gets it, to say what the delivery waits for.
    const page = await client
      .get(`/w/${world.workspace.slug}/posts/${post.id}`)
      .loginAs(world.owner)
      .withInertia()
    const shown = (page.inertiaProps.post as any).deliveries.find((d: any) => d.network === 'x')
    assert.equal(shown.waitingFor, 'account_slot')

    for (const holder of holders) await releasePublishSlot(slot, holder)
    const deliveries = await settled(post.id)
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['published', 'published', 'published']
    )
    assert.lengthOf(publishRequests(world.x), 1)
    assert.isNull(deliveries.find((d) => d.network === 'x')!.waitingFor)
  })

  test('editing a scheduled post bumps every revision and publishes the new text once', async ({
    assert,
    cleanup,
  }) => {
    const { accounts } = world
    const { post } = await draft(world, [
      { socialAccountId: accounts.mastodon.id },
      { socialAccountId: accounts.bluesky.id },
    ])
    await schedulePost({ post, actor: world.owner, at: inMs(400) })
    const before = await Delivery.query().where('post_id', post.id).orderBy('id')

    const edited = await updatePost({
      post,
      actor: world.owner,
      body: 'Edited body',
      targets: [
        { socialAccountId: accounts.mastodon.id, text: 'Edited for Mastodon' },
        { socialAccountId: accounts.x.id },
      ],
    })
    assert.equal(edited.status, 'updated')
    const after = await Delivery.query().where('post_id', post.id).orderBy('id')
    assert.deepEqual(
      after.map((d) => d.network),
      ['mastodon', 'x']
    )
    assert.equal(after[0].revision, before[0].revision + 1)
    assert.isUndefined(await queue.use('publish').getJob(before[0].jobId!))
    assert.isUndefined(await queue.use('publish').getJob(before[1].jobId!))

    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const deliveries = await settled(post.id)
    assert.equal(world.mastodon.storedPost(deliveries[0].externalId!)?.text, 'Edited for Mastodon')
    assert.equal(world.x.storedPost(deliveries[1].externalId!)?.text, 'Edited body')
    assert.lengthOf(publishRequests(world.bluesky), 0)
  })

  test('once a delivery is claimed the post can no longer be edited, cancelled or deleted', async ({
    assert,
  }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await publishNow({ post, actor: world.owner })
    const delivery = await Delivery.findByOrFail('post_id', post.id)
    await claimDelivery(delivery.id, delivery.revision, 'worker')

    const targets = [{ socialAccountId: world.accounts.mastodon.id, text: 'too late' }]
    assert.equal(
      (await updatePost({ post, actor: world.owner, body: 'x', targets })).status,
      'publishing_started'
    )
    assert.equal((await cancelPost({ post, actor: world.owner })).status, 'publishing_started')
    assert.equal((await deletePost({ post, actor: world.owner })).status, 'publishing_in_progress')
    const unchanged = await Delivery.findOrFail(delivery.id)
    assert.equal(unchanged.revision, delivery.revision)
    assert.isNull(unchanged.text)
  })

  test('deleting a scheduled post removes its jobs; cancelling puts it back to draft', async ({
    assert,
  }) => {
    const first = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await schedulePost({ post: first.post, actor: world.owner, at: inMs(60_000) })
    const job = (await Delivery.findByOrFail('post_id', first.post.id)).jobId!
    assert.exists(await queue.use('publish').getJob(job))
    assert.equal((await deletePost({ post: first.post, actor: world.owner })).status, 'deleted')
    assert.isUndefined(await queue.use('publish').getJob(job))
    assert.isNull(await Post.find(first.post.id))

    const second = await draft(world, [{ socialAccountId: world.accounts.x.id }])
    await schedulePost({ post: second.post, actor: world.owner, at: inMs(60_000) })
    const secondJob = (await Delivery.findByOrFail('post_id', second.post.id)).jobId!
    assert.equal((await cancelPost({ post: second.post, actor: world.owner })).status, 'cancelled')
    assert.isUndefined(await queue.use('publish').getJob(secondJob))
    const delivery = await Delivery.findByOrFail('post_id', second.post.id)
    assert.equal(delivery.status, 'draft')
    assert.equal((await Post.findOrFail(second.post.id)).status, 'draft')
  })
})
