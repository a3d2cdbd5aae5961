import { test } from '@japa/runner'
import { HttpClient } from '#sdk'
import { imageFixture } from '#sdk/testing/media_fixtures'
import x from '../index.js'
import { isSameText } from '../reconcile.js'
import { connectedFake } from './helpers.js'

test.group('x reconciliation: recognising our text', () => {
  test('t.co links expanded through entities match the URLs we sent', ({ assert }) => {
    const post = {
      id: '1',
      text: 'Launch &amp; party at https://t.co/abc123',
      entities: {
        urls: [{ url: 'https://t.co/abc123', expanded_url: 'https://example.com/launch' }],
      },
    }
    assert.isTrue(isSameText(post, 'Launch & party at https://example.com/launch', false))
    assert.isFalse(
      isSameText(post, 'Launch & party at https://example.com/other', false),
      'a different link is another post'
    )
    assert.isFalse(isSameText(post, 'Launch & party at', false))
  })

  test('without entities a t.co link stands for any URL, and the media link is ignored', ({
    assert,
  }) => {
    const post = { id: '1', text: 'See https://t.co/abc123 now https://t.co/media99' }
    assert.isTrue(isSameText(post, 'See https://example.com/a now', true))
    assert.isFalse(
      isSameText(post, 'See https://example.com/a now', false),
      'without media the trailing link is a real URL'
    )
    assert.isFalse(isSameText(post, 'See https://example.com/a later', true))
  })

  test('NFC and surrounding whitespace do not matter', ({ assert }) => {
    assert.isTrue(isSameText({ id: '1', text: 'caf\u00e9' }, '  cafe\u0301\n', false))
  })
})

test.group('x reconciliation: against the fake', () => {
  test('finds a post whose URLs and media X rewrote', async ({ assert, cleanup }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    const text = 'Fish & chips <3 at https://example.com/menu?x=1 and https://pistache.example/a'
    const ctx = publishContext({ text, media: [imageFixture('plate')] })
    fake.seedTweet('Something else')
    fake.server.failNext(fake.publishPath, { kind: 'lose_response' })
    const lost = await x.publish({
      ...ctx,
      http: new HttpClient({ baseUrl: fake.server.baseUrl, timeoutMs: 300 }),
    })
    assert.equal(lost.status, 'ambiguous')
    const found = await x.findByIdempotencyKey!(ctx)
    assert.equal(found.status, 'ok', JSON.stringify(found))
    if (found.status !== 'ok' || !found.value) return assert.fail('not found')
    assert.equal(fake.storedPost(found.value.externalId)?.text, text)
    // The fake really answers as X does, so the match above went through the normalisation.
    const readBack = await ctx.http.send({
      url: '/2/tweets',
      query: { ids: found.value.externalId },
      bearer: ctx.token.accessToken,
    })
    const served = readBack.status === 'ok' ? (readBack.value.body as any).data[0].text : ''
    assert.match(
      served,
      /^Fish &amp; chips &lt;3 at https:\/\/t\.co\/\S+ and https:\/\/t\.co\/\S+ https:\/\/t\.co\/\S+$/
    )
    const timeline = fake.server.requestsTo('GET', /\/2\/users\/\d+\/tweets$/)[0]
    assert.notEqual(timeline.query.get('tweet.fields'), null)
    assert.isNull(timeline.query.get('post.fields'))
  })

  test('ignores a matching post older than an hour, and returns null when nothing matches', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    fake.seedTweet('Old news', new Date(Date.now() - 2 * 60 * 60 * 1000))
    assert.deepEqual(await x.findByIdempotencyKey!(publishContext({ text: 'Old news' })), {
      status: 'ok',
      value: null,
    })
    assert.deepEqual(await x.findByIdempotencyKey!(publishContext({ text: 'Never posted' })), {
      status: 'ok',
      value: null,
    })
  })

  test('reads every page of the hour: a post 250 posts back is found, "not found" saw them all', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    fake.seedTweet('The one we lost')
    for (let i = 0; i < 250; i++) fake.seedTweet(`Later post n°${i}`)
    const found = await x.findByIdempotencyKey!(publishContext({ text: 'The one we lost' }))
    assert.equal(found.status, 'ok')
    if (found.status !== 'ok' || !found.value) return assert.fail('not found')
    assert.equal(fake.storedPost(found.value.externalId)?.text, 'The one we lost')
    const pages = fake.server.requestsTo('GET', /\/2\/users\/\d+\/tweets$/)
    assert.lengthOf(pages, 3)
    assert.isNull(pages[0].query.get('pagination_token'))
    assert.isNotNull(pages[2].query.get('pagination_token'))

    const missing = await x.findByIdempotencyKey!(publishContext({ text: 'Never posted' }))
    assert.deepEqual(missing, { status: 'ok', value: null })
    assert.lengthOf(fake.server.requestsTo('GET', /\/2\/users\/\d+\/tweets$/), 3 + 3)
  })

  test('a post X has not indexed yet is not in the timeline; after the delay it is', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    fake.timelineLagMs = 300
    assert.isAtLeast(x.capabilities.readAfterWriteSeconds! * 1000, fake.timelineLagMs)
    const ctx = publishContext({ text: 'Fresh off the press' })
    const made = await x.publish(ctx)
    assert.equal(made.status, 'ok')
    assert.deepEqual(await x.findByIdempotencyKey!(ctx), { status: 'ok', value: null })
    await new Promise((resolve) => setTimeout(resolve, 350))
    const found = await x.findByIdempotencyKey!(ctx)
    assert.equal(
      found.status === 'ok' && found.value?.externalId,
      made.status === 'ok' && made.value.externalId
    )
  })
})
