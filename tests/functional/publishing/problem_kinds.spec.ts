import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import { publishNow } from '#actions/posts/publish_now'
import { publishingConfig } from '#services/publishing/settings'
import { withCleanState } from '#tests/helpers/database'
import { draft, publishAfterFault, settled, startWorker, waitFor, withWorld } from './_fixtures.js'

/** The delivery's row once it has the status asked for (the worker writes it a moment later). */
const deliveryIn = (postId: number, status: string) =>
  waitFor(() => Delivery.query().where('post_id', postId).where('status', status).first(), 20_000)

/**
 * Each way a publish can end without a post keeps the kind of the plugin's answer beside the raw
 * reason, so the pages can word it (and say when it will be tried again); the post page's props
 * carry both, and the time of the next try.
 */
test.group('Publishing: the kind of each last error', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a 429 is kept as rate_limited, with the next try at the time Retry-After asked for', async ({
    assert,
    client,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    // 3600 network seconds: the delivery stays queued for the whole test.
    world.bluesky.server.failNext(world.bluesky.publishPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '3600' },
    })
    const { post } = await draft(world, [{ socialAccountId: world.accounts.bluesky.id }])
    const before = Date.now()
    await publishNow({ post, actor: world.owner })
    const delivery = await deliveryIn(post.id, 'queued').then(() =>
      waitFor(() =>
        Delivery.query().where('post_id', post.id).where('last_error_kind', 'rate_limited').first()
      )
    )
    const after = Date.now()

    assert.equal(delivery.status, 'queued')
    assert.include(delivery.lastError!, '429')
    // The wait is measured from when the answer was handled, between `before` and `after`
    // (SQLite keeps whole seconds).
    const waitMs = 3600 * publishingConfig().msPerNetworkSecond
    assert.isAtLeast(delivery.dueAt!.toMillis(), Math.floor((before + waitMs) / 1000) * 1000)
    assert.isAtMost(delivery.dueAt!.toMillis(), after + waitMs)

    const page = await client
      .get(`/w/${world.workspace.slug}/posts/${post.id}`)
      .loginAs(world.owner)
      .withInertia()
    page.assertStatus(200)
    const [shown] = page.inertiaProps.post.deliveries
    assert.include(shown, {
      status: 'queued',
      lastErrorKind: 'rate_limited',
      dueAt: delivery.dueAt!.toUTC().toISO(),
    })
    assert.include(shown.lastError, '429')
  }).timeout(60_000)

  test('no answer and no such post: unknown, kept as ambiguous, with the account’s page to check', async ({
    assert,
    client,
    cleanup,
  }) => {
    // No delayed re-check: the first "not found" is the last word.
    publishingConfig().maxRechecks = 0
    const post = await publishAfterFault(world, 'x', { kind: 'hang' }, cleanup)

    const [delivery] = await settled(post.id, ['published', 'failed', 'unknown'], 30_000)
    assert.equal(delivery.status, 'unknown')
    assert.equal(delivery.lastErrorKind, 'ambiguous')
    const page = await client
      .get(`/w/${world.workspace.slug}/posts/${post.id}`)
      .loginAs(world.owner)
      .withInertia()
    const [shown] = page.inertiaProps.post.deliveries
    assert.equal(shown.lastErrorKind, 'ambiguous')
    assert.equal(shown.profileUrl, world.accounts.x.profileUrl)
  }).timeout(60_000)

  test('a refusal is kept as error; a token the network rejects as unauthorized', async ({
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    world.x.server.failNext(world.x.publishPath, {
      kind: 'status',
      status: 400,
      json: { title: 'Invalid Request', detail: 'bad' },
    })
    const refused = await draft(world, [{ socialAccountId: world.accounts.x.id }])
    await publishNow({ post: refused.post, actor: world.owner })
    const [failed] = await settled(refused.post.id, ['published', 'failed', 'unknown'], 30_000)
    assert.equal(failed.status, 'failed')
    assert.equal(failed.lastErrorKind, 'error')
    assert.match(failed.lastError!, /400/)

    // Mastodon tokens cannot be refreshed: a 401 means the account must be reconnected.
    world.mastodon.server.failNext(world.mastodon.publishPath, { kind: 'status', status: 401 })
    const rejected = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await publishNow({ post: rejected.post, actor: world.owner })
    const [unauthorized] = await settled(
      rejected.post.id,
      ['published', 'failed', 'unknown'],
      30_000
    )
    assert.equal(unauthorized.status, 'failed')
    assert.equal(unauthorized.lastErrorKind, 'unauthorized')
  }).timeout(60_000)

  test('a publish that succeeds after an error clears the kind with the error', async ({
    assert,
    cleanup,
  }) => {
    const post = await publishAfterFault(
      world,
      'mastodon',
      { kind: 'status', status: 500 },
      cleanup
    )
    const [delivery] = await settled(post.id, ['published', 'failed', 'unknown'], 30_000)
    assert.equal(delivery.status, 'published')
    assert.equal(delivery.attempts, 2)
    assert.isNull(delivery.lastError)
    assert.isNull(delivery.lastErrorKind)
  }).timeout(60_000)
})
