import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withCleanState } from '#tests/helpers/database'
import { dueWork } from '#services/analytics/due_work'
import { collectAt, pageProps, publishTo, snapshotsOf, withWorld } from './_helpers.js'

const MINUTE = 60
const DAY = 24 * MINUTE

/**
 * A post deleted on the network: the AppView stops returning it. One miss may be the AppView
 * lagging behind, so it is asked again at the next run; two in a row mark it deleted: its last
 * figures stay, with the mark, and it is no longer polled.
 */
test.group('Analytics / a post deleted on the network', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  const dueIds = async (minutes: number, delivery: { publishedAt: any }) =>
    (await dueWork(delivery.publishedAt.toUTC().plus({ minutes }))).flatMap((work) =>
      work.deliveries.map((due) => due.id)
    )

  test('is marked deleted after two readings miss it, keeps its last figures, and is polled no more', async ({
    client,
    assert,
  }) => {
    const { post, deliveries } = await publishTo(world, ['bluesky'])
    const delivery = deliveries.bluesky
    world.bluesky.setMetrics(delivery.externalId!, { likes: 9, shares: 2, comments: 1, quotes: 0 })
    await collectAt(delivery, 5)
    assert.lengthOf(await snapshotsOf(delivery), 1)

    world.bluesky.deletePost(delivery.externalId!)
    await collectAt(delivery, DAY)
    // One miss: not marked yet, and asked again at the very next run.
    const once = await db.from('deliveries').where('id', delivery.id).firstOrFail()
    assert.isNotNull(once.metrics_missing_since)
    assert.isNull(once.metrics_gone_at)
    assert.include(await dueIds(DAY + 1, delivery), delivery.id)

    await collectAt(delivery, DAY + 1)
    const gone = await db.from('deliveries').where('id', delivery.id).firstOrFail()
    assert.isNotNull(gone.metrics_gone_at)
    assert.notInclude(await dueIds(2 * DAY, delivery), delivery.id)
    assert.notInclude(await dueIds(20 * DAY, delivery), delivery.id)
    assert.lengthOf(await snapshotsOf(delivery), 1)

    const page = await pageProps(
      client,
      `/w/${world.workspace.slug}/analytics/posts/${post.id}`,
      world.owner
    )
    const [report] = page.deliveries
    assert.isString(report.deletedAt)
    assert.deepInclude(report.latest, { likes: 9, shares: 2, comments: 1 })
  })

  test('a post the AppView misses once and then returns again is not marked', async ({
    assert,
  }) => {
    const { deliveries } = await publishTo(world, ['bluesky'])
    const delivery = deliveries.bluesky
    world.bluesky.setMetrics(delivery.externalId!, { likes: 1, shares: 0, comments: 0, quotes: 0 })
    // Not indexed yet at the first reading: the fake answers without it.
    const saved = world.bluesky.storedPost(delivery.externalId!)!
    world.bluesky.deletePost(delivery.externalId!)
    await collectAt(delivery, 5)
    world.bluesky.restorePost(delivery.externalId!, saved)
    await collectAt(delivery, 6)
    const row = await db.from('deliveries').where('id', delivery.id).firstOrFail()
    assert.isNull(row.metrics_missing_since)
    assert.isNull(row.metrics_gone_at)
    assert.lengthOf(await snapshotsOf(delivery), 1)
  })
})
