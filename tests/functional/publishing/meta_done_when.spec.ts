import { test } from '@japa/runner'
import sharp from 'sharp'
import { appUrl } from '#config/app'
import { noisyPng, smallVideo } from '#tests/functional/media/_helpers'
import { withCleanState } from '#tests/helpers/database'
import { publishRequests } from './_fixtures.js'

const BAKERY_PAGE = '104000000000001'
import {
  collectAfterAnHour,
  connectThroughApp,
  figuresOf,
  photo,
  postPage,
  publishedDeliveries,
  scheduleFromComposer,
  uploadReady,
  withStudio,
} from './_done_when.js'

/** The media URLs a fake was told to download, in the order it was told. */
const fetchedUrls = (
  fake: { server: { requestsTo(method: string, path: RegExp): { body: Record<string, any> }[] } },
  field: 'image_url' | 'video_url'
) =>
  fake.server
    .requestsTo('POST', /\/(media|threads)$/)
    .map((request) => request.body[field])
    .filter(Boolean) as string[]

/**
 * Issue 8's promise: a user connects a Page, an Instagram account and a Threads account against
 * the fakes, schedules one post with a carousel to all three, and sees it published once on
 * each, with stats read back. Instagram and Threads download the photos themselves, from the
 * app's signed links: the fakes really fetch them from the running app.
 */
test.group('Done when: a carousel to a Page, Instagram and Threads through the app', (group) => {
  withCleanState(group)
  const studio = withStudio(group, ['facebook', 'instagram', 'threads'])

  /** The Channels page's three connections: the Meta logins list two Pages (and their Instagram accounts); the user picks the bakery's. */
  async function connectAll(client: any) {
    const facebook = await connectThroughApp(client, studio, 'facebook', (candidates) =>
      candidates.find((c) => c.externalId === BAKERY_PAGE)!
    )
    const instagram = await connectThroughApp(client, studio, 'instagram')
    const threads = await connectThroughApp(client, studio, 'threads')
    return { facebook, instagram, threads }
  }

  test('connected, scheduled from the composer, published once on each as a carousel of three, stats read back', async ({
    client,
    assert,
  }) => {
    const { facebook, instagram, threads } = await connectAll(client)
    const { fakes } = studio

    // A PNG and a tall photo: Instagram takes only JPEGs between 4:5 and 1.91:1, the others take them as they are.
    const media = await uploadReady(client, studio, [
      { name: 'croissant.png', bytes: await noisyPng(800, 800) },
      { name: 'macaron.jpg', bytes: await photo(2, 600, 1200) },
      { name: 'tarte.jpg', bytes: await photo(3, 1280, 720) },
    ])
    const postId = await scheduleFromComposer(client, studio, {
      body: 'Three pistachio treats for the weekend 🥐',
      targets: [
        { socialAccountId: facebook.id },
        { socialAccountId: instagram.id },
        { socialAccountId: threads.id, options: { replyControl: 'accounts_you_follow' } },
      ],
      media: media.map((mediaAssetId, index) => ({
        mediaAssetId,
        altText: `Treat number ${index + 1}`,
      })),
    })

    const { status, deliveries, byNetwork } = await publishedDeliveries(postId)
    assert.equal(status, 'published')
    assert.deepEqual(
      deliveries.map((d) => [d.network, d.status, d.lastError]),
      [
        ['facebook', 'published', null],
        ['instagram', 'published', null],
        ['threads', 'published', null],
      ]
    )
    const carousel = [1, 2, 3].map((n) => ({ kind: 'image', altText: `Treat number ${n}` }))
    for (const d of deliveries) {
      const fake = fakes[d.network as keyof typeof fakes]
      assert.lengthOf(publishRequests(fake), 1, `one publish request on ${d.network}`)
      assert.match(
        d.externalUrl ?? '',
        /^https:\/\/www\.(facebook|instagram|threads)\.(com|net)\//,
        d.network
      )
      const stored = fake.storedPost(d.externalId!)!
      assert.equal(stored.text, 'Three pistachio treats for the weekend 🥐', d.network)
      assert.deepEqual(stored.media, carousel, d.network)
    }
    assert.equal(fakes.facebook.post(byNetwork.facebook.externalId!)!.pageId, facebook.externalId)
    assert.equal(
      fakes.instagram.media(byNetwork.instagram.externalId!)!.igUserId,
      instagram.externalId
    )

    // Three carousel items and one carousel container each, fetched from the app's own signed links.
    const instagramUrls = fetchedUrls(fakes.instagram, 'image_url')
    const threadsUrls = fetchedUrls(fakes.threads, 'image_url')
    assert.lengthOf(instagramUrls, 3)
    assert.lengthOf(threadsUrls, 3)
    for (const url of [...instagramUrls, ...threadsUrls])
      assert.match(url, new RegExp(`^${appUrl}/media/\\d+/public\\?.*signature=`))
    for (const url of instagramUrls) {
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer())
      const { format, width, height } = await sharp(bytes).metadata()
      assert.equal(format, 'jpeg')
      assert.isAtLeast(width! / height!, 4 / 5 - 0.01)
      assert.isAtMost(width! / height!, 1.91 + 0.01)
    }
    // One carousel container of the three item containers, on each network that builds them.
    for (const [fake, path] of [
      [fakes.instagram, /\/media$/],
      [fakes.threads, /\/threads$/],
    ] as const) {
      const containers = fake.server.requestsTo('POST', path).map((request) => request.body)
      const items = containers.filter(
        (body) => body.is_carousel_item === 'true' || body.is_carousel_item === true
      )
      const carousels = containers.filter((body) => body.media_type === 'CAROUSEL')
      assert.lengthOf(items, 3)
      assert.lengthOf(carousels, 1)
      assert.lengthOf(String(carousels[0].children).split(','), 3)
    }
    assert.deepInclude(
      fakes.threads.server
        .requestsTo('POST', /\/threads$/)
        .find((r) => r.body.media_type === 'CAROUSEL')?.body,
      { reply_control: 'accounts_you_follow' }
    )
    // Facebook: one multi-photo post made of three unpublished photos.
    assert.lengthOf(fakes.facebook.server.requestsTo('POST', /\/photos$/), 3)

    // What the user sees: the post published, once on each account, with its link.
    const page = await postPage(client, studio, postId)
    assert.equal(page.status, 'published')
    assert.deepEqual(
      page.deliveries.map((d) => [d.network, d.status, d.externalUrl]),
      deliveries.map((d) => [d.network, 'published', d.externalUrl])
    )

    fakes.facebook.setMetrics(byNetwork.facebook.externalId!, {
      views: 900,
      reach: 610,
      likes: 31,
      comments: 4,
      shares: 2,
    })
    fakes.instagram.setMetrics(byNetwork.instagram.externalId!, {
      views: 1200,
      reach: 800,
      likes: 88,
      comments: 9,
      shares: 3,
      saves: 5,
    })
    fakes.threads.setMetrics(byNetwork.threads.externalId!, {
      views: 5400,
      likes: 320,
      comments: 12,
      shares: 17,
      quotes: 2,
    })
    const { report, latest } = await collectAfterAnHour(deliveries)
    assert.equal(report.snapshots, 3)
    assert.deepEqual(figuresOf(latest.facebook), {
      views: 900,
      reach: 610,
      likes: 31,
      comments: 4,
      shares: 2,
      saves: null,
      quotes: null,
      clicks: null,
    })
    assert.deepEqual(figuresOf(latest.instagram), {
      views: 1200,
      reach: 800,
      likes: 88,
      comments: 9,
      shares: 3,
      saves: 5,
      quotes: null,
      clicks: null,
    })
    assert.deepEqual(figuresOf(latest.threads), {
      views: 5400,
      reach: null,
      likes: 320,
      comments: 12,
      shares: 17,
      saves: null,
      quotes: 2,
      clicks: null,
    })
  }).timeout(30_000)

  test('a phone video goes out as a Page video, an Instagram Reel and a Threads video, each after processing', async ({
    client,
    assert,
  }) => {
    const { facebook, instagram, threads } = await connectAll(client)
    const { fakes } = studio
    const [video] = await uploadReady(client, studio, [
      { name: 'four.mp4', bytes: await smallVideo(4, '360x640') },
    ])
    const postId = await scheduleFromComposer(client, studio, {
      body: 'Inside the oven 🔥',
      targets: [
        { socialAccountId: facebook.id, options: { videoTitle: 'Inside the oven' } },
        { socialAccountId: instagram.id },
        { socialAccountId: threads.id },
      ],
      media: [{ mediaAssetId: video }],
    })

    const { status, deliveries } = await publishedDeliveries(postId)
    assert.equal(status, 'published')
    for (const d of deliveries) {
      assert.deepEqual([d.status, d.lastError], ['published', null], d.network)
      assert.deepEqual(
        fakes[d.network as keyof typeof fakes].storedPost(d.externalId!)!.media,
        [{ kind: 'video', altText: null }],
        d.network
      )
    }
    // Instagram took it as a Reel from the app's signed link, and was asked for its status until it finished.
    const reel = fakes.instagram.server.requestsTo('POST', /\/media$/)
    assert.lengthOf(reel, 1)
    assert.equal(reel[0].body.media_type, 'REELS')
    assert.match(reel[0].body.video_url, new RegExp(`^${appUrl}/media/${video}/public\\?`))
    assert.isAbove(fakes.instagram.server.requestsTo('GET', /^\/[^/]+\/\d+$/).length, 1)
    assert.lengthOf(fetchedUrls(fakes.threads, 'video_url'), 1)
  }).timeout(30_000)
})
