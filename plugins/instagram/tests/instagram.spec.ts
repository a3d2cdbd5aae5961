import { test } from '@japa/runner'
import { checkPost } from '#sdk'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import instagram from '../index.js'
import { connectedFake } from './helpers.js'

/**
 * The conformance kit's text-only checks, redone with an image: Instagram has no text-only
 * posts, so the kit's default post (no media) cannot exercise them (see the plugin README).
 */
test.group('instagram: the kit behaviours, with media', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })
  const photo = () => env.hosted([imageFixture('A pistachio')])

  test('publishes the caption exactly as written', async ({ assert }) => {
    const text = 'Ship it 🚀 — café at https://example.com/launch #pistache @friend'
    const ctx = env.publishContext({ text, media: await photo() })
    assert.deepEqual(
      checkPost(
        instagram,
        { ...ctx.post, media: [imageFixture('x', { mimeType: 'image/jpeg' })] },
        ctx.account
      ),
      []
    )
    const outcome = await env.publish(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(env.fake.storedPost(outcome.value.externalId)?.text, text)
    assert.match(outcome.value.url!, /^https:\/\/www\.instagram\.com\/p\//)
  })

  test('revoke makes the token useless', async ({ assert }) => {
    assert.equal((await instagram.auth.revoke!(env.account)).status, 'ok')
    assert.isFalse(env.fake.isTokenValid(env.account.token.accessToken))
    assert.equal(
      (await env.publish(env.publishContext({ media: await photo() }))).status,
      'unauthorized'
    )
  })

  test('maps 401, 429 with retryAfter and 5xx on media_publish', async ({ assert }) => {
    env.fake.server.failNext(env.fake.publishPath, { kind: 'status', status: 401 })
    assert.equal(
      (await env.publish(env.publishContext({ media: await photo() }))).status,
      'unauthorized'
    )
    env.fake.server.failNext(env.fake.publishPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '42' },
    })
    assert.deepInclude(await env.publish(env.publishContext({ media: await photo() })), {
      status: 'rate_limited',
      retryAfter: 42,
    })
    env.fake.server.failNext(env.fake.publishPath, { kind: 'status', status: 503 })
    assert.deepInclude(await env.publish(env.publishContext({ media: await photo() })), {
      status: 'error',
      retryable: true,
    })
  })

  test('a lost media_publish answer is ambiguous, and the recent-media lookup finds the post', async ({
    assert,
  }) => {
    env.fake.server.failNext(env.fake.publishPath, { kind: 'lose_response' })
    const ctx = env.publishContext({ text: 'Did this go out?', media: await photo() })
    assert.equal((await env.publish(ctx)).status, 'ambiguous')
    const found = await instagram.findByIdempotencyKey!(ctx)
    if (found.status !== 'ok' || !found.value) return assert.fail(JSON.stringify(found))
    assert.equal(env.fake.storedPost(found.value.externalId)?.text, 'Did this go out?')
  })

  test('stats are read back from media insights', async ({ assert }) => {
    const outcome = await env.publish(
      env.publishContext({ text: 'Count me', media: await photo() })
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const id = outcome.value.externalId
    env.fake.setMetrics(id, { likes: 7, shares: 3, comments: 2, views: 120, saves: 5, reach: 90 })
    const stats = await instagram.fetchStats!(env.account, [id])
    if (stats.status !== 'ok') return assert.fail(JSON.stringify(stats))
    assert.deepEqual(stats.value[id], {
      likes: 7,
      shares: 3,
      comments: 2,
      views: 120,
      saves: 5,
      reach: 90,
      quotes: null,
      clicks: null,
    })
  })
})

test.group('instagram', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  test('the picker lists each Page-linked Instagram account, not Pages without one', ({
    assert,
  }) => {
    assert.isTrue(instagram.auth.picker)
    assert.deepEqual(
      env.connections.map((c) => c.profile.handle),
      ['@pistache.bakery', '@pistache.agency']
    )
    assert.deepEqual(
      env.connections.map((c) => c.profile.meta?.pageId),
      ['104000000000001', '104000000000002']
    )
  })

  test('a mixed carousel: children first, the CAROUSEL container once they are finished, then media_publish', async ({
    assert,
  }) => {
    const media = await env.hosted([imageFixture('one'), videoFixture(), imageFixture('three')])
    const outcome = await env.publish(env.publishContext({ text: 'Carousel', media }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.deepEqual(
      env.fake.storedPost(outcome.value.externalId)?.media.map((m) => m.kind),
      ['image', 'video', 'image']
    )
    const creates = env.fake.server.requestsTo('POST', /\/media$/)
    assert.deepEqual(
      creates.map((r) => r.body.media_type ?? 'IMAGE'),
      ['IMAGE', 'VIDEO', 'IMAGE', 'CAROUSEL']
    )
    assert.isTrue(creates.slice(0, 3).every((r) => r.body.is_carousel_item === 'true'))
  })

  test('the daily publishing limit is checked first: no container is made when it is used up', async ({
    assert,
  }) => {
    env.fake.exhaustQuota(env.account.account.externalId)
    const outcome = await env.publish(
      env.publishContext({ media: await env.hosted([imageFixture('x')]) })
    )
    assert.equal(outcome.status, 'rate_limited')
    assert.lengthOf(env.fake.server.requestsTo('POST', /\/media$/), 0)
  })

  test('Instagram fetches the media itself: an unreachable image or video URL fails the publish', async ({
    assert,
  }) => {
    const gone = [imageFixture('x', { publicUrl: `${env.host.baseUrl}/missing.jpg` })]
    assert.deepInclude(await env.publish(env.publishContext({ media: gone })), {
      status: 'error',
      retryable: false,
    })
    const reel = [videoFixture({ publicUrl: `${env.host.baseUrl}/missing.mp4` })]
    const outcome = await env.publish(env.publishContext({ media: reel }))
    assert.deepInclude(outcome, { status: 'error', code: 'container_error' })
  })

  test('caption rules are checked before sending: 30 hashtags, 20 mentions, 10 items', ({
    assert,
  }) => {
    const media = [imageFixture('x', { mimeType: 'image/jpeg' })]
    const codes = (text: string, items = media) =>
      checkPost(instagram, { text, media: items, options: {} }).map((i) => i.params?.what ?? i.code)
    assert.deepEqual(codes(Array.from({ length: 30 }, (_, i) => `#tag${i}`).join(' ')), [])
    assert.deepEqual(codes(Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ')), [
      'hashtags',
    ])
    assert.deepEqual(codes(Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ')), [
      'mentions',
    ])
    assert.deepEqual(codes('mail me at a@b.com #1'), [])
    const eleven = [
      ...Array.from({ length: 6 }, () => media[0]),
      ...Array.from({ length: 5 }, () => videoFixture()),
    ]
    assert.deepEqual(codes('x', eleven), ['too_many_images'])
    assert.deepEqual(
      codes('x', [imageFixture('x', { mimeType: 'image/jpeg', width: 1000, height: 2000 })]),
      ['aspect_ratio_out_of_range']
    )
    assert.deepEqual(codes('x', [videoFixture({ durationSeconds: 2 })]), ['video_too_short'])
    assert.deepEqual(codes('', []), ['text_required', 'media_required'])
  })

  test('a container that was already published is ambiguous, not republished', async ({
    assert,
  }) => {
    env.fake.processingPolls = 2
    const ctx = env.publishContext({ media: await env.hosted([imageFixture('x')]) })
    const first = await instagram.publish(ctx)
    if (first.status !== 'pending') return assert.fail(JSON.stringify(first))
    assert.equal((await instagram.checkStatus!(ctx, first.handle)).status, 'ok')
    assert.equal((await instagram.checkStatus!(ctx, first.handle)).status, 'ambiguous')
  })
})
