import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PublishingConfig } from '#config/publishing'
import Delivery from '#models/delivery'
import { publishNow } from '#actions/posts/publish_now'
import { acquireNetworkSlot, releaseNetworkSlot } from '#services/publishing/network_slots'
import { withCleanState } from '#tests/helpers/database'
import { draft, publishRequests, settled, startWorker, withWorld } from './_fixtures.js'

const publishing = () => app.config.get<PublishingConfig>('publishing')

test.group('Publishing: a full network is waited on, not thrashed', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a job waits for the slot its own process frees, and only for that', async ({
    assert,
    cleanup,
  }) => {
    publishing().perNetworkConcurrency = 1
    cleanup(async () => {
      for (const holder of ['job-a', 'job-b', 'elsewhere', 'job-c']) {
        await releaseNetworkSlot('mastodon', holder)
        await releaseNetworkSlot('bluesky', holder)
      }
    })
    assert.isTrue(await acquireNetworkSlot('mastodon', 'job-a', 2000))
    const started = Date.now()
    const waiting = acquireNetworkSlot('mastodon', 'job-b', 2000)
    setTimeout(() => void releaseNetworkSlot('mastodon', 'job-a'), 100)
    assert.isTrue(await waiting)
    assert.isBelow(Date.now() - started, 1000)

    // Held by someone this process is not running (another worker, maybe a slow network): no wait.
    assert.isTrue(await acquireNetworkSlot('bluesky', 'elsewhere'))
    const refused = Date.now()
    assert.isFalse(await acquireNetworkSlot('bluesky', 'job-c', 2000))
    assert.isBelow(Date.now() - refused, 500)
  })

  test('two posts for a network with one slot both go out once, the second without re-queuing', async ({
    assert,
    cleanup,
  }) => {
    publishing().perNetworkConcurrency = 1
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
})
