import { test } from '@japa/runner'
import SocialAccount from '#models/social_account'
import AccountMetricSnapshot from '#models/account_metric_snapshot'
import { setProcessingRestricted } from '#services/privacy/restriction'
import { openToken } from '#services/token_vault'
import { withCleanState } from '#tests/helpers/database'
import {
  backdate,
  collectAt,
  pageProps,
  parseCsv,
  publishTo,
  snapshotsOf,
  withWorld,
} from './_helpers.js'

const statsReads = (
  fake: { server: { requests: { method: string; path: string }[] } },
  path: RegExp
) =>
  fake.server.requests.filter((request) => request.method === 'GET' && path.test(request.path))
    .length

const MASTODON_STATUS = /^\/api\/v1\/statuses\/\d+$/
const BLUESKY_POSTS = /app\.bsky\.feed\.getPosts/
const X_TWEETS = /^\/2\/tweets$/

test.group('Analytics / what is collected and what is not', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('nothing is collected for the content of an author who restricted processing', async ({
    assert,
  }) => {
    const { deliveries } = await publishTo(world)
    await setProcessingRestricted(world.owner.id, true)
    const report = await collectAt(deliveries.x, 1)
    assert.equal(report.snapshots, 0)
    assert.equal(
      statsReads(world.mastodon, MASTODON_STATUS) +
        statsReads(world.bluesky, BLUESKY_POSTS) +
        statsReads(world.x, X_TWEETS),
      0
    )

    await setProcessingRestricted(world.owner.id, false)
    assert.equal((await collectAt(deliveries.x, 2)).snapshots, 3)
  })

  test('disconnected and to-be-reconnected accounts are left alone', async ({ assert }) => {
    const { deliveries } = await publishTo(world)
    await SocialAccount.query()
      .where('id', world.accounts.mastodon.id)
      .update({ status: 'disconnected' })
    await SocialAccount.query()
      .where('id', world.accounts.bluesky.id)
      .update({ status: 'needs_reconnection' })

    const report = await collectAt(deliveries.x, 1)
    assert.equal(report.snapshots, 1)
    assert.lengthOf(await snapshotsOf(deliveries.x), 1)
    assert.equal(statsReads(world.mastodon, MASTODON_STATUS), 0)
    assert.equal(statsReads(world.bluesky, BLUESKY_POSTS), 0)
    // Neither are their followers read.
    const readAccounts = (await AccountMetricSnapshot.all()).map((row) => row.socialAccountId)
    assert.deepEqual(readAccounts, [world.accounts.x.id])
  })

  test('one account failing (500) does not stop the others, and is collected on the next run', async ({
    assert,
  }) => {
    const { deliveries } = await publishTo(world)
    world.mastodon.server.failNext(MASTODON_STATUS.source, { kind: 'status', status: 500 }, 'GET')

    const report = await collectAt(deliveries.x, 1)
    assert.equal(report.accounts[world.accounts.mastodon.id].status, 'failed')
    assert.equal(report.accounts[world.accounts.bluesky.id].status, 'collected')
    assert.equal(report.accounts[world.accounts.x.id].status, 'collected')
    assert.lengthOf(await snapshotsOf(deliveries.mastodon), 0)
    assert.lengthOf(await snapshotsOf(deliveries.bluesky), 1)

    // Not pushed back to its next step: the failed post is due again on the next run.
    await collectAt(deliveries.x, 6)
    assert.lengthOf(await snapshotsOf(deliveries.mastodon), 1)
    assert.lengthOf(await snapshotsOf(deliveries.bluesky), 1)
  })

  test('rate_limited leaves that account alone until retryAfter has passed', async ({ assert }) => {
    const { deliveries } = await publishTo(world)
    world.x.server.failNext(
      X_TWEETS.source,
      { kind: 'status', status: 429, headers: { 'retry-after': '600' } },
      'GET'
    )

    const first = await collectAt(deliveries.x, 1)
    assert.equal(first.accounts[world.accounts.x.id].status, 'deferred')
    assert.equal(first.accounts[world.accounts.mastodon.id].status, 'collected')
    assert.equal(statsReads(world.x, X_TWEETS), 1)

    // 5 minutes later (before the 10 minutes X asked for): X is not called at all.
    const second = await collectAt(deliveries.x, 6)
    assert.equal(second.accounts[world.accounts.x.id].status, 'deferred')
    assert.equal(statsReads(world.x, X_TWEETS), 1)
    assert.lengthOf(await snapshotsOf(deliveries.x), 0)

    // Past retryAfter the account is collected again.
    const third = await collectAt(deliveries.x, 12)
    assert.equal(third.accounts[world.accounts.x.id].status, 'collected')
    assert.lengthOf(await snapshotsOf(deliveries.x), 1)
  })

  test('an expired X token is refreshed through the pipeline’s account session, then the figures are read', async ({
    assert,
  }) => {
    const { deliveries } = await publishTo(world, ['x'])
    world.x.setMetrics(deliveries.x.externalId!, { views: 10, likes: 1 })
    const before = openToken(world.accounts.x)!
    world.x.expireAccessToken(before.accessToken)

    const report = await collectAt(deliveries.x, 1)
    assert.equal(report.accounts[world.accounts.x.id].status, 'collected')
    assert.equal((await snapshotsOf(deliveries.x))[0].views, 10)
    await world.accounts.x.refresh()
    assert.notEqual(openToken(world.accounts.x)!.accessToken, before.accessToken)
    assert.equal(world.accounts.x.status, 'connected')
  })

  test('a metric the network does not give reads n/a, a real zero reads 0', async ({
    client,
    assert,
  }) => {
    const { post, deliveries } = await publishTo(world, ['mastodon', 'x'])
    await backdate(deliveries, 30)
    world.mastodon.setMetrics(deliveries.mastodon.externalId!, { likes: 0, shares: 0, comments: 0 })
    world.x.setMetrics(deliveries.x.externalId!, { views: 0, likes: 0 })
    await collectAt(deliveries.x, 1)

    const [snapshot] = await snapshotsOf(deliveries.mastodon)
    assert.equal(snapshot.likes, 0)
    assert.isNull(snapshot.views)
    assert.isNull(snapshot.reach)

    const page = await pageProps(
      client,
      `/w/${world.workspace.slug}/analytics/posts/${post.id}`,
      world.owner
    )
    const mastodon = page.deliveries.find((d: any) => d.network === 'mastodon')
    assert.strictEqual(mastodon.latest.likes, 0)
    assert.isNull(mastodon.latest.views)
    // The page learns which metrics each network gives, so null reads "n/a" and not "not yet".
    const networks = Object.fromEntries(page.networks.map((n: any) => [n.id, n.metrics]))
    assert.notInclude(networks.mastodon, 'views')
    assert.include(networks.x, 'views')

    const workspacePage = await pageProps(
      client,
      `/w/${world.workspace.slug}/analytics`,
      world.owner
    )
    assert.strictEqual(workspacePage.report.totals.views, 0)
    assert.strictEqual(workspacePage.report.totals.likes, 0)
    assert.isNull(workspacePage.report.totals.reach)

    const response = await client
      .get(`/w/${world.workspace.slug}/analytics/export.csv`)
      .loginAs(world.owner)
    const rows = parseCsv(response.text())
    const header = rows.find((row) => row[0] === 'Network')!
    const mastodonRow = rows.find((row) => row[0] === 'Mastodon')!
    assert.equal(mastodonRow[header.indexOf('Views')], 'n/a')
    assert.equal(mastodonRow[header.indexOf('Likes')], '0')
    assert.equal(rows.find((row) => row[0] === 'X')![header.indexOf('Views')], '0')
  })
})
