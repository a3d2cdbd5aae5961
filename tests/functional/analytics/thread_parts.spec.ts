import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import { settled, startWorker } from '#tests/functional/publishing/_fixtures'
import { chainOf, threadDraft } from '#tests/functional/publishing/_threads'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { backdate, collectAt, pageProps, withWorld } from './_helpers.js'

test.group('Analytics / a thread’s parts: each reply read, the thread’s total', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('X and Mastodon threads: every published reply is read with the main post; the post page shows the total and each part', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const x = await threadDraft(world, world.accounts.x, 'x')
    const mastodon = await threadDraft(world, world.accounts.mastodon, 'mastodon')
    for (const { post } of [x, mastodon]) await publishNow({ post, actor: world.owner })
    await settled(x.post.id, ['published', 'failed', 'unknown'], 20_000)
    await settled(mastodon.post.id, ['published', 'failed', 'unknown'], 20_000)
    const onX = await chainOf(x.post.id)
    const onMastodon = await chainOf(mastodon.post.id)
    assert.deepEqual(
      onX.parts.map((part) => part.status),
      ['published', 'published', 'published']
    )
    await backdate({ x: onX.delivery, mastodon: onMastodon.delivery }, 60)

    world.x.setMetrics(onX.delivery.externalId!, { views: 1000, likes: 40, shares: 5 })
    world.x.setMetrics(onX.parts[0].externalId!, { views: 300, likes: 12, shares: 1 })
    world.x.setMetrics(onX.parts[1].externalId!, { views: 200, likes: 8, shares: 0 })
    // Part 3 was never seen by anyone: the fake answers with zeros, which is a reading too.
    world.mastodon.setMetrics(onMastodon.delivery.externalId!, { likes: 9, shares: 2 })
    world.mastodon.setMetrics(onMastodon.parts[0].externalId!, { likes: 4, shares: 1 })

    const run = await collectAt(onX.delivery, 1)
    assert.isTrue(run.ran)
    assert.equal(run.accounts[world.accounts.x.id].status, 'collected')

    const rows = await db
      .from('delivery_part_metric_snapshots')
      .whereIn('delivery_id', [onX.delivery.id, onMastodon.delivery.id])
      .orderBy('delivery_part_id')
    assert.deepEqual(
      rows.map((row) => [Number(row.delivery_part_id), Number(row.likes)]),
      [
        [onX.parts[0].id, 12],
        [onX.parts[1].id, 8],
        [onX.parts[2].id, 0],
        [onMastodon.parts[0].id, 4],
        [onMastodon.parts[1].id, 0],
        [onMastodon.parts[2].id, 0],
      ]
    )
    // Workspace figures stay per post: the replies are not counted as more posts.
    const mainRows = await db
      .from('delivery_metric_snapshots')
      .whereIn('delivery_id', [onX.delivery.id, onMastodon.delivery.id])
    assert.lengthOf(mainRows, 2)

    const slug = world.workspace.slug
    const page = await pageProps(client, `/w/${slug}/analytics/posts/${x.post.id}`, world.owner)
    const [delivery] = page.deliveries
    assert.deepInclude(delivery.latest, { views: 1000, likes: 40, shares: 5 })
    assert.deepEqual(
      delivery.thread.parts.map((part: any) => [part.position, part.latest?.likes]),
      [
        [1, 12],
        [2, 8],
        [3, 0],
      ]
    )
    assert.equal(delivery.thread.parts[0].externalUrl, onX.parts[0].externalUrl)
    assert.deepInclude(delivery.thread.total, { views: 1500, likes: 60, shares: 6 })

    const other = await pageProps(
      client,
      `/w/${slug}/analytics/posts/${mastodon.post.id}`,
      world.owner
    )
    // Mastodon gives no views: the total says "not given", never 0.
    assert.deepInclude(other.deliveries[0].thread.total, { likes: 13, shares: 3, views: null })
  }).timeout(60_000)

  test('replies not read yet say so to a viewer; another workspace’s member cannot open the post’s figures', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const x = await threadDraft(world, world.accounts.x, 'tenancy')
    await publishNow({ post: x.post, actor: world.owner })
    await settled(x.post.id, ['published', 'failed', 'unknown'], 20_000)
    const slug = world.workspace.slug
    const stranger = await makeUser({ fullName: 'Sam Stranger' })
    await makeWorkspace(stranger)
    const refused = await client
      .get(`/w/${slug}/analytics/posts/${x.post.id}`)
      .loginAs(stranger)
      .withInertia()
    assert.include([403, 404], refused.status())

    const { user: viewer } = await addMember(world.workspace, 'viewer')
    const seen = await pageProps(client, `/w/${slug}/analytics/posts/${x.post.id}`, viewer)
    assert.lengthOf(seen.deliveries[0].thread.parts, 3)
    assert.deepEqual(seen.deliveries[0].thread.parts[0].latest, null, 'not read yet')
  }).timeout(60_000)
})
