import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Feed from '#models/feed'
import FeedItem from '#models/feed_item'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import { saveFeed } from '#actions/feeds/save_feed'
import { pollFeed } from '#actions/feeds/poll_feed'
import { feedSettings } from '#services/feeds/settings'
import { DEFAULT_FEED_TEMPLATE } from '#services/feeds/template'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, type Desk } from '#tests/functional/posts/_fixtures'
import { jpeg } from '#tests/functional/api/_fixtures'
import { atom, jsonFeed, rss, serve, startFeedServer } from './_server.js'

const ago = (minutes: number) => DateTime.utc().minus({ minutes }).toISO()!
const ahead = (minutes: number) => DateTime.utc().plus({ minutes }).toISO()!

async function follow(
  desk: Desk,
  url: string,
  extra: Partial<Parameters<typeof saveFeed>[0]['payload']> = {}
) {
  const saved = await saveFeed({
    workspace: desk.workspace,
    actor: desk.owner,
    payload: {
      url,
      mode: 'draft',
      template: DEFAULT_FEED_TEMPLATE,
      targetAccountIds: [desk.mastodon.id],
      maxItemsPerFetch: 5,
      ...extra,
    },
  })
  if (saved.status !== 'saved') throw new Error(saved.status)
  // The feed was added a minute ago: items published since then are new.
  await saved.feed.merge({ createdAt: DateTime.utc().minus({ minutes: 1 }) }).save()
  return saved.feed
}

const bodies = async (ids: number[]) =>
  (await Post.query().whereIn('id', ids).orderBy('id')).map((post) => post.body)

test.group('Feeds', (group) => {
  withCleanState(group)
  let desk: Desk
  group.each.setup(async () => {
    desk = await makeDesk()
  })

  test('RSS: new items once as drafts, older ones skipped on the first fetch, 304 on the next, one new item later', async ({
    assert,
    cleanup,
  }) => {
    const items = [
      { guid: 'old-1', title: 'Old loaf', link: 'https://bakery.example/old-1', at: ago(600) },
      { guid: 'old-2', title: 'Older loaf', link: 'https://bakery.example/old-2', at: ago(900) },
      {
        guid: 'new-1',
        title: 'Pistachio croissant',
        link: 'https://bakery.example/p',
        at: ahead(0),
      },
      { guid: 'new-2', title: 'Sourdough news', link: 'https://bakery.example/s', at: ahead(0) },
      {
        guid: 'new-3',
        title: 'Almond tart',
        link: 'https://bakery.example/a',
        at: ahead(0),
        image: '',
      },
    ]
    let etag = '"v1"'
    const server = await startFeedServer({
      '/feed.xml': (request, response) => {
        if (request.headers['if-none-match'] === etag) {
          response.statusCode = 304
          return response.end()
        }
        response.writeHead(200, { 'content-type': 'application/rss+xml', etag })
        response.end(rss(items))
      },
      '/tart.jpg': (_request, response) =>
        void jpeg().then((bytes) => {
          response.writeHead(200, { 'content-type': 'image/jpeg' })
          response.end(bytes)
        }),
    })
    cleanup(() => server.close())
    items[4].image = server.url('/tart.jpg')
    const feed = await follow(desk, server.url('/feed.xml'), { excludeWords: ['sourdough'] })

    const first = await pollFeed(feed)
    assert.equal(first.status, 'ok')
    assert.sameMembers(await bodies(first.created), [
      'Pistachio croissant\n\nhttps://bakery.example/p',
      'Almond tart\n\nhttps://bakery.example/a',
    ])
    assert.deepEqual(first.skipped, { before_follow: 2, filtered: 1 })
    const tart = await Post.query()
      .whereIn('id', first.created)
      .preload('media')
      .preload('deliveries')
    assert.isTrue(tart.every((post) => post.status === 'draft'))
    assert.isTrue(tart.every((post) => post.deliveries[0].socialAccountId === desk.mastodon.id))
    const withImage = tart.find((post) => post.body.startsWith('Almond'))!
    assert.lengthOf(withImage.media, 1)
    const asset = await MediaAsset.findOrFail(withImage.media[0].mediaAssetId)
    assert.equal(asset.workspaceId, desk.workspace.id)

    // Unchanged: the server answers 304 to the conditional GET and nothing is made.
    await feed.refresh()
    const second = await pollFeed(feed)
    assert.equal(second.status, 'not_modified')
    assert.equal(server.requests.filter((r) => r.path === '/feed.xml').at(-1)!.ifNoneMatch, '"v1"')

    // One new item, and the old ones still listed: exactly one more draft.
    items.push({ guid: 'new-4', title: 'Fig bun', link: 'https://bakery.example/f', at: ahead(1) })
    etag = '"v2"'
    await feed.refresh()
    const third = await pollFeed(feed)
    assert.deepEqual(await bodies(third.created), ['Fig bun\n\nhttps://bakery.example/f'])
    await feed.refresh()
    assert.lengthOf((await pollFeed(feed)).created, 0)
    assert.equal(
      await Post.query()
        .where('workspace_id', desk.workspace.id)
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      3
    )
    assert.isNull(feed.lastError)
  }).timeout(30_000)

  test('Atom and JSON Feed: every entry when asked to import existing ones, at most the per-fetch limit', async ({
    assert,
    cleanup,
  }) => {
    const entries = [1, 2, 3].map((n) => ({
      id: `urn:entry:${n}`,
      title: `Entry ${n}`,
      link: `https://bakery.example/e${n}`,
      url: `https://bakery.example/j${n}`,
      at: ago(100 - n),
    }))
    const server = await startFeedServer({
      '/atom.xml': serve('application/atom+xml', atom(entries)),
      '/feed.json': serve('application/feed+json', jsonFeed(entries)),
    })
    cleanup(() => server.close())

    const atomFeed = await follow(desk, server.url('/atom.xml'), {
      importExisting: true,
      maxItemsPerFetch: 2,
      template: '{title}: {summary} {link}',
    })
    const fromAtom = await pollFeed(atomFeed)
    assert.deepEqual(await bodies(fromAtom.created), [
      'Entry 3: Summary of Entry 3 https://bakery.example/e3',
      'Entry 2: Summary of Entry 2 https://bakery.example/e2',
    ])
    assert.deepEqual(fromAtom.skipped, { over_limit: 1 })

    const json = await follow(desk, server.url('/feed.json'), { importExisting: true })
    const fromJson = await pollFeed(json)
    assert.sameMembers(await bodies(fromJson.created), [
      'Entry 1\n\nhttps://bakery.example/j1',
      'Entry 2\n\nhttps://bakery.example/j2',
      'Entry 3\n\nhttps://bakery.example/j3',
    ])
    await json.refresh()
    assert.lengthOf((await pollFeed(json)).created, 0, 'the same items never twice')
    assert.equal(
      await FeedItem.query()
        .where('feed_id', json.id)
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      3
    )
  }).timeout(30_000)

  test('queue mode: each new item takes the next free slot of the posting schedule', async ({
    assert,
    cleanup,
  }) => {
    const { default: PostingSlot } = await import('#models/posting_slot')
    await PostingSlot.createMany(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        workspaceId: desk.workspace.id,
        weekday,
        time: '09:00',
      }))
    )
    const entries = [1, 2].map((n) => ({
      id: `q-${n}`,
      title: `Queued ${n}`,
      url: `https://bakery.example/q${n}`,
      at: ahead(n),
    }))
    const server = await startFeedServer({
      '/feed.json': serve('application/feed+json', jsonFeed(entries)),
    })
    cleanup(() => server.close())
    const feed = await follow(desk, server.url('/feed.json'), { mode: 'queue' })
    const report = await pollFeed(feed)
    const posts = await Post.query().whereIn('id', report.created).orderBy('scheduled_at')
    assert.deepEqual(
      posts.map((post) => [
        post.status,
        post.scheduledAt!.setZone('Europe/Paris').toFormat('HH:mm'),
      ]),
      [
        ['scheduled', '09:00'],
        ['scheduled', '09:00'],
      ]
    )
    assert.equal(
      posts[1].scheduledAt!.diff(posts[0].scheduledAt!, 'days').days,
      1,
      'two items, two different slots'
    )
  }).timeout(30_000)

  test('malformed, huge and redirected-to-a-private-address feeds: a clear error on the row, nothing made', async ({
    assert,
    cleanup,
  }) => {
    const saved = feedSettings.maxBytes
    feedSettings.maxBytes = 64 * 1024
    cleanup(() => {
      feedSettings.maxBytes = saved
    })
    const server = await startFeedServer({
      '/broken.xml': serve('application/rss+xml', '<rss><channel><item><title>Unclosed'),
      '/huge.xml': (_request, response) => {
        // No Content-Length: the size limit has to hold while streaming.
        response.writeHead(200, { 'content-type': 'application/rss+xml' })
        const chunk = `<item><title>${'x'.repeat(1000)}</title></item>`
        response.write('<rss version="2.0"><channel>')
        for (let i = 0; i < 500; i++) response.write(chunk)
        response.end('</channel></rss>')
      },
      '/moved.xml': (_request, response) => {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
        response.end()
      },
    })
    cleanup(() => server.close())

    const expectations = {
      '/broken.xml': 'not_a_feed',
      '/huge.xml': 'too_large',
      '/moved.xml': 'forbidden_address',
    }
    for (const [path, code] of Object.entries(expectations)) {
      const feed = await follow(desk, server.url(path), { importExisting: true })
      const report = await pollFeed(feed)
      assert.equal(report.status, 'error', path)
      assert.equal(report.error?.code, code, path)
      const row = await Feed.findOrFail(feed.id)
      assert.equal(row.lastErrorCode, code)
      assert.isString(row.lastError)
    }
    assert.equal(
      await Post.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )
    assert.notInclude(
      server.requests.map((r) => r.path),
      '/latest/meta-data/'
    )
  }).timeout(30_000)

  test('a feed cannot be saved at a private address, nor for another workspace’s account', async ({
    assert,
  }) => {
    const { feedValidator } = await import('#validators/feeds')
    await assert.rejects(() =>
      feedValidator.validate({
        url: 'http://10.0.0.8/feed.xml',
        mode: 'draft',
        template: '{title}',
        targetAccountIds: [desk.mastodon.id],
        maxItemsPerFetch: 3,
      })
    )
    const other = await makeDesk()
    const saved = await saveFeed({
      workspace: desk.workspace,
      actor: desk.owner,
      payload: {
        url: 'https://bakery.example/feed.xml',
        mode: 'draft',
        template: '{title}',
        targetAccountIds: [other.mastodon.id],
        maxItemsPerFetch: 3,
      },
    })
    assert.deepEqual(saved, { status: 'unknown_accounts', socialAccountIds: [other.mastodon.id] })
  })
})
