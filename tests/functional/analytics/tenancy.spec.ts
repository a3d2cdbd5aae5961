import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { backdate, collectAt, pageProps, parseCsv, publishTo, withWorld } from './_helpers.js'

test.group('Analytics / tenancy and the CSV', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('another workspace sees none of these figures, posts or accounts', async ({
    client,
    assert,
  }) => {
    const { post, deliveries } = await publishTo(
      world,
      ['mastodon', 'x'],
      'Secret pistachio launch 🤫'
    )
    await backdate(deliveries, 30)
    world.x.setMetrics(deliveries.x.externalId!, { views: 987654, likes: 4321 })
    await collectAt(deliveries.x, 1)

    const outsider = await makeUser()
    const own = await makeWorkspace(outsider, 'Outsider Bakery')
    const ownPage = await pageProps(client, `/w/${own.slug}/analytics`, outsider)
    assert.equal(ownPage.report.posts, 0)
    assert.deepEqual(ownPage.report.byNetwork, [])
    assert.deepEqual(ownPage.report.byAccount, [])
    assert.deepEqual(ownPage.report.topPosts, [])
    assert.deepEqual(ownPage.accounts, [])
    assert.isNull(ownPage.report.totals.views)

    const ownCsv = (
      await client.get(`/w/${own.slug}/analytics/export.csv?period=90`).loginAs(outsider)
    ).text()
    for (const secret of ['987654', '4321', 'Secret pistachio', world.accounts.x.handle])
      assert.notInclude(ownCsv, secret)

    // The foreign workspace itself, and its post through one's own workspace: 404.
    for (const url of [
      `/w/${world.workspace.slug}/analytics`,
      `/w/${world.workspace.slug}/analytics/export.csv`,
      `/w/${world.workspace.slug}/analytics/posts/${post.id}`,
      `/w/${own.slug}/analytics/posts/${post.id}`,
    ]) {
      const response = await client.get(url).loginAs(outsider).withInertia()
      assert.equal(response.status(), 404, url)
      assert.notInclude(response.text(), '987654')
    }

    // A viewer of the workspace itself sees them.
    const { user: viewer } = await addMember(world.workspace, 'viewer')
    const page = await pageProps(client, `/w/${world.workspace.slug}/analytics`, viewer)
    assert.equal(page.report.totals.views, 987654)
  })

  test('the CSV neutralises cells a spreadsheet would run as formulas', async ({
    client,
    assert,
  }) => {
    const { deliveries } = await publishTo(
      world,
      ['mastodon'],
      '=HYPERLINK("http://evil.example","click") +1 @me'
    )
    await backdate(deliveries, 30)
    world.mastodon.setMetrics(deliveries.mastodon.externalId!, { likes: 2 })
    await collectAt(deliveries.mastodon, 1)

    const text = (
      await client.get(`/w/${world.workspace.slug}/analytics/export.csv`).loginAs(world.owner)
    ).text()
    assert.isTrue(text.startsWith('\uFEFF'))
    assert.include(text, `"'=HYPERLINK(""http://evil.example"",""click"") +1 @me"`)
    for (const line of text.slice(1).split('\r\n')) {
      for (const cell of line.split(',')) {
        const value = cell.replace(/^"/, '')
        // An account handle (`@alice.test`, `@a@b.social`) is written as it is; anything else
        // that a spreadsheet would read as a formula is neutralised.
        if (/^@[\w.-]+(@[\w.-]+)?$/.test(value)) continue
        assert.notMatch(value, /^[=+@]/, line)
      }
    }
    // Numbers stay numbers.
    assert.deepEqual(
      parseCsv(text)
        .find((row) => row[0] === 'Likes')
        ?.slice(0, 2),
      ['Likes', '2']
    )
  })

  test('a custom period is validated and only counts the posts published in it', async ({
    client,
    assert,
  }) => {
    const { deliveries } = await publishTo(world, ['mastodon'])
    await backdate(deliveries, 30)
    await collectAt(deliveries.mastodon, 1)
    const slug = world.workspace.slug

    const invalid = await client
      .get(`/w/${slug}/analytics?period=custom&from=yesterday`)
      .loginAs(world.owner)
      .withInertia()
      .redirects(0)
    assert.oneOf(invalid.status(), [302, 422])

    const longAgo = await pageProps(
      client,
      `/w/${slug}/analytics?period=custom&from=2020-01-01&to=2020-01-31`,
      world.owner
    )
    assert.equal(longAgo.period.key, 'custom')
    assert.equal(longAgo.period.from, '2020-01-01')
    assert.equal(longAgo.period.to, '2020-01-31')
    assert.lengthOf(longAgo.period.days, 31)
    assert.equal(longAgo.report.posts, 0)

    const today = deliveries.mastodon.publishedAt!.setZone(world.workspace.timezone).toISODate()
    const current = await pageProps(
      client,
      `/w/${slug}/analytics?period=custom&from=${today}&to=${today}`,
      world.owner
    )
    assert.equal(current.report.posts, 1)
  })
})
