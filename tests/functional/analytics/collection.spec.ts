import { test } from '@japa/runner'
import AccountMetricSnapshot from '#models/account_metric_snapshot'
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

test.group('Analytics / metrics from the three networks reach the pages and the CSV', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('figures set on the fakes show up after a collection run, then their change after the next', async ({
    client,
    assert,
  }) => {
    const { post, deliveries } = await publishTo(world)
    await backdate(deliveries, 60)
    world.mastodon.setMetrics(deliveries.mastodon.externalId!, {
      likes: 12,
      shares: 3,
      comments: 2,
      quotes: 1,
    })
    world.bluesky.setMetrics(deliveries.bluesky.externalId!, {
      likes: 7,
      shares: 1,
      comments: 0,
      quotes: 2,
    })
    world.x.setMetrics(deliveries.x.externalId!, {
      views: 1500,
      likes: 40,
      shares: 5,
      comments: 4,
      quotes: 0,
      saves: 6,
    })

    const first = await collectAt(deliveries.mastodon, 1)
    assert.isTrue(first.ran)
    assert.equal(first.snapshots, 3)
    const slug = world.workspace.slug

    const postPage = await pageProps(client, `/w/${slug}/analytics/posts/${post.id}`, world.owner)
    const latest = Object.fromEntries(postPage.deliveries.map((d: any) => [d.network, d.latest]))
    assert.deepInclude(latest.mastodon, {
      likes: 12,
      shares: 3,
      comments: 2,
      quotes: 1,
      views: null,
    })
    assert.deepInclude(latest.bluesky, { likes: 7, shares: 1, comments: 0, quotes: 2, views: null })
    assert.deepInclude(latest.x, {
      views: 1500,
      likes: 40,
      shares: 5,
      comments: 4,
      quotes: 0,
      saves: 6,
    })
    assert.equal(
      postPage.deliveries.find((d: any) => d.network === 'x').externalUrl,
      deliveries.x.externalUrl
    )

    // Later the figures grow; the next due run (15 minutes on) reads them again.
    world.mastodon.setMetrics(deliveries.mastodon.externalId!, {
      likes: 20,
      shares: 4,
      comments: 2,
      quotes: 1,
    })
    world.x.setMetrics(deliveries.x.externalId!, {
      views: 2600,
      likes: 55,
      shares: 5,
      comments: 4,
      quotes: 0,
      saves: 6,
    })
    assert.equal((await collectAt(deliveries.mastodon, 17)).snapshots, 3)
    assert.lengthOf(await snapshotsOf(deliveries.x), 2)

    const curve = await pageProps(client, `/w/${slug}/analytics/posts/${post.id}`, world.owner)
    const x = curve.deliveries.find((d: any) => d.network === 'x')
    assert.deepEqual(
      x.points.map((p: any) => p.figures.views),
      [1500, 2600]
    )

    const page = await pageProps(client, `/w/${slug}/analytics?period=7`, world.owner)
    assert.equal(page.period.key, '7')
    assert.equal(page.report.posts, 1)
    assert.deepEqual(
      page.report.byNetwork.map((row: any) => row.posts),
      [1, 1, 1]
    )
    assert.deepInclude(page.report.totals, {
      likes: 20 + 7 + 55,
      views: 2600,
      shares: 4 + 1 + 5,
      saves: 6,
    })
    const byNetwork = Object.fromEntries(
      page.report.byNetwork.map((row: any) => [row.network, row.figures])
    )
    assert.equal(byNetwork.mastodon.likes, 20)
    assert.isNull(byNetwork.mastodon.views)
    assert.equal(byNetwork.x.views, 2600)
    assert.equal(page.report.topPosts[0].postId, post.id)
    assert.sameMembers(page.report.topPosts[0].networks, ['mastodon', 'bluesky', 'x'])
    // The daily gains add up to the totals.
    const gained = page.report.series.reduce(
      (sum: number, day: any) => sum + (day.figures.likes ?? 0),
      0
    )
    assert.equal(gained, 82)
    // Followers were read once per account, and shown per account.
    assert.equal(
      await AccountMetricSnapshot.query()
        .count('* as total')
        .first()
        .then((r: any) => Number(r.$extras.total)),
      3
    )
    const mastodonAccount = page.report.byAccount.find(
      (row: any) => row.accountId === world.accounts.mastodon.id
    )
    assert.equal(mastodonAccount.followers, 1280)
    assert.notInclude(JSON.stringify(page), 'accessToken')

    const csvResponse = await client
      .get(`/w/${slug}/analytics/export.csv?period=7`)
      .loginAs(world.owner)
    csvResponse.assertStatus(200)
    assert.match(csvResponse.header('content-type') ?? '', /text\/csv; charset=utf-8/)
    assert.match(
      csvResponse.header('content-disposition') ?? '',
      /attachment; filename="analytics-/
    )
    const rows = parseCsv(csvResponse.text())
    assert.deepEqual(rows.find((row) => row[0] === 'Likes')?.slice(0, 2), ['Likes', '82'])
    assert.deepEqual(rows.find((row) => row[0] === 'Views')?.slice(0, 2), ['Views', '2600'])
    const header = rows.find((row) => row[0] === 'Network')!
    const mastodonRow = rows.find((row) => row[0] === 'Mastodon')!
    assert.equal(mastodonRow[header.indexOf('Likes')], '20')
    assert.equal(mastodonRow[header.indexOf('Views')], 'n/a')
    assert.equal(rows.find((row) => row[0] === 'X')![header.indexOf('Views')], '2600')
  })

  test('the French CSV uses semicolons and French labels', async ({ client, assert }) => {
    const { deliveries } = await publishTo(world, ['mastodon'])
    await backdate(deliveries, 60)
    world.mastodon.setMetrics(deliveries.mastodon.externalId!, { likes: 3 })
    await collectAt(deliveries.mastodon, 1)
    world.owner.locale = 'fr'
    await world.owner.save()
    const response = await client
      .get(`/w/${world.workspace.slug}/analytics/export.csv`)
      .loginAs(world.owner)
    const rows = parseCsv(response.text(), ';')
    assert.deepEqual(rows.find((row) => row[0] === 'J’aime')?.slice(0, 2), ['J’aime', '3'])
  })
})
