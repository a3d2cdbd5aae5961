import { test } from '@japa/runner'
import { checkPost } from '#sdk'
import tiktok from '../index.js'
import { bigVideo, connectedFake } from './helpers.js'

const initCalls = (fake: { server: { requests: { method: string; path: string }[] } }) =>
  fake.server.requests.filter((request) => /\/init\/$/.test(request.path))

test.group('tiktok publish', () => {
  test('a privacy level creator_info does not offer fails clearly, before any upload', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, close } = await connectedFake()
    cleanup(close)
    fake.privacyLevelOptions = ['SELF_ONLY']
    const outcome = await tiktok.publish(
      publishContext({ options: { privacyLevel: 'PUBLIC_TO_EVERYONE' } })
    )
    assert.deepInclude(outcome, {
      status: 'error',
      retryable: false,
      code: 'privacy_level_not_offered',
    })
    if (outcome.status === 'error') assert.include(outcome.reason, 'SELF_ONLY')
    assert.lengthOf(initCalls(fake), 0)
  })

  test("a video longer than the creator's max_video_post_duration_sec is refused", async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, close } = await connectedFake()
    cleanup(close)
    fake.maxVideoPostDurationSec = 60
    const ctx = publishContext({
      media: [bigVideo(1000)].map((video) => ({ ...video, durationSeconds: 61 })),
    })
    assert.deepInclude(await tiktok.publish(ctx), {
      status: 'error',
      retryable: false,
      code: 'video_too_long',
    })
    assert.lengthOf(initCalls(fake), 0)
  })

  test('privacy is required for direct posts, not for inbox drafts', ({ assert }) => {
    const post = { text: 'x', media: [], options: {} }
    assert.include(
      tiktok.validate!(post).map((issue) => issue.code),
      'option_required'
    )
    assert.deepEqual(tiktok.validate!({ ...post, options: { sendToInbox: true } }), [])
    assert.include(
      checkPost(tiktok, post).map((issue) => issue.code),
      'media_required'
    )
  })

  test('inbox mode uploads a draft to the creator inbox without post_info', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const outcome = await publish(publishContext({ options: { sendToInbox: true } }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const [init] = initCalls(fake)
    assert.equal(init.path, '/v2/post/publish/inbox/video/init/')
    assert.notProperty((init as any).body, 'post_info')
    assert.match(outcome.value.externalId, /^v_inbox_file~/)
    assert.isNull(outcome.value.url)
    assert.equal(fake.storedPost(outcome.value.externalId)?.media[0].kind, 'video')
  })

  test('interactions the creator turned off stay off; the options turn off the others', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    fake.creatorFlags.comment_disabled = true
    const outcome = await publish(
      publishContext({ options: { privacyLevel: 'SELF_ONLY', disableStitch: true } })
    )
    assert.equal(outcome.status, 'ok')
    const info = (initCalls(fake)[0] as any).body.post_info
    assert.deepInclude(info, {
      privacy_level: 'SELF_ONLY',
      disable_comment: true,
      disable_duet: false,
      disable_stitch: true,
    })
  })

  test('a 23 MB video goes up in two in-order chunks with Content-Range, the last one longer', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const size = 23 * 1024 * 1024
    const outcome = await publish(publishContext({ media: [bigVideo(size)] }))
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
    const init = (initCalls(fake)[0] as any).body.source_info
    assert.deepEqual(init, {
      source: 'FILE_UPLOAD',
      video_size: size,
      chunk_size: 10 * 1024 * 1024,
      total_chunk_count: 2,
    })
    const puts = fake.server.requests.filter((request) => request.method === 'PUT')
    assert.deepEqual(
      puts.map((put) => put.headers['content-range']),
      [`bytes 0-10485759/${size}`, `bytes 10485760-${size - 1}/${size}`]
    )
    assert.isUndefined(puts[0].headers.authorization, 'the signed upload URL takes no bearer')
    // 23 MB through a real HTTP server: well under a second on an idle machine, but several
    // on a loaded one. The unit suite's 5 s is for work that does not scale with the machine.
  }).timeout(60_000)

  test('a lost creator_info answer is a retryable read failure, not an ambiguous publish', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, close } = await connectedFake()
    cleanup(close)
    fake.server.failNext('creator_info', { kind: 'lose_response' })
    assert.deepInclude(await tiktok.publish(publishContext({}, 300)), {
      status: 'error',
      retryable: true,
    })
  })

  test('a failed status poll keeps the publish pending', async ({ assert, cleanup }) => {
    const { fake, publishContext, account, close } = await connectedFake()
    cleanup(close)
    const first = await tiktok.publish(publishContext({}))
    if (first.status !== 'pending') return assert.fail(JSON.stringify(first))
    fake.server.failNext('status/fetch', { kind: 'status', status: 503 })
    assert.deepInclude(await tiktok.checkStatus!(account, first.handle), {
      status: 'pending',
      handle: first.handle,
    })
  })
})
