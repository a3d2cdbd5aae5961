import { test } from '@japa/runner'
import sharp from 'sharp'
import { appUrl } from '#config/app'
import { BOARDS } from '#plugins/pinterest/fake/server'
import { ORGANIZATIONS } from '#plugins/linkedin/fake/server'
import { CHANNELS } from '#plugins/youtube/fake/server'
import { noisyPng, smallVideo } from '#tests/functional/media/_helpers'
import { withCleanState } from '#tests/helpers/database'
import { publishRequests } from './_fixtures.js'
import {
  collectAfterAnHour,
  connectThroughApp,
  figuresOf,
  optionChoices,
  photo,
  postPage,
  publishedDeliveries,
  scheduleFromComposer,
  uploadReady,
  withStudio,
} from './_done_when.js'

/**
 * Issue 9's promise: LinkedIn, YouTube, TikTok, Pinterest and Reddit connect, publish and read
 * stats against their fakes — through the app's OAuth routes and picker, media library,
 * composer (with the choices it offers), media and publishing workers, and stats collection.
 */
test.group(
  'Done when: LinkedIn, YouTube, TikTok, Pinterest and Reddit through the app',
  (group) => {
    withCleanState(group)
    const studio = withStudio(group, ['linkedin', 'youtube', 'tiktok', 'pinterest', 'reddit'])

    test('all five connect, publish once each from the composer, and read their stats back', async ({
      client,
      assert,
    }) => {
      const { fakes } = studio
      // The LinkedIn login yields the member and two organisations: the user picks one in the app.
      // Google has its own channel chooser at consent (a token acts for one channel): here, the second one.
      const organisation = `urn:li:organization:${ORGANIZATIONS[0].id}`
      const linkedin = await connectThroughApp(client, studio, 'linkedin', (candidates) =>
        candidates.find((c) => c.externalId === organisation)!
      )
      fakes.youtube.chooseChannelAtConsent(CHANNELS[1].id)
      const youtube = await connectThroughApp(client, studio, 'youtube')
      // An unaudited TikTok app may only post privately: creator_info says so, and the composer offers just that.
      fakes.tiktok.privacyLevelOptions = ['SELF_ONLY']
      const tiktok = await connectThroughApp(client, studio, 'tiktok')
      const pinterest = await connectThroughApp(client, studio, 'pinterest')
      const reddit = await connectThroughApp(client, studio, 'reddit')
      assert.deepEqual([linkedin.externalId, youtube.externalId], [organisation, CHANNELS[1].id])

      const boards = await optionChoices(client, studio, pinterest.id, 'board')
      assert.deepEqual(
        boards.map((board) => board.value),
        BOARDS.map((board) => board.id)
      )
      const privacyLevels = await optionChoices(client, studio, tiktok.id, 'privacyLevel')
      assert.deepEqual(
        privacyLevels.map((level) => level.value),
        ['SELF_ONLY']
      )

      const [image] = await uploadReady(client, studio, [
        { name: 'tarte.jpg', bytes: await photo(1, 1000, 1500) },
      ])
      const [video] = await uploadReady(client, studio, [
        { name: 'four.mp4', bytes: await smallVideo(3, '360x640') },
      ])
      const altText = 'A pistachio tart on a marble counter'
      const imagePost = await scheduleFromComposer(client, studio, {
        body: 'Tarte aux pistaches, fresh from the oven',
        targets: [
          { socialAccountId: linkedin.id, options: { visibility: 'PUBLIC' } },
          {
            socialAccountId: pinterest.id,
            options: { board: boards[0].value, title: 'Pistachio tart' },
          },
          {
            socialAccountId: reddit.id,
            options: { subreddit: 'pistache', title: 'Our pistachio tart' },
          },
        ],
        media: [{ mediaAssetId: image, altText }],
      })
      const videoPost = await scheduleFromComposer(client, studio, {
        body: 'Inside the oven #bakery',
        targets: [
          {
            socialAccountId: youtube.id,
            options: { title: 'Inside the oven', privacy: 'unlisted' },
          },
          { socialAccountId: tiktok.id, options: { privacyLevel: privacyLevels[0].value } },
        ],
        media: [{ mediaAssetId: video }],
      })

      const images = await publishedDeliveries(imagePost)
      const videos = await publishedDeliveries(videoPost)
      // On failure, say which delivery held the post back and why (a network timeout under load?).
      assert.deepEqual(
        [images.status, videos.status],
        ['published', 'published'],
        [...images.deliveries, ...videos.deliveries]
          .map((d) => `${d.network}: ${d.status} ${d.lastErrorKind ?? ''} ${d.lastError ?? ''}`)
          .join('; ')
      )
      const all = [...images.deliveries, ...videos.deliveries]
      assert.deepEqual(
        all.map((d) => [d.network, d.status, d.lastError]),
        [
          ['linkedin', 'published', null],
          ['pinterest', 'published', null],
          ['reddit', 'published', null],
          ['youtube', 'published', null],
          ['tiktok', 'published', null],
        ]
      )
      for (const d of all) {
        assert.isNotNull(d.externalId, d.network)
        assert.match(
          d.externalUrl ?? '',
          /^https:\/\/www\.(linkedin|pinterest|reddit|youtube|tiktok)\.com\//,
          d.network
        )
        assert.lengthOf(
          publishRequests(fakes[d.network as keyof typeof fakes]),
          1,
          `one publish request on ${d.network}`
        )
      }
      const byNetwork = { ...images.byNetwork, ...videos.byNetwork }
      // What the user sees on each post's page: published on every account, with its link.
      for (const { postId, deliveries } of [
        { postId: imagePost, deliveries: images.deliveries },
        { postId: videoPost, deliveries: videos.deliveries },
      ]) {
        const page = await postPage(client, studio, postId)
        assert.equal(page.status, 'published')
        assert.deepEqual(
          page.deliveries.map((d) => [d.network, d.status, d.externalUrl]),
          deliveries.map((d) => [d.network, 'published', d.externalUrl])
        )
      }

      const share = fakes.linkedin.storedPost(byNetwork.linkedin.externalId!)!
      assert.deepInclude(share, {
        author: organisation,
        commentary: 'Tarte aux pistaches, fresh from the oven',
        visibility: 'PUBLIC',
      })
      assert.deepEqual(share.media, [{ kind: 'image', altText }])
      const pin = fakes.pinterest.storedPost(byNetwork.pinterest.externalId!)!
      assert.deepInclude(pin, { boardId: BOARDS[0].id, title: 'Pistachio tart', altText })
      assert.deepEqual(pin.media, [{ kind: 'image', altText }])
      // Pinterest fetched the photo itself, from the app's signed link.
      const [pinRequest] = publishRequests(fakes.pinterest) as unknown as {
        body: { media_source: { url?: string } }
      }[]
      assert.match(
        pinRequest.body.media_source.url ?? '',
        new RegExp(`^${appUrl}/media/${image}/public\\?.*signature=`)
      )
      const submission = fakes.reddit.storedPost(byNetwork.reddit.externalId!)!
      assert.deepInclude(submission, {
        kind: 'image',
        subreddit: 'pistache',
        title: 'Our pistachio tart',
      })
      const upload = fakes.youtube.video(byNetwork.youtube.externalId!)!
      assert.deepInclude(upload, { channelId: CHANNELS[1].id, title: 'Inside the oven' })
      assert.equal(upload.resource.status.privacyStatus, 'unlisted')
      assert.deepEqual(upload.media, [{ kind: 'video', altText: null }])
      const clip = fakes.tiktok.storedPost(byNetwork.tiktok.externalId!)!
      assert.deepInclude(clip, { privacy: 'SELF_ONLY', text: 'Inside the oven #bakery' })
      assert.deepEqual(clip.media, [{ kind: 'video', altText: null }])
      // TikTok finished processing only after being asked: the delivery waited as pending, then polled.
      assert.isAbove(
        fakes.tiktok.server.requestsTo('POST', '/v2/post/publish/status/fetch/').length,
        1
      )

      fakes.linkedin.setMetrics(byNetwork.linkedin.externalId!, {
        views: 900,
        reach: 610,
        likes: 31,
        comments: 4,
        shares: 2,
        clicks: 12,
      })
      fakes.youtube.setMetrics(byNetwork.youtube.externalId!, {
        views: 1200,
        likes: 88,
        comments: 9,
      })
      fakes.tiktok.setMetrics(byNetwork.tiktok.externalId!, {
        views: 5400,
        likes: 320,
        comments: 12,
        shares: 17,
      })
      fakes.pinterest.setMetrics(byNetwork.pinterest.externalId!, {
        views: 700,
        saves: 25,
        clicks: 14,
        likes: 6,
        comments: 1,
      })
      fakes.reddit.setMetrics(byNetwork.reddit.externalId!, { likes: 57, comments: 8, shares: 3 })
      const { report, latest } = await collectAfterAnHour(all)
      assert.equal(report.snapshots, 5)
      const none = {
        views: null,
        reach: null,
        likes: null,
        comments: null,
        shares: null,
        saves: null,
        quotes: null,
        clicks: null,
      }
      assert.deepEqual(figuresOf(latest.linkedin), {
        ...none,
        views: 900,
        reach: 610,
        likes: 31,
        comments: 4,
        shares: 2,
        clicks: 12,
      })
      assert.deepEqual(figuresOf(latest.youtube), { ...none, views: 1200, likes: 88, comments: 9 })
      assert.deepEqual(figuresOf(latest.tiktok), {
        ...none,
        views: 5400,
        likes: 320,
        comments: 12,
        shares: 17,
      })
      assert.deepEqual(figuresOf(latest.pinterest), {
        ...none,
        views: 700,
        saves: 25,
        clicks: 14,
        likes: 6,
        comments: 1,
      })
      assert.deepEqual(figuresOf(latest.reddit), { ...none, likes: 57, comments: 8, shares: 3 })
    }).timeout(30_000)
  }
)

test.group('Done when: the other shapes of post on Reddit and TikTok', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['tiktok', 'reddit'])

  test('Reddit text and link posts and a TikTok photo carousel fetched from the app', async ({
    client,
    assert,
  }) => {
    const { fakes } = studio
    const tiktok = await connectThroughApp(client, studio, 'tiktok')
    const reddit = await connectThroughApp(client, studio, 'reddit')
    const [privacy] = await optionChoices(client, studio, tiktok.id, 'privacyLevel')
    const photos = await uploadReady(client, studio, [
      { name: 'croissant.png', bytes: await noisyPng(1080, 1350) },
      { name: 'tarte.jpg', bytes: await photo(2, 1080, 1920) },
    ])

    const selfPost = await scheduleFromComposer(client, studio, {
      body: 'We open at 8 tomorrow, with pistachio croissants.',
      targets: [
        {
          socialAccountId: reddit.id,
          options: { subreddit: 'r/pistache', title: 'Opening hours' },
        },
      ],
    })
    const linkPost = await scheduleFromComposer(client, studio, {
      body: 'Our recipe, step by step',
      targets: [
        {
          socialAccountId: reddit.id,
          options: {
            subreddit: 'linksonly',
            title: 'Pistachio tart recipe',
            link: 'https://bakery.example/tart',
          },
        },
      ],
    })
    const photoPost = await scheduleFromComposer(client, studio, {
      body: 'Two of this morning’s bakes',
      targets: [
        {
          socialAccountId: tiktok.id,
          options: { privacyLevel: privacy.value, photoTitle: 'Morning bakes' },
        },
      ],
      media: photos.map((mediaAssetId) => ({ mediaAssetId })),
    })

    const published = [
      await publishedDeliveries(selfPost),
      await publishedDeliveries(linkPost),
      await publishedDeliveries(photoPost),
    ]
    const [self, link, photoCarousel] = published.map(({ deliveries: [delivery] }) => delivery)
    assert.deepEqual(
      [self, link, photoCarousel].map((d) => [d.network, d.status, d.lastError]),
      [
        ['reddit', 'published', null],
        ['reddit', 'published', null],
        ['tiktok', 'published', null],
      ]
    )
    assert.lengthOf(publishRequests(fakes.reddit), 2)
    assert.lengthOf(publishRequests(fakes.tiktok), 1)
    assert.deepInclude(fakes.reddit.storedPost(self.externalId!), {
      kind: 'self',
      subreddit: 'pistache',
      title: 'Opening hours',
      text: 'We open at 8 tomorrow, with pistachio croissants.',
      url: null,
    })
    assert.deepInclude(fakes.reddit.storedPost(link.externalId!), {
      kind: 'link',
      subreddit: 'linksonly',
      title: 'Pistachio tart recipe',
      url: 'https://bakery.example/tart',
    })
    assert.match(link.externalUrl ?? '', /^https:\/\/www\.reddit\.com\/r\/linksonly\/comments\//)

    const carousel = fakes.tiktok.storedPost(photoCarousel.externalId!)!
    assert.deepInclude(carousel, {
      title: 'Morning bakes',
      privacy: privacy.value,
      text: 'Two of this morning’s bakes',
    })
    assert.deepEqual(carousel.media, [
      { kind: 'image', altText: null },
      { kind: 'image', altText: null },
    ])
    // TikTok pulled both photos from the app's signed links, as JPEGs (it takes no PNG).
    const [init] = publishRequests(fakes.tiktok) as unknown as {
      body: { source_info: { source: string; photo_images: string[] } }
    }[]
    assert.equal(init.body.source_info.source, 'PULL_FROM_URL')
    assert.lengthOf(init.body.source_info.photo_images, 2)
    for (const [index, url] of init.body.source_info.photo_images.entries()) {
      assert.match(url, new RegExp(`^${appUrl}/media/${photos[index]}/public\\?.*signature=`))
      assert.equal(
        (await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata()).format,
        'jpeg'
      )
    }
  }).timeout(30_000)
})
