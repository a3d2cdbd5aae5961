import { test } from '@japa/runner'
import { failed } from '#sdk'
import { imageFixture } from '#sdk/testing/media_fixtures'
import facebook from '../index.js'
import { mapGraphError } from '../../_meta/graph_errors.js'
import { connectedFake } from './helpers.js'

test.group('facebook', () => {
  test('one login yields one connection per Page, each with its own non-expiring Page token', async ({
    assert,
    cleanup,
  }) => {
    const { fake, connections } = await connectedFake()
    cleanup(() => fake.close())
    assert.isTrue(facebook.auth.picker)
    assert.deepEqual(
      connections.map((c) => c.profile.displayName),
      ['Pistache Bakery', 'Pistache Agency']
    )
    assert.notEqual(connections[0].token.accessToken, connections[1].token.accessToken)
    for (const connection of connections) {
      assert.isNull(connection.token.expiresAt)
      assert.isTrue(fake.isTokenValid(connection.token.accessToken))
      assert.isTrue(
        fake.isTokenValid(connection.token.extra!.userToken),
        'the long-lived user token is kept for video and revoke'
      )
    }
  })

  test('several photos: uploaded unpublished with alt text, then one feed post with attached_media', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    const media = [imageFixture('First'), imageFixture('Second'), imageFixture(null)]
    const outcome = await facebook.publish(publishContext({ text: 'Three pictures', media }))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const stored = fake.storedPost(outcome.value.externalId)!
    assert.equal(stored.text, 'Three pictures')
    assert.deepEqual(
      stored.media.map((m) => m.altText),
      ['First', 'Second', null]
    )
    const uploads = fake.server.requestsTo('POST', /\/photos$/)
    assert.lengthOf(uploads, 3)
    assert.isTrue(uploads.every((request) => request.body.published === 'false'))
    assert.lengthOf(fake.server.requestsTo('POST', /\/feed$/), 1)
  })

  test('a link post sends `link`; a link next to photos is refused before sending', async ({
    assert,
    cleanup,
  }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    const outcome = await facebook.publish(
      publishContext({ text: 'Read this', options: { link: 'https://example.com/a' } })
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.equal(fake.server.requestsTo('POST', /\/feed$/)[0].body.link, 'https://example.com/a')
    assert.deepEqual(
      facebook.validate!({
        text: 'x',
        media: [imageFixture('a')],
        options: { link: 'https://example.com' },
      }),
      [{ code: 'option_invalid', params: { option: 'link' } }]
    )
  })

  test('an expired or revoked token (Graph 400, code 190) means unauthorized; refresh re-reads the Page token', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    fake.expireAccessToken(account.token.accessToken)
    assert.equal((await facebook.publish(publishContext({}))).status, 'unauthorized')
    const refreshed = await facebook.auth.refresh!(account)
    if (refreshed.status !== 'ok') return assert.fail(JSON.stringify(refreshed))
    assert.equal(
      (await facebook.publish({ ...publishContext({}), token: refreshed.value })).status,
      'ok'
    )
  })

  test('revoking removes the app for the whole login: sibling Pages lose their tokens too', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, connections } = await connectedFake()
    cleanup(() => fake.close())
    assert.equal((await facebook.auth.revoke!(account)).status, 'ok')
    assert.isFalse(fake.isTokenValid(connections[1].token.accessToken))
    assert.equal((await facebook.auth.refresh!(account)).status, 'unauthorized')
  })

  test('Graph throttling codes become rate_limited; permission errors unauthorized; bad params stay errors', ({
    assert,
  }) => {
    assert.equal(
      mapGraphError(failed('POST x: 400 (#32) Page request limit reached', false, 'http_400'))
        .status,
      'rate_limited'
    )
    assert.equal(
      mapGraphError(
        failed(
          'POST x: 403 (#80001) There have been too many calls to this Page account',
          false,
          'http_403'
        )
      ).status,
      'rate_limited'
    )
    assert.equal(
      mapGraphError(
        failed('POST x: 400 (#200) Requires pages_manage_posts permission', false, 'http_400')
      ).status,
      'unauthorized'
    )
    assert.deepInclude(
      mapGraphError(failed('POST x: 400 (#100) Invalid parameter', false, 'http_400')),
      { status: 'error', retryable: false }
    )
  })

  test('reconciliation ignores posts older than an hour and other texts', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    fake.seedPost(account.account.externalId, 'Old news', new Date(Date.now() - 2 * 3600_000))
    const recent = fake.seedPost(account.account.externalId, 'Fresh news ')
    assert.deepInclude(await facebook.findByIdempotencyKey!(publishContext({ text: 'Old news' })), {
      status: 'ok',
      value: null,
    })
    const found = await facebook.findByIdempotencyKey!(publishContext({ text: 'Fresh news' }))
    assert.equal(found.status === 'ok' && found.value?.externalId, recent)
  })

  test('a video is pending until its status reads ready and published', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    const { videoFixture } = await import('#sdk/testing/media_fixtures')
    const first = await facebook.publish(
      publishContext({ text: 'A film', media: [videoFixture()] })
    )
    if (first.status !== 'pending') return assert.fail(JSON.stringify(first))
    assert.equal(
      fake.server.requestsTo('POST', /^\/v25\.0\/upload:/)[0].headers.authorization,
      `OAuth ${account.token.extra!.userToken}`
    )
    assert.equal((await facebook.checkStatus!(account, first.handle)).status, 'pending')
    const done = await facebook.checkStatus!(account, first.handle)
    if (done.status !== 'ok') return assert.fail(JSON.stringify(done))
    assert.equal(fake.storedPost(done.value.externalId)?.text, 'A film')
  })
})
