import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Delivery from '#models/delivery'
import Post from '#models/post'
import { publishNow } from '#actions/posts/publish_now'
import { runDelivery } from '#services/publishing/run_delivery'
import { withCleanState } from '#tests/helpers/database'
import { draft, publishRequests, withWorld } from './_fixtures.js'

/** Every SQL statement the database driver sends while `work` runs (read and write clients alike). */
async function statementsDuring(work: () => Promise<unknown>) {
  const connection = db.connection().getWriteClient()
  const clients = new Set([connection, db.connection().getReadClient()])
  const sent: string[] = []
  const listener = (query: { sql: string }) => void sent.push(query.sql)
  for (const client of clients) client.on('query', listener)
  try {
    await work()
  } finally {
    for (const client of clients) client.off('query', listener)
  }
  return sent
}

/**
 * The publish hot path's cost in database round trips (bench/pipeline_overhead.ts measures
 * its throughput): a regression here shows up as a slower burst long before a benchmark is run.
 */
test.group('Publishing round trips', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a due delivery is claimed, published and rolled up in at most 5 statements', async ({
    assert,
    cleanup,
  }) => {
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await publishNow({ post, actor: world.owner })
    const [due] = await Delivery.query().where('post_id', post.id)
    // The status events' listeners (webhooks, live updates) run detached from the pipeline and
    // would race into the count: only the pipeline's own statements are counted here.
    const events = emitter.fake(['delivery:status_changed'])
    cleanup(() => emitter.restore())

    const sent = await statementsDuring(() =>
      runDelivery(
        { deliveryId: due.id, revision: due.revision, notBefore: Date.now() },
        'round-trip-worker'
      )
    )

    const delivery = await Delivery.findOrFail(due.id)
    assert.equal(delivery.status, 'published')
    assert.isNotNull(delivery.externalId)
    assert.equal((await Post.findOrFail(post.id)).status, 'published')
    assert.lengthOf(publishRequests(world.mastodon), 1)
    assert.isAtMost(sent.length, 5, sent.join('\n'))
    // Nothing the dashboard shows was lost by not re-reading the rows.
    const published = events.find(
      'delivery:status_changed',
      ({ data }) => data.status === 'published'
    )
    assert.include(published?.data, {
      deliveryId: due.id,
      revision: due.revision,
      externalId: delivery.externalId,
      externalUrl: delivery.externalUrl,
    })
    assert.isTrue(
      events.exists('delivery:status_changed', ({ data }) => data.status === 'publishing')
    )
  })
})
