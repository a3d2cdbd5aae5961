import { test } from '@japa/runner'
import { checkPost } from '#sdk'
import tiktok from '../index.js'
import { connectedFake, jpegFixture } from './helpers.js'

/** The kit's tests that post text alone or PNGs, replayed with media TikTok accepts. */
test.group('tiktok: kit tests with TikTok-valid media', () => {
  test('publishes the caption exactly as written, on a video', async ({ assert, cleanup }) => {
    const { fake, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const text = 'Ship it 🚀 — café at https://example.com/launch'
    const ctx = publishContext({ text })
    assert.deepEqual(checkPost(tiktok, ctx.post, ctx.account), [])
    const outcome = await publish(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(fake.storedPost(outcome.value.externalId)?.text, text)
    assert.equal(fake.storedPost(outcome.value.externalId)?.media[0].kind, 'video')
    assert.match(
      outcome.value.url!,
      /^https:\/\/www\.tiktok\.com\/@pistache\.agency\/video\/\d{19}$/
    )
  })

  test('publishes JPEG photos pulled from their public URLs', async ({ assert, cleanup }) => {
    const { fake, host, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const media = await Promise.all(
      [jpegFixture(), jpegFixture()].map((item) => host.publish(item))
    )
    const ctx = publishContext({
      text: 'Two photos',
      media,
      options: { privacyLevel: 'SELF_ONLY', photoTitle: 'Pistachios' },
    })
    assert.deepEqual(checkPost(tiktok, ctx.post, ctx.account), [])
    const outcome = await publish(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.lengthOf(fake.storedPost(outcome.value.externalId)!.media, 2)
    assert.equal(fake.storedPost(outcome.value.externalId)!.text, 'Two photos')
  })

  test('a PNG photo is refused by TikTok, and validation says so first', async ({
    assert,
    cleanup,
  }) => {
    const { host, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const png = await host.publish({
      ...jpegFixture(),
      mimeType: 'image/png',
      read: async () => Buffer.from('\x89PNG\r\n\x1a\n'),
    })
    const ctx = publishContext({ media: [png] })
    assert.include(
      checkPost(tiktok, ctx.post, ctx.account).map((issue) => issue.code),
      'media_format_not_supported'
    )
    assert.deepInclude(await publish(ctx), {
      status: 'error',
      retryable: false,
      code: 'publish_failed',
    })
  })

  test('maps 401, 429 and 5xx on the init call', async ({ assert, cleanup }) => {
    const { fake, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    fake.server.failNext(fake.publishPath, { kind: 'status', status: 401 })
    assert.equal((await publish(publishContext({}))).status, 'unauthorized')
    fake.server.failNext(fake.publishPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '42' },
    })
    assert.deepInclude(await publish(publishContext({})), {
      status: 'rate_limited',
      retryAfter: 42,
    })
    fake.server.failNext(fake.publishPath, { kind: 'status', status: 503 })
    assert.deepInclude(await publish(publishContext({})), { status: 'error', retryable: true })
  })

  test('a photo post whose answer was lost is ambiguous, then found by its caption', async ({
    assert,
    cleanup,
  }) => {
    const { fake, host, publishContext, close } = await connectedFake()
    cleanup(close)
    fake.server.failNext(fake.publishPath, { kind: 'lose_response' })
    const ctx = publishContext(
      { text: 'Did this go out?', media: [await host.publish(jpegFixture())] },
      300
    )
    assert.equal((await tiktok.publish(ctx)).status, 'ambiguous')
    await fake.settle()
    const found = await tiktok.findByIdempotencyKey!(ctx)
    if (found.status !== 'ok' || !found.value) return assert.fail(JSON.stringify(found))
    assert.equal(fake.storedPost(found.value.externalId)?.text, 'Did this go out?')
  })

  test('a video init whose answer was lost is ambiguous, and the lookup truthfully finds nothing', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, close } = await connectedFake()
    cleanup(close)
    fake.server.failNext(fake.publishPath, { kind: 'lose_response' })
    const ctx = publishContext({ text: 'Never uploaded' }, 300)
    assert.equal((await tiktok.publish(ctx)).status, 'ambiguous')
    await fake.settle()
    assert.deepEqual(await tiktok.findByIdempotencyKey!(ctx), { status: 'ok', value: null })
  })

  test('stats are read back, unknown metrics stay null', async ({ assert, cleanup }) => {
    const { fake, account, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const outcome = await publish(publishContext({ text: 'Count me' }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const id = outcome.value.externalId
    fake.setMetrics(id, { likes: 7, shares: 3, comments: 2, views: 120, saves: 9 })
    const stats = await tiktok.fetchStats!(account, [id, 'v_inbox_file~v2.1'])
    assert.deepEqual(stats, {
      status: 'ok',
      value: {
        [id]: {
          views: 120,
          likes: 7,
          comments: 2,
          shares: 3,
          reach: null,
          saves: null,
          quotes: null,
          clicks: null,
        },
      },
    })
  })
})
