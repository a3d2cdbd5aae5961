import { test } from '@japa/runner'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import x from '../index.js'
import { chunksOf, mediaCategory, uploadMedia } from '../media.js'
import { apiHttp } from '../urls.js'
import { connectedFake } from './helpers.js'

test.group('x media: chunking', () => {
  test('splits into segments of the chunk size, the last one shorter', ({ assert }) => {
    const chunks = chunksOf(new Uint8Array(10_000), 4096)
    assert.deepEqual(
      chunks.map((chunk) => chunk.length),
      [4096, 4096, 1808]
    )
  })

  test('never exceeds the 1000 segments segment_index allows', ({ assert }) => {
    const chunks = chunksOf(new Uint8Array(5000), 1)
    assert.isAtMost(chunks.length, 1000)
    assert.equal(
      chunks.reduce((sum, chunk) => sum + chunk.length, 0),
      5000
    )
  })

  test('GIFs and videos get their own media_category', ({ assert }) => {
    assert.equal(mediaCategory({ kind: 'image', mimeType: 'image/gif' }), 'tweet_gif')
    assert.equal(mediaCategory({ kind: 'image', mimeType: 'image/png' }), 'tweet_image')
    assert.equal(mediaCategory({ kind: 'video', mimeType: 'video/mp4' }), 'tweet_video')
  })

  test('uploads a multi-chunk file as numbered APPEND segments the fake reassembles', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    const bytes = new Uint8Array(10_000).map((_, i) => i % 251)
    const item = imageFixture('alt', {
      mimeType: 'image/jpeg',
      bytes: bytes.length,
      read: async () => bytes,
    })
    const uploaded = await uploadMedia(apiHttp(account), account.token.accessToken, item, 4096)
    assert.equal(uploaded.status, 'ok', JSON.stringify(uploaded))
    const appends = fake.server.requestsTo('POST', /\/append$/)
    assert.deepEqual(
      appends.map((request) => request.body.segment_index),
      ['0', '1', '2']
    )
    assert.deepEqual(
      appends.map((request) => request.files.media[0].bytes.length),
      [4096, 4096, 1808]
    )
  })

  test('a GIF may not share a post with other images', ({ assert }) => {
    const gif = imageFixture('gif', { mimeType: 'image/gif' })
    assert.deepEqual(x.validate!({ text: 'hi', media: [gif, imageFixture('png')], options: {} }), [
      { code: 'too_many_images', params: { count: 2, max: 1 } },
    ])
    assert.deepEqual(x.validate!({ text: 'hi', media: [gif], options: {} }), [])
  })
})

test.group('x media: video processing', () => {
  test('publish hands back pending while X processes, checkStatus finishes the post', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, publishContext } = await connectedFake({ mediaWaitSeconds: 0 })
    cleanup(() => fake.close())
    const first = await x.publish(
      publishContext({ text: 'A video', media: [videoFixture({ altText: 'A pistachio rolling' })] })
    )
    assert.equal(first.status, 'pending')
    if (first.status !== 'pending') return
    assert.equal(first.checkAfter, 1)
    assert.lengthOf(
      fake.server.requestsTo('POST', '/2/tweets'),
      0,
      'no post before processing succeeds'
    )

    const second = await x.checkStatus!(account, first.handle)
    assert.equal(second.status, 'pending')
    if (second.status !== 'pending') return
    const third = await x.checkStatus!(account, second.handle)
    assert.equal(third.status, 'ok', JSON.stringify(third))
    if (third.status !== 'ok') return
    const stored = fake.storedPost(third.value.externalId)!
    assert.deepEqual(
      stored.media.map(({ kind, altText }) => ({ kind, altText })),
      [{ kind: 'video', altText: 'A pistachio rolling' }]
    )
    assert.match(third.value.url!, /^https:\/\/x\.com\/pistache\/status\/\d+$/)
  })

  test('publish waits in-process as long as check_after_secs says, within its budget', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake({ mediaWaitSeconds: 10 })
    cleanup(() => fake.close())
    fake.processingPolls = 1
    const started = Date.now()
    const outcome = await x.publish(publishContext({ media: [videoFixture()] }))
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
    assert.isAtLeast(Date.now() - started, 1000, 'waited check_after_secs before polling')
    assert.lengthOf(fake.server.requestsTo('GET', '/2/media/upload'), 1)
  }).timeout(8000)

  test('a processing failure is a non-retryable error', async ({ assert, cleanup }) => {
    const { fake, account, publishContext } = await connectedFake({ mediaWaitSeconds: 0 })
    cleanup(() => fake.close())
    const first = await x.publish(publishContext({ media: [videoFixture()] }))
    if (first.status !== 'pending') return assert.fail('expected pending')
    fake.server.failNext('^/2/media/upload$', {
      kind: 'status',
      status: 200,
      json: {
        data: {
          id: '1',
          processing_info: { state: 'failed', error: { message: 'Unsupported video codec' } },
        },
      },
    })
    assert.deepInclude(await x.checkStatus!(account, first.handle), {
      status: 'error',
      retryable: false,
      code: 'media_processing_failed',
    })
  })
})
