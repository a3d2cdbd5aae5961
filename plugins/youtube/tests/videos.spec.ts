import { test } from '@japa/runner'
import { checkPost, HttpClient } from '#sdk'
import { videoFixture } from '#sdk/testing/media_fixtures'
import youtube from '../index.js'
import { validateVideo } from '../options.js'
import { secondsToPacificMidnight } from '../errors.js'
import { CHANNELS } from '../fake/server.js'
import { connectedFake, OPTIONS, publishToTheEnd } from './helpers.js'

/** A video of `size` bytes that starts like an MP4. */
const bigVideo = (size: number) => {
  const bytes = new Uint8Array(size)
  bytes.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70])
  return videoFixture({ bytes: size, read: async () => bytes })
}

/** The kit's text-only cases, with the video every YouTube post needs. */
test.group('youtube: kit cases with a video', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.fake.close()
  })

  test('connect gives the one channel chosen on Google’s consent screen, with a refresh token', ({
    assert,
  }) => {
    assert.isFalse(youtube.auth.picker)
    assert.deepEqual(
      env.connections.map((c) => c.profile.externalId),
      [CHANNELS[0].id]
    )
    assert.equal(env.connections[0].profile.meta?.uploadsPlaylist, `UU${CHANNELS[0].id.slice(2)}`)
    assert.isString(env.account.token.refreshToken)
  })

  test('a second channel chosen at consent is the one connected, and its videos land there', async ({
    assert,
  }) => {
    const second = await connectedFake({}, CHANNELS[1].id)
    try {
      assert.deepEqual(
        second.connections.map((c) => c.profile.externalId),
        [CHANNELS[1].id]
      )
      const outcome = await publishToTheEnd(second.publishContext())
      if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
      assert.equal(second.fake.video(outcome.value.externalId)!.channelId, CHANNELS[1].id)
    } finally {
      await second.fake.close()
    }
  })

  test('the description is the text, exactly; the title and settings go with it', async ({
    assert,
  }) => {
    const text = 'Ship it 🚀 — café at https://example.com/launch'
    const ctx = env.publishContext({ text })
    assert.deepEqual(checkPost(youtube, ctx.post, ctx.account), [])
    const first = await youtube.publish(ctx)
    assert.equal(first.status, 'pending', 'processing is followed with checkStatus')
    const outcome = await publishToTheEnd(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const video = env.fake.video(outcome.value.externalId)!
    assert.equal(video.text, text)
    assert.deepInclude(video.resource.status, {
      privacyStatus: 'unlisted',
      selfDeclaredMadeForKids: false,
    })
    assert.equal(outcome.value.url, `https://www.youtube.com/watch?v=${outcome.value.externalId}`)
  })

  test('revoke ends the grant: refresh token and access token both die', async ({ assert }) => {
    assert.equal((await youtube.auth.revoke!(env.account)).status, 'ok')
    assert.isFalse(env.fake.isTokenValid(env.account.token.accessToken))
    assert.isFalse(env.fake.isRefreshTokenValid(env.account.token.refreshToken!))
    assert.equal((await publishToTheEnd(env.publishContext())).status, 'unauthorized')
  })

  test('401, 429 and 5xx map to unauthorized, rate_limited and retryable', async ({ assert }) => {
    env.fake.server.failNext(env.fake.publishPath, { kind: 'status', status: 401 })
    assert.equal((await publishToTheEnd(env.publishContext())).status, 'unauthorized')
    env.fake.server.failNext(env.fake.publishPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '42' },
    })
    assert.deepInclude(await publishToTheEnd(env.publishContext()), {
      status: 'rate_limited',
      retryAfter: 42,
    })
    env.fake.server.failNext(env.fake.publishPath, { kind: 'status', status: 503 })
    assert.deepInclude(await publishToTheEnd(env.publishContext()), {
      status: 'error',
      retryable: true,
    })
  })

  test('a spent daily quota (403 quotaExceeded) waits until midnight Pacific', async ({
    assert,
  }) => {
    env.fake.server.failNext(env.fake.publishPath, {
      kind: 'status',
      status: 403,
      json: {
        error: {
          code: 403,
          message: 'The request cannot be completed because you have exceeded your quota.',
          errors: [{ reason: 'quotaExceeded' }],
        },
      },
    })
    const outcome = await youtube.publish(env.publishContext())
    assert.equal(outcome.status, 'rate_limited')
    assert.equal(
      secondsToPacificMidnight(new Date('2026-11-29T07:59:00Z')),
      60,
      '23:59 in Los Angeles'
    )
  })

  test('a lost session opening is a safe retry: no video exists before the bytes', async ({
    assert,
  }) => {
    env.fake.server.failNext(env.fake.publishPath, { kind: 'lose_response' })
    const outcome = await youtube.publish({
      ...env.publishContext(),
      http: new HttpClient({ baseUrl: env.fake.server.baseUrl, timeoutMs: 300 }),
    })
    assert.deepInclude(outcome, { status: 'error', retryable: true })
  })

  test('a lost final answer is resolved by asking the session; the uploads playlist finds the video too', async ({
    assert,
  }) => {
    env.fake.loseFinalAnswer = true
    const ctx = env.publishContext({ text: 'Did this go out?' })
    const outcome = await publishToTheEnd(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const puts = env.fake.server
      .requestsTo('PUT', '/upload/youtube/v3/videos')
      .map((r) => r.headers['content-range'])
    assert.deepEqual(puts, [
      `bytes 0-${videoFixture().bytes - 1}/${videoFixture().bytes}`,
      `bytes */${videoFixture().bytes}`,
    ])
    const found = await youtube.findByIdempotencyKey!(ctx)
    assert.deepEqual(found, { status: 'ok', value: outcome.value })
    assert.deepEqual(
      await youtube.findByIdempotencyKey!(env.publishContext({ text: 'Never sent' })),
      { status: 'ok', value: null }
    )
  })

  test('stats: views, likes and comments from videos.list; no shares', async ({ assert }) => {
    const outcome = await publishToTheEnd(env.publishContext({ text: 'Count me' }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const id = outcome.value.externalId
    env.fake.setMetrics(id, { views: 120, likes: 7, comments: 2, shares: 3 })
    const stats = await youtube.fetchStats!(env.account, [id])
    if (stats.status !== 'ok') return assert.fail(JSON.stringify(stats))
    assert.deepInclude(stats.value[id], { views: 120, likes: 7, comments: 2, shares: null })
  })
})

test.group('youtube: resumable upload and rules', () => {
  test('chunks of 256 KiB multiples, resuming from the Range each 308 reports', async ({
    assert,
    cleanup,
  }) => {
    const env = await connectedFake({ uploadChunkBytes: 2 * 256 * 1024 })
    cleanup(() => env.fake.close())
    env.fake.keepAtMost = 256 * 1024
    const outcome = await publishToTheEnd(env.publishContext({ media: [bigVideo(1_300_000)] }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const puts = env.fake.server
      .requestsTo('PUT', '/upload/youtube/v3/videos')
      .map((r) => r.headers['content-range'])
    assert.deepEqual(puts.slice(0, 3), [
      'bytes 0-524287/1300000',
      'bytes 262144-786431/1300000',
      'bytes 524288-1048575/1300000',
    ])
    assert.equal(puts.at(-1), 'bytes 1048576-1299999/1300000')
  })

  test('a scheduled video is uploaded private with publishAt', async ({ assert, cleanup }) => {
    const env = await connectedFake()
    cleanup(() => env.fake.close())
    const publishAt = new Date(Date.now() + 86_400_000).toISOString()
    const outcome = await publishToTheEnd(
      env.publishContext({
        options: { ...OPTIONS, privacy: 'public', publishAt, tags: 'pistache, behind the scenes' },
      })
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const resource = env.fake.video(outcome.value.externalId)!.resource
    assert.deepInclude(resource.status, { privacyStatus: 'private', publishAt })
    assert.deepEqual(resource.snippet.tags, ['pistache', 'behind the scenes'])
  })

  test('title required (≤ 100, no < >), description ≤ 5000 bytes, tags ≤ 500, publishAt in the future', ({
    assert,
  }) => {
    const post = (options: object, text = 'ok') => ({
      text,
      media: [videoFixture()],
      options: { ...OPTIONS, ...options },
    })
    assert.deepInclude(checkPost(youtube, post({ title: '' }), undefined), {
      code: 'option_required',
      params: { option: 'title' },
    })
    assert.deepInclude(checkPost(youtube, post({ title: 't'.repeat(101) }), undefined), {
      code: 'option_invalid',
      params: { option: 'title' },
    })
    assert.deepInclude(validateVideo(post({ title: 'a <b>' })), {
      code: 'option_invalid',
      params: { option: 'title' },
    })
    assert.deepInclude(checkPost(youtube, post({}, 'é'.repeat(2501)), undefined), {
      code: 'text_too_long',
      params: { length: 5002, limit: 5000 },
    })
    assert.deepInclude(
      validateVideo(post({ tags: Array.from({ length: 100 }, (_, i) => `tag${i}x`).join(',') })),
      { code: 'option_invalid', params: { option: 'tags' } }
    )
    assert.deepInclude(validateVideo(post({ publishAt: '2020-01-01T00:00:00Z' })), {
      code: 'option_invalid',
      params: { option: 'publishAt' },
    })
    assert.deepInclude(checkPost(youtube, { text: 'x', media: [], options: OPTIONS }, undefined), {
      code: 'media_required',
    })
  })
})
