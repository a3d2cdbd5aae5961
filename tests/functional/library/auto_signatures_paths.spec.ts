import { test } from '@japa/runner'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { DateTime } from 'luxon'
import env from '#start/env'
import type Feed from '#models/feed'
import EvergreenItem from '#models/evergreen_item'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import type PostSeries from '#models/post_series'
import { saveFeed } from '#actions/feeds/save_feed'
import { pollFeed } from '#actions/feeds/poll_feed'
import { fillEvergreen } from '#actions/evergreen/fill_evergreen'
import { createSeries } from '#actions/series/create_series'
import SeriesOccurrence from '#models/series_occurrence'
import { withCleanState } from '#tests/helpers/database'
import { makeToken } from '#tests/functional/api/_fixtures'
import { latestPost, posts } from '#tests/functional/posts/_fixtures'
import { send } from '#tests/functional/workspaces/_helpers'
import { rss, serve, startFeedServer } from '#tests/functional/feeds/_server'
import { BLUESKY_SIGNATURE, MASTODON_SIGNATURE, signedDesk, textsOf } from './_signatures.js'

/**
 * Every way a post is made outside the composer goes through createPost, which signs: one test
 * per way, so a new one that bypasses it (or an option that turns signing off) is caught.
 */
test.group('Content library / automatic signatures on every way a post is made', (group) => {
  withCleanState(group)

  test('a draft written through MCP is signed per account', async ({ assert, cleanup }) => {
    const desk = await signedDesk()
    const { secret } = await makeToken(desk.workspace, desk.owner, 'write')
    const client = new Client({ name: 'pistache-test-assistant', version: '1.0.0' })
    const url = new URL(`http://${env.get('HOST')}:${env.get('PORT')}/mcp`)
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: { headers: { Authorization: `Bearer ${secret}` } },
      })
    )
    cleanup(() => client.close())
    const result: any = await client.callTool({
      name: 'create_draft',
      arguments: {
        body: 'Pistachio week',
        targets: [{ accountId: desk.mastodon.id }, { accountId: desk.x.id }],
      },
    })
    const postId = JSON.parse(result.content[0].text).data.post.id
    assert.deepEqual(await textsOf(postId), {
      mastodon: `Pistachio week\n\n${MASTODON_SIGNATURE}`,
      x: null,
    })
  })

  test('a post made from an RSS item is signed per account', async ({ assert, cleanup }) => {
    const desk = await signedDesk()
    const server = await startFeedServer({
      '/feed.xml': serve(
        'application/rss+xml',
        rss([
          {
            guid: 'tart-1',
            title: 'Pistachio tart',
            link: 'https://bakery.example/tart',
            at: DateTime.utc().plus({ minutes: 1 }).toISO()!,
          },
        ])
      ),
    })
    cleanup(() => server.close())
    const saved = await saveFeed({
      workspace: desk.workspace,
      actor: desk.owner,
      payload: {
        url: server.url('/feed.xml'),
        mode: 'draft',
        template: '{title} {link}',
        targetAccountIds: [desk.mastodon.id, desk.bluesky.id],
        maxItemsPerFetch: 5,
      },
    })
    const feed = (saved as { feed: Feed }).feed
    await feed.merge({ createdAt: DateTime.utc().minus({ minutes: 1 }) }).save()
    const report = await pollFeed(feed)
    assert.lengthOf(report.created, 1)
    const body = 'Pistachio tart https://bakery.example/tart'
    assert.deepEqual(await textsOf(report.created[0]), {
      mastodon: `${body}\n\n${MASTODON_SIGNATURE}`,
      bluesky: `${body}\n\n${BLUESKY_SIGNATURE}`,
    })
  })

  test('an evergreen re-post is signed, and a variant already signed is not signed twice', async ({
    assert,
  }) => {
    const desk = await signedDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
    await PostingSlot.createMany(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        workspaceId: desk.workspace.id,
        weekday,
        time: '09:00',
      }))
    )
    const signedVariant = `Sourdough, baked daily\n\n${MASTODON_SIGNATURE}`
    await EvergreenItem.create({
      workspaceId: desk.workspace.id,
      createdById: desk.owner.id,
      variants: [signedVariant],
      targetAccountIds: [desk.mastodon.id, desk.bluesky.id],
      minGapDays: 30,
      lastSentAt: null,
      active: true,
    })
    const report = await fillEvergreen(desk.workspace)
    assert.lengthOf(report.made, 1)
    assert.deepEqual(await textsOf(report.made[0]), {
      mastodon: signedVariant,
      bluesky: `${signedVariant}\n\n${BLUESKY_SIGNATURE}`,
    })
  })

  test('each post of a repeating series is signed', async ({ assert }) => {
    const desk = await signedDesk()
    const now = DateTime.utc()
    const created = await createSeries({
      workspace: desk.workspace,
      actor: desk.owner,
      content: {
        rule: 'FREQ=WEEKLY;COUNT=2',
        startsAtLocal: now.plus({ days: 2 }).toFormat("yyyy-MM-dd'T'09:00"),
        body: 'Monday bake',
        targets: [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.x.id }],
      },
      now,
    })
    const series = (created as { series: PostSeries }).series
    const rows = await SeriesOccurrence.query().where('series_id', series.id)
    assert.lengthOf(rows, 2)
    for (const row of rows)
      assert.deepEqual(await textsOf(row.postId!), {
        mastodon: `Monday bake\n\n${MASTODON_SIGNATURE}`,
        x: null,
      })
  })

  test('the composer saves the text as its author left it: a signature removed stays removed', async ({
    client,
    assert,
  }) => {
    const desk = await signedDesk()
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'No footer today',
      targets: [{ socialAccountId: desk.mastodon.id }],
    })
    const { post } = await latestPost(desk.workspace)
    assert.instanceOf(post, Post)
    assert.deepEqual(await textsOf(post.id), { mastodon: null })
  })
})
