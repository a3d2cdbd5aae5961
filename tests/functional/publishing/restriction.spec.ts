import { test } from '@japa/runner'
import { publishNow } from '#actions/posts/publish_now'
import { setProcessingRestricted } from '#services/privacy/restriction'
import { withCleanState } from '#tests/helpers/database'
import { draft, publishRequests, settled, startWorker, withWorld } from './_fixtures.js'

test.group('Publishing honours a restriction of processing', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('nothing reaches any network for an author who restricted processing, until it is lifted', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const { accounts } = world
    await setProcessingRestricted(world.owner.id, true)

    const { post } = await draft(world, [
      { socialAccountId: accounts.mastodon.id },
      { socialAccountId: accounts.x.id },
    ])
    await publishNow({ post, actor: world.owner })
    const deliveries = await settled(post.id)
    assert.deepEqual(
      deliveries.map((d) => d.status),
      ['failed', 'failed']
    )
    assert.match(deliveries[0].lastError ?? '', /restricted/)
    assert.lengthOf(publishRequests(world.mastodon), 0)
    assert.lengthOf(publishRequests(world.x), 0)

    await setProcessingRestricted(world.owner.id, false)
    const { post: later } = await draft(world, [{ socialAccountId: accounts.mastodon.id }])
    await publishNow({ post: later, actor: world.owner })
    assert.deepEqual(
      (await settled(later.id)).map((d) => d.status),
      ['published']
    )
  })
})
