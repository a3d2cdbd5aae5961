import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { checkPost, type AccountContext, type PostDraft, type PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import { MediaHost } from '#sdk/testing/media_host'
import threads from '../index.js'
import { FakeThreads } from '../fake/server.js'
import { countThreadsText } from '../text.js'
import type { ThreadsOptions } from '../options.js'

test.group('threads text count', () => {
  test('an emoji counts as its UTF-8 bytes, everything else one per character', ({ assert }) => {
    assert.equal(countThreadsText('café'), 4)
    assert.equal(countThreadsText('🚀'), 4)
    assert.equal(countThreadsText('👍🏽'), 8)
    assert.equal(countThreadsText('🇫🇷'), 8)
    assert.equal(countThreadsText('日本語'), 3)
  })

  test('validation uses the Threads count, not graphemes', ({ assert }) => {
    const draft = (text: string): PostDraft<ThreadsOptions> => ({ text, media: [], options: {} })
    assert.deepEqual(checkPost(threads, draft('a'.repeat(496) + '🚀')), [])
    assert.deepEqual(
      checkPost(threads, draft('a'.repeat(497) + '🚀')).map((i) => i.code),
      ['text_too_long']
    )
    assert.deepEqual(
      checkPost(threads, draft('a'.repeat(501))).map((i) => i.code),
      ['text_too_long']
    )
  })
})

test.group('threads', (group) => {
  let fake: FakeThreads
  let host: MediaHost
  let account: AccountContext
  group.each.setup(async () => {
    fake = await FakeThreads.start()
    host = await new MediaHost().start()
    const connected = await connectThroughFake(threads, fake)
    if (connected.status !== 'ok') throw new Error(JSON.stringify(connected))
    account = {
      ...contextFor(fake),
      account: connected.value[0].profile,
      token: connected.value[0].token,
    }
    return async () => {
      await fake.close()
      await host.close()
    }
  })
  const publishContext = (
    post: Partial<PostDraft<ThreadsOptions>>
  ): PublishContext<ThreadsOptions> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: { text: 'Hello from the Threads tests', media: [], options: {}, ...post },
  })
  async function publish(ctx: PublishContext<ThreadsOptions>) {
    let outcome = await threads.publish(ctx)
    for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
      outcome = await threads.checkStatus!(ctx, outcome.handle)
    return outcome
  }

  test('connect keeps a 60-day long-lived token; refresh renews it while it is alive', async ({
    assert,
  }) => {
    assert.approximately(account.token.expiresAt!, Date.now() + 5_184_000_000, 60_000)
    fake.ageToken(account.token.accessToken, 2 * 86_400_000)
    const refreshed = await threads.auth.refresh!(account)
    if (refreshed.status !== 'ok') return assert.fail(JSON.stringify(refreshed))
    assert.isTrue(fake.isTokenValid(refreshed.value.accessToken))
  })

  test('an expired token cannot be refreshed: the user must log in again', async ({ assert }) => {
    fake.expireAccessToken(account.token.accessToken)
    assert.equal((await threads.auth.refresh!(account)).status, 'unauthorized')
    assert.equal((await publish(publishContext({}))).status, 'unauthorized')
  })

  test('revocation is not supported, and says so', async ({ assert }) => {
    assert.isFalse(threads.capabilities.revocable)
    assert.deepInclude(await threads.auth.revoke!(account), {
      status: 'error',
      code: 'not_supported',
    })
  })

  test('a mixed carousel with alt text and reply control', async ({ assert }) => {
    const media = await Promise.all(
      [imageFixture('one'), videoFixture(), imageFixture('three')].map((item) => host.publish(item))
    )
    const outcome = await publish(
      publishContext({ text: 'Carousel', media, options: { replyControl: 'mentioned_only' } })
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const stored = fake.storedPost(outcome.value.externalId)!
    assert.deepEqual(
      stored.media.map((m) => [m.kind, m.altText]),
      [
        ['image', 'one'],
        ['video', null],
        ['image', 'three'],
      ]
    )
    const parent = fake.server.requestsTo('POST', /\/threads$/).at(-1)!
    assert.deepInclude(parent.body, {
      media_type: 'CAROUSEL',
      text: 'Carousel',
      reply_control: 'mentioned_only',
    })
  })

  test('an unreachable media URL ends in a container error', async ({ assert }) => {
    const outcome = await publish(
      publishContext({ media: [imageFixture('x', { publicUrl: `${host.baseUrl}/gone.png` })] })
    )
    assert.deepInclude(outcome, { status: 'error', code: 'container_error' })
  })
})
