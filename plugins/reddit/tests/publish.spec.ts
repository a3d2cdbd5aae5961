import { test } from '@japa/runner'
import { checkPost } from '#sdk'
import { imageFixture } from '#sdk/testing/media_fixtures'
import reddit from '../index.js'
import { waitFrom } from '../errors.js'
import { connectedFake } from './helpers.js'

test.group('reddit publish', () => {
  test('a subreddit that requires flair is refused before submitting, with its flair choices', async ({
    assert,
    cleanup,
  }) => {
    const { publishContext, submits, close } = await connectedFake()
    cleanup(close)
    const outcome = await reddit.publish(
      publishContext({ options: { subreddit: 'r/FlairMe', title: 'Needs flair' } })
    )
    assert.deepInclude(outcome, { status: 'error', retryable: false, code: 'flair_required' })
    if (outcome.status === 'error') assert.include(outcome.reason, 'OC (f1a1r-0c)')
    assert.lengthOf(submits(), 0)
  })

  test('with a valid flair the post goes out; an unknown flair is refused', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const good = await publish(
      publishContext({ options: { subreddit: 'flairme', title: 'Flaired', flairId: 'f1a1r-0c' } })
    )
    if (good.status !== 'ok') return assert.fail(JSON.stringify(good))
    assert.equal(fake.link(good.value.externalId)?.flairId, 'f1a1r-0c')
    assert.deepInclude(
      await publish(
        publishContext({ options: { subreddit: 'flairme', title: 'x', flairId: 'nope' } })
      ),
      { status: 'error', code: 'flair_invalid' }
    )
  })

  test('a subreddit that takes no text posts is refused before submitting', async ({
    assert,
    cleanup,
  }) => {
    const { publishContext, submits, close } = await connectedFake()
    cleanup(close)
    assert.deepInclude(
      await reddit.publish(publishContext({ options: { subreddit: 'linksonly', title: 'x' } })),
      { status: 'error', code: 'kind_not_allowed' }
    )
    assert.lengthOf(submits(), 0)
  })

  test("Reddit's HTTP-200 json.errors: RATELIMIT waits, validation errors are not retryable", async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, close } = await connectedFake()
    cleanup(close)
    const errors = (code: string, message: string) => ({
      kind: 'status' as const,
      status: 200,
      json: { json: { errors: [[code, message, 'ratelimit']] } },
    })
    fake.server.failNext(
      fake.publishPath,
      errors(
        'RATELIMIT',
        'Looks like you have been doing that a lot. Take a break for 7 minutes before trying again.'
      )
    )
    assert.deepInclude(await reddit.publish(publishContext({})), {
      status: 'rate_limited',
      retryAfter: 420,
    })
    fake.server.failNext(
      fake.publishPath,
      errors('SUBREDDIT_NOTALLOWED', "you aren't allowed to post there.")
    )
    assert.deepInclude(await reddit.publish(publishContext({})), {
      status: 'error',
      retryable: false,
      networkError: 'SUBREDDIT_NOTALLOWED',
    })
    assert.equal(waitFrom('try again in 30 seconds'), 30)
  })

  test('one image goes through the media lease and S3 form, then kind=image; its id comes once processed', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, publish, submits, close } = await connectedFake()
    cleanup(close)
    const first = await reddit.publish(publishContext({ media: [imageFixture()] }))
    assert.equal(first.status, 'pending', 'Reddit answers media posts with a websocket, not an id')
    const outcome = await publish(
      publishContext({
        media: [imageFixture()],
        options: { subreddit: 'pistache', title: 'Second image' },
      })
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(fake.link(outcome.value.externalId)?.title, 'Second image')
    const upload = fake.server.requestsTo('POST', '/s3-upload')[0]
    assert.equal(upload.body.key.split('/')[0], 'rte_images')
    assert.lengthOf(upload.files.file, 1)
    assert.equal(submits().at(-1)!.body.kind, 'image')
  })

  test('a video is submitted with a poster image', async ({ assert, cleanup }) => {
    const { publishContext, publish, submits, close } = await connectedFake()
    cleanup(close)
    const { videoFixture } = await import('#sdk/testing/media_fixtures')
    assert.equal((await publish(publishContext({ media: [videoFixture()] }))).status, 'ok')
    assert.match(submits()[0].body.video_poster_url, /\/s3-upload\/rte_images/)
  })

  test('a link post, flagged NSFW and spoiler, and reconciled by its link', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext, submits, close } = await connectedFake()
    cleanup(close)
    const ctx = publishContext({
      text: '',
      options: {
        subreddit: 'pistache',
        title: 'Read this',
        link: 'https://example.com/a',
        nsfw: true,
        spoiler: true,
      },
    })
    const outcome = await reddit.publish(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.deepInclude(submits()[0].body, {
      kind: 'link',
      url: 'https://example.com/a',
      nsfw: 'true',
      spoiler: 'true',
    })
    assert.include(fake.storedPost(outcome.value.externalId)!, { nsfw: true, spoiler: true })
    // The delivery links to the post on Reddit, never to the link's target.
    assert.match(
      outcome.value.url ?? '',
      new RegExp(
        `^https://www\\.reddit\\.com/r/pistache/comments/${outcome.value.externalId.slice(3)}/`
      )
    )
    fake.server.failNext('^/api/submit$', {
      kind: 'status',
      status: 200,
      json: {
        json: { errors: [], data: { url: 'https://example.com/c', id: 'zz9', name: 't3_zz9' } },
      },
    })
    const answeredWithTarget = await reddit.publish(
      publishContext({
        text: '',
        options: { subreddit: 'pistache', title: 'Read that', link: 'https://example.com/c' },
      })
    )
    assert.deepEqual(answeredWithTarget, {
      status: 'ok',
      value: { externalId: 't3_zz9', url: 'https://www.reddit.com/comments/zz9/' },
    })
    const found = await reddit.findByIdempotencyKey!(ctx)
    assert.equal(found.status === 'ok' && found.value?.externalId, outcome.value.externalId)
    const otherLink = {
      ...ctx,
      post: { ...ctx.post, options: { ...ctx.post.options, link: 'https://example.com/b' } },
    }
    assert.deepEqual(await reddit.findByIdempotencyKey!(otherLink), { status: 'ok', value: null })
  })

  test('reconciliation tells apart self posts that share a title', async ({ assert, cleanup }) => {
    const { publishContext, publish, close } = await connectedFake()
    cleanup(close)
    const first = await publish(publishContext({ text: 'Body one' }))
    await publish(publishContext({ text: 'Body two' }))
    const found = await reddit.findByIdempotencyKey!(publishContext({ text: 'Body one' }))
    assert.deepInclude(found, { status: 'ok' })
    if (found.status === 'ok' && first.status === 'ok')
      assert.equal(found.value?.externalId, first.value.externalId)
    assert.deepEqual(await reddit.findByIdempotencyKey!(publishContext({ text: 'Never posted' })), {
      status: 'ok',
      value: null,
    })
  })

  test('subreddit, title and link are checked before any request', ({ assert }) => {
    const post = (options: object) => ({ text: 'x', media: [], options })
    assert.include(
      checkPost(reddit, post({ subreddit: 'pistache' })).map((i) => i.code),
      'option_required'
    )
    assert.include(
      checkPost(reddit, post({ subreddit: 'no spaces!', title: 't' })).map((i) => i.code),
      'option_invalid'
    )
    assert.include(
      checkPost(reddit, post({ subreddit: 'pistache', title: 'a'.repeat(301) })).map((i) => i.code),
      'option_invalid'
    )
    assert.deepEqual(
      checkPost(
        reddit,
        post({ subreddit: 'r/pistache', title: 'ok', link: 'https://example.com' })
      ),
      []
    )
  })
})
