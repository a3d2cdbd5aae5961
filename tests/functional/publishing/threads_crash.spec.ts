import { test } from '@japa/runner'
import { publishNow } from '#actions/posts/publish_now'
import DeliveryPart from '#models/delivery_part'
import { withCleanState } from '#tests/helpers/database'
import { WorkerProcess } from '#tests/helpers/worker_process'
import type { FakeRequest } from '#sdk/testing/fake_server'
import { settled, startWorker, waitFor, withWorld } from './_fixtures.js'
import { chainOf, linkage, threadDraft } from './_threads.js'
import { RECONCILE_DELIVERIES } from '#queue/job_specs'

/** How often each text reached the network's create endpoint. */
const sentCounts = (requests: FakeRequest[], texts: string[], read: (r: FakeRequest) => string) =>
  texts.map((text) => requests.filter((request) => read(request) === text).length)

test.group('Threads: a worker SIGKILLed between parts', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('parts 1 and 2 out, the worker dies on part 3: a new worker resumes at part 3, nothing is posted twice (Mastodon: part 3 never arrived; Bluesky: it arrived, its answer was lost)', async ({
    assert,
    cleanup,
  }) => {
    const mastodon = await threadDraft(world, world.accounts.mastodon, 'mastodon-crash')
    const bluesky = await threadDraft(world, world.accounts.bluesky, 'bluesky-crash')
    // Mastodon: part 3's request is swallowed before anything is made (the worker waits on it).
    world.mastodon.server.failNext(
      world.mastodon.publishPath,
      { kind: 'hang' },
      'POST',
      (request) => request.body.status === mastodon.parts[2]
    )
    // Bluesky: part 3 is made, its answer never comes back.
    world.bluesky.server.failNext(
      world.bluesky.publishPath,
      { kind: 'lose_response' },
      'POST',
      (request) => request.body.record?.text === bluesky.parts[2]
    )
    // Due before the worker starts (on SQLite, two processes writing at once can fail a transaction).
    await publishNow({ post: mastodon.post, actor: world.owner })
    await publishNow({ post: bluesky.post, actor: world.owner })

    // A real `queue:work` process, its requests allowed to wait far longer than this test.
    const crashed = await WorkerProcess.start(['publish'], {
      PLUGINS_HTTP_TIMEOUT_MS: '120000',
      OUTBOUND_ALLOW_PRIVATE: [world.mastodon.server.baseUrl, world.bluesky.server.baseUrl]
        .map((url) => new URL(url).host)
        .join(','),
    })
    cleanup(() => crashed.stop())
    const partThreeSent = (
      requests: FakeRequest[],
      read: (r: FakeRequest) => string,
      text: string
    ) => requests.some((request) => read(request) === text)
    await waitFor(
      async () => {
        const inFlight = await DeliveryPart.query()
          .where('position', 3)
          .where('status', 'publishing')
        const published = await DeliveryPart.query()
          .whereIn('position', [1, 2])
          .where('status', 'published')
        return (
          inFlight.length === 2 &&
          published.length === 4 &&
          partThreeSent(
            world.mastodon.server.requestsTo('POST', '/api/v1/statuses'),
            (r) => r.body.status,
            mastodon.parts[2]
          ) &&
          partThreeSent(
            world.bluesky.server.requestsTo('POST', '/xrpc/com.atproto.repo.createRecord'),
            (r) => r.body.record?.text,
            bluesky.parts[2]
          )
        )
      },
      60_000,
      100
    )
    await crashed.crash()

    // A new worker, with the reconciler that takes over a dead worker's claims.
    const { runner } = await startWorker([
      {
        key: 'reconcile-deliveries',
        job: RECONCILE_DELIVERIES,
        repeat: { every: 200 },
      },
    ])
    cleanup(async () => {
      await runner.stop()
    })
    await settled(mastodon.post.id, ['published', 'failed', 'unknown'], 30_000)
    await settled(bluesky.post.id, ['published', 'failed', 'unknown'], 30_000)

    const cases = [
      {
        draft: mastodon,
        fake: world.mastodon,
        requests: world.mastodon.server.requestsTo('POST', '/api/v1/statuses'),
        read: (request: FakeRequest) => request.body.status,
        // Part 3 was never made: looked up (not there), sent again with its own key.
        expected: [1, 1, 1, 2],
      },
      {
        draft: bluesky,
        fake: world.bluesky,
        requests: world.bluesky.server.requestsTo('POST', '/xrpc/com.atproto.repo.createRecord'),
        read: (request: FakeRequest) => request.body.record?.text,
        // Part 3 was made: found by its record key, not sent again.
        expected: [1, 1, 1, 1],
      },
    ]
    for (const { draft, fake, requests, read, expected } of cases) {
      const { delivery, parts } = await chainOf(draft.post.id)
      assert.equal(delivery.status, 'published', delivery.lastError ?? '')
      assert.deepEqual(
        parts.map((part) => part.status),
        ['published', 'published', 'published']
      )
      assert.deepEqual(sentCounts(requests, [draft.body, ...draft.parts], read), expected)
      for (const [index, link] of linkage(fake, delivery.externalId!, parts).entries()) {
        assert.equal(link.text, draft.parts[index])
        assert.equal(link.answers, link.expected, `part ${index + 1} answers the one before`)
      }
      // Part 3 exists once at the network.
      assert.equal(fake.storedPost(parts[2].externalId!)?.text, draft.parts[2])
    }
  }).timeout(120_000)
})
