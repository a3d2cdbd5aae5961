import { test } from '@japa/runner'
import { checkPost, HttpClient } from '#sdk'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import pinterest, { listBoards, listBoardSections } from '../index.js'
import { BOARDS, SECTIONS } from '../fake/server.js'
import { connectedFake, publishToTheEnd } from './helpers.js'

/** The kit's text-only cases, with the image every Pin needs. */
test.group('pinterest: kit cases with media', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  test('a Pin carries the text as its description, exactly', async ({ assert }) => {
    const text = 'Ship it 🚀 — café at https://example.com/launch'
    const ctx = await env.publishContext({
      text,
      options: { board: BOARDS[0].id, title: 'Launch', link: 'https://example.com/launch' },
    })
    assert.deepEqual(checkPost(pinterest, ctx.post, ctx.account), [])
    const outcome = await publishToTheEnd(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(env.fake.storedPost(outcome.value.externalId)?.text, text)
    assert.equal(outcome.value.url, `https://www.pinterest.com/pin/${outcome.value.externalId}/`)
  })

  test('revoke makes the token useless', async ({ assert }) => {
    assert.equal((await pinterest.auth.revoke!(env.account)).status, 'ok')
    assert.isFalse(env.fake.isTokenValid(env.account.token.accessToken))
    assert.isFalse(env.fake.isRefreshTokenValid(env.account.token.refreshToken!))
    assert.equal((await publishToTheEnd(await env.publishContext())).status, 'unauthorized')
  })

  test('401, 429 and 5xx map to unauthorized, rate_limited and retryable', async ({ assert }) => {
    env.fake.server.failNext(env.fake.publishPath, { kind: 'status', status: 401 })
    assert.equal((await publishToTheEnd(await env.publishContext())).status, 'unauthorized')
    env.fake.server.failNext(env.fake.publishPath, {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '42' },
    })
    assert.deepInclude(await publishToTheEnd(await env.publishContext()), {
      status: 'rate_limited',
      retryAfter: 42,
    })
    env.fake.server.failNext(env.fake.publishPath, { kind: 'status', status: 503 })
    assert.deepInclude(await publishToTheEnd(await env.publishContext()), {
      status: 'error',
      retryable: true,
    })
  })

  test('a lost answer is ambiguous, and the board’s recent Pins reconcile it', async ({
    assert,
  }) => {
    env.fake.server.failNext(env.fake.publishPath, { kind: 'lose_response' })
    const ctx = await env.publishContext({ text: 'Did this go out?' })
    const lost = await pinterest.publish({
      ...ctx,
      http: new HttpClient({ baseUrl: env.fake.server.baseUrl, timeoutMs: 300 }),
    })
    assert.equal(lost.status, 'ambiguous')
    const found = await pinterest.findByIdempotencyKey!(ctx)
    if (found.status !== 'ok' || !found.value) return assert.fail(JSON.stringify(found))
    assert.equal(env.fake.storedPost(found.value.externalId)?.text, 'Did this go out?')
    const other = await pinterest.findByIdempotencyKey!(
      await env.publishContext({ text: 'Never sent' })
    )
    assert.deepEqual(other, { status: 'ok', value: null })
  })

  test('stats: impressions, saves, clicks, reactions and comments; no shares on Pinterest', async ({
    assert,
  }) => {
    const outcome = await publishToTheEnd(await env.publishContext({ text: 'Count me' }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const id = outcome.value.externalId
    env.fake.setMetrics(id, { views: 120, saves: 9, clicks: 4, likes: 7, comments: 2, shares: 3 })
    const stats = await pinterest.fetchStats!(env.account, [id])
    if (stats.status !== 'ok') return assert.fail(JSON.stringify(stats))
    assert.deepEqual(stats.value[id], {
      views: 120,
      saves: 9,
      clicks: 4,
      likes: 7,
      comments: 2,
      shares: null,
      reach: null,
      quotes: null,
    })
  })
})

test.group('pinterest: pins, boards, media', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  test('the account’s boards (secret ones marked) and sections are the option choices', async ({
    assert,
  }) => {
    assert.deepEqual(await listBoards(env.account), {
      status: 'ok',
      value: [
        { value: BOARDS[0].id, label: 'Recipes' },
        { value: BOARDS[1].id, label: 'Behind the scenes (secret)' },
      ],
    })
    assert.deepEqual(await listBoardSections(env.account, BOARDS[0].id), {
      status: 'ok',
      value: SECTIONS[BOARDS[0].id].map((s) => ({ value: s.id, label: s.name })),
    })
  })

  test('a board is required and must be a board id', async ({ assert }) => {
    const ctx = await env.publishContext({ options: {} })
    assert.deepInclude(checkPost(pinterest, ctx.post, ctx.account), {
      code: 'option_required',
      params: { option: 'board' },
    })
    const bad = await env.publishContext({ options: { board: 'recipes' } })
    assert.deepInclude(checkPost(pinterest, bad.post, bad.account), {
      code: 'option_invalid',
      params: { option: 'board' },
    })
    assert.deepInclude(await pinterest.publish(ctx), { status: 'error', code: 'option_required' })
  })

  test('a carousel goes as multiple_image_urls, its alt texts joined into the Pin’s one alt_text', async ({
    assert,
  }) => {
    const media = await env.hosted([
      imageFixture('First'),
      imageFixture(null),
      imageFixture('Third'),
    ])
    const outcome = await publishToTheEnd(
      await env.publishContext({
        media,
        options: { board: BOARDS[0].id, boardSection: SECTIONS[BOARDS[0].id][0].id },
      })
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const body = env.fake.server.requestsTo('POST', '/v5/pins')[0].body
    assert.equal(body.media_source.source_type, 'multiple_image_urls')
    assert.equal(body.alt_text, 'First — Third')
    assert.lengthOf(env.fake.storedPost(outcome.value.externalId)!.media, 3)
  })

  test('without a public URL the image goes as base64', async ({ assert }) => {
    const outcome = await publishToTheEnd(
      await env.publishContext({ media: [imageFixture('Inline')] })
    )
    assert.equal(outcome.status, 'ok')
    assert.equal(
      env.fake.server.requestsTo('POST', '/v5/pins')[0].body.media_source.source_type,
      'image_base64'
    )
  })

  test('an image URL Pinterest cannot fetch is a non-retryable error', async ({ assert }) => {
    const [image] = await env.hosted([imageFixture('gone')])
    const outcome = await pinterest.publish(
      await env.publishContext({ media: [{ ...image, publicUrl: `${image.publicUrl}.missing` }] })
    )
    assert.deepInclude(outcome, { status: 'error', retryable: false })
  })

  test('a video is registered, uploaded to the S3 form without our token, polled, then pinned by media_id', async ({
    assert,
  }) => {
    const ctx = await env.publishContext({ media: await env.hosted([videoFixture()]) })
    const first = await pinterest.publish(ctx)
    assert.equal(first.status, 'pending')
    const upload = env.fake.server.requestsTo('POST', '/pinterest-media-upload/')[0]
    assert.isNull(upload.bearer)
    assert.property(upload.files, 'file')
    const outcome = await publishToTheEnd(ctx)
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(env.fake.storedPost(outcome.value.externalId)?.media[0].kind, 'video')
  })

  test('the fake refuses what the OpenAPI document refuses', async ({ assert }) => {
    const response = await fetch(`${env.fake.server.baseUrl}/v5/pins`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${env.account.token.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        board_id: BOARDS[0].id,
        title: 't'.repeat(101),
        media_source: { source_type: 'image_url', url: 'x' },
      }),
    })
    assert.equal(response.status, 400)
    assert.match(((await response.json()) as { message: string }).message, /title/)
  })
})
