import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import i18nManager from '@adonisjs/i18n/services/main'
import type Feed from '#models/feed'
import FeedItem from '#models/feed_item'
import Post from '#models/post'
import { saveFeed } from '#actions/feeds/save_feed'
import { pollFeed } from '#actions/feeds/poll_feed'
import { approvePost } from '#actions/posts/approve_post'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, type Desk } from '#tests/functional/posts/_fixtures'
import { addMember, send } from '#tests/functional/workspaces/_helpers'
import { jsonFeed, rss, serve, startFeedServer } from './_server.js'

const ahead = (minutes: number) => DateTime.utc().plus({ minutes }).toISO()!

test.group('Feeds / approval mode and content types', (group) => {
  withCleanState(group)
  let desk: Desk
  group.each.setup(async () => {
    desk = await makeDesk()
  })

  test('approval mode: new items wait for an admin as posts for approval, nothing is queued until one approves', async ({
    assert,
    cleanup,
  }) => {
    const entries = [1, 2].map((n) => ({
      id: `a-${n}`,
      title: `Tasting ${n}`,
      url: `https://bakery.example/t${n}`,
      at: ahead(n),
    }))
    const server = await startFeedServer({
      '/feed.json': serve('application/feed+json', jsonFeed(entries)),
    })
    cleanup(() => server.close())
    // An editor follows the feed: its posts are theirs, so the owner may review them.
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const saved = await saveFeed({
      workspace: desk.workspace,
      actor: editor,
      payload: {
        url: server.url('/feed.json'),
        mode: 'approval',
        template: '{title} {link}',
        targetAccountIds: [desk.mastodon.id, desk.bluesky.id],
        maxItemsPerFetch: 5,
      },
    })
    assert.equal(saved.status, 'saved')
    const feed = (saved as { feed: Feed }).feed
    await feed.merge({ createdAt: DateTime.utc().minus({ minutes: 1 }) }).save()

    const report = await pollFeed(feed)
    assert.equal(report.status, 'ok')
    assert.lengthOf(report.created, 2)
    const posts = await Post.query()
      .whereIn('id', report.created)
      .preload('deliveries')
      .orderBy('id')
    assert.sameMembers(
      posts.map((post) => post.body),
      ['Tasting 1 https://bakery.example/t1', 'Tasting 2 https://bakery.example/t2']
    )
    for (const post of posts) {
      assert.equal(post.status, 'pending_approval')
      assert.equal(post.authorId, editor.id)
      assert.isNull(post.scheduledAt, 'not given a time: the reviewer decides')
      assert.sameDeepMembers(
        post.deliveries.map((d) => [d.socialAccountId, d.status]),
        [
          [desk.mastodon.id, 'pending_approval'],
          [desk.bluesky.id, 'pending_approval'],
        ]
      )
    }
    const items = await FeedItem.query().where('feed_id', feed.id)
    assert.isTrue(items.every((item) => item.postId !== null && item.skippedReason === null))

    // The author may not approve their own; the owner may.
    assert.equal((await approvePost({ post: posts[0], reviewer: editor })).status, 'forbidden')
    assert.equal((await approvePost({ post: posts[0], reviewer: desk.owner })).status, 'approved')

    // A second fetch makes nothing more.
    await feed.refresh()
    assert.lengthOf((await pollFeed(feed)).created, 0)
  }).timeout(30_000)

  test('a web page (text/html) or plain text is refused as a feed, even if its body reads as RSS; the feed page says why', async ({
    assert,
    cleanup,
    client,
  }) => {
    const body = rss([
      { guid: 'h-1', title: 'Sneaky', link: 'https://bakery.example/h', at: ahead(1) },
    ])
    const server = await startFeedServer({
      '/blog': serve('text/html; charset=utf-8', body),
      '/plain.txt': serve('text/plain', body),
      '/ok.xml': serve('application/rss+xml; charset=utf-8', body),
      '/text-xml': serve('text/xml', body),
    })
    cleanup(() => server.close())
    const follow = async (path: string) => {
      const saved = await saveFeed({
        workspace: desk.workspace,
        actor: desk.owner,
        payload: {
          url: server.url(path),
          mode: 'draft',
          template: '{title}',
          targetAccountIds: [desk.mastodon.id],
          maxItemsPerFetch: 5,
          importExisting: true,
        },
      })
      return (saved as { feed: Feed }).feed
    }

    const html = await follow('/blog')
    const viaRoute = await send(
      client,
      'post',
      `/w/${desk.workspace.slug}/feeds/${html.id}/fetch`,
      desk.owner
    )
    assert.equal(viaRoute.status(), 302)
    assert.equal(
      viaRoute.flashMessage('error'),
      'The feed could not be fetched: see the error on its row.'
    )
    await html.refresh()
    assert.equal(html.lastErrorCode, 'web_page')
    assert.include(html.lastError!, 'text/html')

    const plain = await follow('/plain.txt')
    const refused = await pollFeed(plain)
    assert.equal(refused.error?.code, 'bad_content_type')

    // Nothing was made from the refused ones; the same body under a feed type is read.
    assert.lengthOf(await Post.all(), 0)
    assert.lengthOf((await pollFeed(await follow('/ok.xml'))).created, 1)
    assert.lengthOf((await pollFeed(await follow('/text-xml'))).created, 1)

    // The feed page carries the code; both languages say what to do.
    const page = await client
      .get(`/w/${desk.workspace.slug}/feeds`)
      .loginAs(desk.owner)
      .withInertia()
    const row = (page.inertiaProps as any).feeds.find((f: { id: number }) => f.id === html.id)
    assert.equal(row.lastErrorCode, 'web_page')
    const en = i18nManager.locale('en').t('automation.feeds.errors.web_page')
    const fr = i18nManager.locale('fr').t('automation.feeds.errors.web_page')
    assert.include(en, 'web page, not a feed')
    assert.include(fr, 'page web, pas un flux')
  }).timeout(30_000)
})
