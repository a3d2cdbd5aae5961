import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { Connection, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import bluesky from '../index.js'
import { FakeBluesky } from '../fake/server.js'
import type { BlueskyOptions } from '../options.js'
import { recordKeyFor, TID_PATTERN } from '../record_key.js'

test.group('bluesky plugin against its fake', (group) => {
  let fake: FakeBluesky
  let connection: Connection

  group.each.setup(async () => {
    fake = await FakeBluesky.start()
    const connected = await connectThroughFake(bluesky, fake)
    if (connected.status !== 'ok') throw new Error(JSON.stringify(connected))
    connection = connected.value[0]
    return () => fake.close()
  })

  const publishContext = (
    text: string,
    idempotencyKey = randomUUID()
  ): PublishContext<BlueskyOptions> => ({
    ...contextFor(fake),
    account: connection.profile,
    token: connection.token,
    idempotencyKey,
    post: { text, media: [], options: {} },
  })

  test('connect keeps the PDS from the DID document and no password', ({ assert }) => {
    assert.equal(connection.profile.meta?.pdsUrl, fake.server.baseUrl)
    assert.equal(connection.profile.externalId, fake.account.did)
    assert.isAbove(connection.token.expiresAt!, Date.now())
    assert.notInclude(JSON.stringify(connection.token), fake.account.password)
  })

  test('a retry with the same idempotency key collides and returns the first post', async ({
    assert,
  }) => {
    const key = randomUUID()
    const first = await bluesky.publish(publishContext('Once only', key))
    const second = await bluesky.publish(publishContext('Once only', key))
    assert.equal(first.status, 'ok')
    assert.deepEqual(second, first)
    assert.lengthOf(fake.server.requestsTo('POST', '/xrpc/com.atproto.repo.createRecord'), 2)
    assert.match(recordKeyFor(key), TID_PATTERN)
    if (first.status === 'ok')
      assert.isTrue(first.value.externalId.endsWith(`/app.bsky.feed.post/${recordKeyFor(key)}`))
  })

  test('an expired access token (400 ExpiredToken) is unauthorized', async ({ assert }) => {
    fake.expireAccessToken(connection.token.accessToken)
    assert.equal((await bluesky.publish(publishContext('Too late'))).status, 'unauthorized')
  })

  test('an invalid record is refused by the lexicon check, not reported as published', async ({
    assert,
  }) => {
    // Past the capability check on purpose, to prove the fake enforces the lexicon (maxGraphemes 300).
    const outcome = await bluesky.publish(publishContext('é'.repeat(301)))
    assert.deepInclude(outcome, { status: 'error', retryable: false })
  })

  test('links, resolvable mentions and tags reach the record as facets', async ({ assert }) => {
    const text = 'Hi 👋 @alice.bsky.social @ghost.bsky.social #pistache https://example.com'
    const outcome = await bluesky.publish(publishContext(text))
    assert.equal(outcome.status, 'ok')
    if (outcome.status !== 'ok') return
    const record = fake.storedPost(outcome.value.externalId)!.record
    assert.deepEqual(
      record.facets.map((f: any) => f.features[0].$type),
      [
        'app.bsky.richtext.facet#mention',
        'app.bsky.richtext.facet#tag',
        'app.bsky.richtext.facet#link',
      ]
    )
    assert.match(
      outcome.value.url!,
      /^https:\/\/bsky\.app\/profile\/pistache\.bsky\.social\/post\/[2-7a-z]{13}$/
    )
  })

  test('stats batch 25 URIs per request; account stats come from the profile', async ({
    assert,
  }) => {
    const uris: string[] = []
    for (let i = 0; i < 27; i++) {
      const outcome = await bluesky.publish(publishContext(`Post ${i}`))
      if (outcome.status === 'ok') uris.push(outcome.value.externalId)
    }
    fake.setMetrics(uris[26], { likes: 5, quotes: 2 })
    const stats = await bluesky.fetchStats!(
      { ...contextFor(fake), account: connection.profile, token: connection.token },
      uris
    )
    assert.equal(stats.status, 'ok')
    if (stats.status !== 'ok') return
    assert.lengthOf(Object.keys(stats.value), 27)
    assert.deepInclude(stats.value[uris[26]], {
      likes: 5,
      quotes: 2,
      shares: 0,
      views: null,
      reach: null,
    })
    assert.lengthOf(fake.server.requestsTo('GET', '/xrpc/app.bsky.feed.getPosts'), 2)
    const account = await bluesky.fetchAccountStats!({
      ...contextFor(fake),
      account: connection.profile,
      token: connection.token,
    })
    assert.deepEqual(account, {
      status: 'ok',
      value: { followers: 1280, following: 42, posts: 27 },
    })
  })

  test('a refresh JWT cannot be used twice and revoked sessions refresh no more', async ({
    assert,
  }) => {
    const ctx = { ...contextFor(fake), account: connection.profile }
    const refreshed = await bluesky.auth.refresh!({ ...ctx, token: connection.token })
    assert.equal(refreshed.status, 'ok')
    assert.equal(
      (await bluesky.auth.refresh!({ ...ctx, token: connection.token })).status,
      'unauthorized'
    )
    if (refreshed.status !== 'ok') return
    assert.equal((await bluesky.auth.revoke!({ ...ctx, token: refreshed.value })).status, 'ok')
    assert.equal(
      (await bluesky.auth.refresh!({ ...ctx, token: refreshed.value })).status,
      'unauthorized'
    )
  })
})
