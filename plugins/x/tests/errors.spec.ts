import { test } from '@japa/runner'
import x from '../index.js'
import { classifyForbidden } from '../errors.js'
import { connectedFake } from './helpers.js'

test.group('x errors', () => {
  test('duplicate text is a non-retryable error, not unauthorized', async ({ assert, cleanup }) => {
    const { fake, publishContext } = await connectedFake()
    cleanup(() => fake.close())
    assert.equal((await x.publish(publishContext({ text: 'Same again' }))).status, 'ok')
    assert.deepInclude(await x.publish(publishContext({ text: 'Same again' })), {
      status: 'error',
      retryable: false,
      code: 'duplicate_content',
    })
  })

  test('a 403 about scopes or auth method asks for reconnection; other 403s are plain errors', ({
    assert,
  }) => {
    assert.equal(
      classifyForbidden('POST /2/tweets: 403 Missing required scope tweet.write').status,
      'unauthorized'
    )
    assert.equal(
      classifyForbidden(
        '403 Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint'
      ).status,
      'unauthorized'
    )
    assert.deepInclude(classifyForbidden('403 You are not permitted to perform this action.'), {
      status: 'error',
      retryable: false,
      code: 'forbidden',
    })
  })

  test('the fake holds the plugin to the spec: bodies and query parameters X does not know get 400', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    const bearer = account.token.accessToken
    const badBody = await account.http.send({
      method: 'POST',
      url: '/2/tweets',
      bearer,
      json: { text: 'hi', status: 'hi' },
    })
    assert.deepInclude(badBody, { status: 'error', code: 'http_400' })
    const badQuery = await account.http.send({
      url: '/2/tweets',
      query: { 'ids': '1', 'expansions.all': 'true' },
      bearer,
    })
    assert.deepInclude(badQuery, { status: 'error', code: 'http_400' })
    // The pinned spec's `post.fields`: X's live API knows only `tweet.fields` there.
    const specName = await account.http.send({
      url: '/2/tweets',
      query: { 'ids': '1', 'post.fields': 'public_metrics' },
      bearer,
    })
    assert.deepInclude(specName, { status: 'error', code: 'http_400' })
  })
})
