import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import { FINAL_DELIVERY_STATUSES } from '#models/delivery'
import { publishNow } from '#actions/posts/publish_now'
import { slotLeases } from '#services/publishing/network_slots'
import { withCleanState } from '#tests/helpers/database'
import { WorkerProcess } from '#tests/helpers/worker_process'
import app from '@adonisjs/core/services/app'
import type { PublishingConfig } from '#config/publishing'
import type { PluginsConfig } from '#config/plugins'
import { draft, publishRequests, startWorker, waitFor, withWorld, type World } from './_fixtures.js'
import { RECONCILE_DELIVERIES } from '#queue/job_specs'

/** The recovery target: what was due while the worker was dead goes out this soon after one is back. */
const RECOVERY_MS = 15_000

async function post(world: World, network: 'mastodon' | 'x' | 'bluesky', body: string) {
  const { post: created } = await draft(
    world,
    [{ socialAccountId: world.accounts[network].id }],
    body
  )
  await publishNow({ post: created, actor: world.owner })
  return created
}

async function deliveriesOf(network: string) {
  return Delivery.query().where('network', network).orderBy('id')
}

test.group('Publishing: a worker killed mid-publish', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('its slots and claims are freed at once: a second worker publishes what is due within 15 s, each post once', async ({
    assert,
    cleanup,
  }) => {
    // Everything is due before the worker starts (on SQLite, writes from two processes at once
    // can fail a transaction). Mastodon creates 8 statuses without answering: every slot of the account is held, three
    // more posts wait for one. X never answers 2 (nothing created): ambiguous publishes.
    for (let i = 0; i < 8; i++)
      world.mastodon.server.failNext(world.mastodon.publishPath, { kind: 'lose_response' })
    for (let i = 0; i < 2; i++) world.x.server.failNext(world.x.publishPath, { kind: 'hang' })
    for (let i = 1; i <= 11; i++) await post(world, 'mastodon', `Mastodon post n°${i}`)
    for (let i = 1; i <= 2; i++) await post(world, 'x', `X post n°${i}`)

    // A real `queue:work` process with the shipped settings (8 slots per account, 20 s leases).
    const crashed = await WorkerProcess.start(['publish'], {
      X_API_URL: world.x.settings.urls.api,
      X_AUTHORIZE_URL: world.x.settings.urls.authorize,
      X_CLIENT_ID: world.x.settings.clientId,
      X_CLIENT_SECRET: world.x.settings.clientSecret,
      // Long enough that the requests it sent are still in flight when it dies.
      PLUGINS_HTTP_TIMEOUT_MS: '120000',
      // The Mastodon instance is a host a user typed: the outbound policy of the child process
      // reaches the fake's exact address only when told so, as an operator would.
      OUTBOUND_ALLOW_PRIVATE: new URL(world.mastodon.server.baseUrl).host,
    })
    cleanup(() => crashed.stop())
    const holder = (await crashed.heartbeat())!.holder

    const mastodonSlot = { network: 'mastodon', accountId: world.accounts.mastodon.id }
    await waitFor(
      async () => {
        const held = (await slotLeases(mastodonSlot)).map((lease) => lease.holder)
        const claims = await Delivery.query()
          .where('status', 'publishing')
          .whereLike('claimed_by', `${holder}/%`)
        return (
          held.length === 8 &&
          held.every((name) => name.startsWith(`${holder}/`)) &&
          claims.length === 10 &&
          publishRequests(world.mastodon).length === 8 &&
          publishRequests(world.x).length === 2
        )
      },
      60_000,
      100
    )
    await crashed.crash()

    // Due while no worker is alive.
    for (let i = 1; i <= 3; i++) await post(world, 'bluesky', `Bluesky post n°${i}`)

    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    await waitFor(
      async () =>
        (await Delivery.query().whereNotIn('status', FINAL_DELIVERY_STATUSES)).length === 0,
      RECOVERY_MS,
      100
    )

    // Mastodon: the 8 statuses it created were found (not sent again), the 3 waiting went out.
    const mastodon = await deliveriesOf('mastodon')
    assert.deepEqual(
      mastodon.map((d) => d.status),
      Array(11).fill('published')
    )
    assert.lengthOf(publishRequests(world.mastodon), 11)
    assert.lengthOf(new Set(mastodon.map((d) => d.externalId)), 11)
    for (const delivery of mastodon) {
      await delivery.load('post')
      assert.equal(world.mastodon.storedPost(delivery.externalId!)?.text, delivery.post.body)
    }

    // X: no answer and no such post, still none after X's read-after-write delay: each sent
    // once more, and each is on X exactly once.
    const x = await deliveriesOf('x')
    assert.deepEqual(
      x.map((d) => d.status),
      ['published', 'published']
    )
    assert.lengthOf(publishRequests(world.x), 4)
    for (const delivery of x) {
      await delivery.load('post')
      assert.equal(world.x.storedPost(delivery.externalId!)?.text, delivery.post.body)
    }

    const bluesky = await deliveriesOf('bluesky')
    assert.deepEqual(
      bluesky.map((d) => d.status),
      ['published', 'published', 'published']
    )
    assert.lengthOf(publishRequests(world.bluesky), 3)
    assert.deepEqual(await slotLeases(mastodonSlot), [])
  }).timeout(120_000)

  test('a live worker renews its leases: a publish that outlasts the lease keeps its claim and slot, and settles once', async ({
    assert,
    cleanup,
  }) => {
    const publishing = app.config.get<PublishingConfig>('publishing')
    publishing.leaseMs = 1500
    // Long enough that the request outlives several leases before it counts as a timeout.
    app.config.get<PluginsConfig>('plugins').timeoutMs = 6000
    // The reconciler runs all the time: it would take over any lease that ran out.
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
    world.mastodon.server.failNext(world.mastodon.publishPath, { kind: 'lose_response' })
    const created = await post(world, 'mastodon', 'A slow network today')
    const slot = { network: 'mastodon', accountId: world.accounts.mastodon.id }

    const claimed = await waitFor(() =>
      Delivery.query().where('post_id', created.id).where('status', 'publishing').first()
    )
    const [firstSlot] = await waitFor(async () => {
      const leases = await slotLeases(slot)
      return leases.length ? leases : null
    })
    // Renewed past the end of the first lease, by the same holder, request still in flight.
    await waitFor(
      async () => {
        const now = await Delivery.findOrFail(claimed.id)
        const [slotNow] = await slotLeases(slot)
        return (
          now.status === 'publishing' &&
          now.claimedBy === claimed.claimedBy &&
          now.leaseUntil!.toMillis() > claimed.leaseUntil!.toMillis() + publishing.leaseMs &&
          slotNow?.holder === firstSlot.holder &&
          slotNow.until > firstSlot.until + publishing.leaseMs
        )
      },
      5000,
      100
    )
    const [delivery] = await waitFor(async () => {
      const rows = await Delivery.query().where('post_id', created.id).where('status', 'published')
      return rows.length ? rows : null
    }, 15_000)
    assert.equal(delivery.claimedBy, null)
    assert.lengthOf(publishRequests(world.mastodon), 1)
    assert.equal(delivery.attempts, 1)
  }).timeout(60_000)
})
