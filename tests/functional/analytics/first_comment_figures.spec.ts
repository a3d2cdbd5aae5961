import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createPost } from '#actions/posts/create_post'
import { publishNow } from '#actions/posts/publish_now'
import DeliveryPart from '#models/delivery_part'
import { withCleanState } from '#tests/helpers/database'
import {
  collectAfterAnHour,
  connectThroughApp,
  publishedDeliveries,
  withStudio,
} from '#tests/functional/publishing/_done_when'

/**
 * A first comment's figures, where the network's stats hook reads a comment by its id (Reddit:
 * /api/info takes the comment's t1_ fullname): read with the post's, kept with the thread
 * parts' figures, apart from the post's own.
 */
test.group('Analytics / a first comment’s figures', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['reddit'])

  test('a Reddit first comment is read with its post, by the comment’s own id', async ({
    client,
    assert,
  }) => {
    const reddit = await connectThroughApp(client, studio, 'reddit')
    const created = await createPost({
      workspace: studio.workspace,
      author: studio.owner,
      body: 'Tarte aux pistaches, fresh from the oven',
      targets: [
        {
          socialAccountId: reddit.id,
          options: { subreddit: 'pistache', title: 'Our pistachio tart' },
        },
      ],
      parts: [{ kind: 'first_comment', text: 'Recipe: pistache.example/tarte' }],
    })
    if (created.status !== 'created') throw new Error(created.status)
    await publishNow({ post: created.post, actor: studio.owner })
    const { deliveries } = await publishedDeliveries(created.post.id, 20_000)
    assert.equal(deliveries[0].status, 'published')
    const [comment] = await DeliveryPart.query().where('delivery_id', deliveries[0].id)
    assert.equal(comment.kind, 'first_comment')
    assert.match(comment.externalId!, /^t1_/)

    studio.fakes.reddit.setMetrics(deliveries[0].externalId!, { likes: 40, comments: 3 })
    // Reddit counts the author's own upvote: 6 likes read as a score of 7.
    studio.fakes.reddit.comments.store.setFigures(comment.externalId!, { likes: 6 })
    const { latest } = await collectAfterAnHour(deliveries)
    assert.equal(latest.reddit.likes, 40, 'the post keeps its own figures')

    const rows = await db
      .from('delivery_part_metric_snapshots')
      .where('delivery_id', deliveries[0].id)
    assert.deepEqual(
      rows.map((row) => [Number(row.delivery_part_id), row.likes, row.views]),
      [[comment.id, 7, null]]
    )
  }).timeout(60_000)
})
