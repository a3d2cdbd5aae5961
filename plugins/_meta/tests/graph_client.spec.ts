import { createHmac } from 'node:crypto'
import { test } from '@japa/runner'
import { failed, HttpClient } from '#sdk'
import { FakeServer } from '#sdk/testing/fake_server'
import { graphClient, versionedBase } from '../graph_client.js'
import { mapGraphError } from '../graph_errors.js'
import { graphError } from '../fake/graph_replies.js'

const error = (reason: string) => failed(`POST x: 400 ${reason}`, false, 'http_400')

test.group('Meta Graph errors', () => {
  test('throttling codes wait five minutes; token and permission errors ask to reconnect; 1 and 2 retry', ({
    assert,
  }) => {
    for (const code of [4, 17, 32, 613, 80002])
      assert.deepInclude(mapGraphError(error(`(#${code}) Too many calls`)), {
        status: 'rate_limited',
        retryAfter: 300,
      })
    assert.equal(
      mapGraphError(error('Error validating access token: Session has expired on Monday')).status,
      'unauthorized',
      '190 comes without "(#190)"'
    )
    assert.equal(
      mapGraphError(error('(#10) Application does not have permission')).status,
      'unauthorized'
    )
    assert.deepInclude(mapGraphError(error('(#2) Service temporarily unavailable')), {
      status: 'error',
      retryable: true,
    })
    assert.deepInclude(mapGraphError(error('(#1) An unknown error occurred')), {
      status: 'error',
      retryable: true,
    })
    assert.deepInclude(mapGraphError(error('(#100) Invalid parameter')), {
      status: 'error',
      retryable: false,
    })
  })
})

test.group('Meta Graph client', (group) => {
  const server = new FakeServer()
  group.setup(async () => {
    server.route('GET', '/v25.0/me', () => ({ json: { id: '1' } }))
    server.route('GET', '/v25.0/broken', () =>
      graphError('(#613) Calls to this api have exceeded the rate limit.', 613)
    )
    await server.start()
    return () => server.close()
  })
  const ctx = (clientSecret?: string) => ({
    settings: { urls: {}, clientSecret },
    http: new HttpClient({ baseUrl: server.baseUrl }),
  })

  test('sends the token as Bearer, signed with appsecret_proof when the app has a secret (Facebook Login), unsigned otherwise (Threads)', async ({
    assert,
  }) => {
    await graphClient(ctx('s3cret'), versionedBase(`${server.baseUrl}/`, 'v25.0'), 's3cret').send({
      url: 'me',
      token: 'EAAtoken',
    })
    await graphClient(ctx(), versionedBase(server.baseUrl, 'v25.0')).send({
      url: 'me',
      token: 'THtoken',
    })
    const [signed, unsigned] = server.requestsTo('GET', /\/v25\.0\/me$/)
    assert.equal(signed.bearer, 'EAAtoken')
    assert.equal(
      signed.query.get('appsecret_proof'),
      createHmac('sha256', 's3cret').update('EAAtoken').digest('hex')
    )
    assert.equal(unsigned.bearer, 'THtoken')
    assert.isNull(unsigned.query.get('appsecret_proof'))
  })

  test('maps a Graph error body over real HTTP', async ({ assert }) => {
    const outcome = await graphClient(ctx(), versionedBase(server.baseUrl, 'v25.0')).send({
      url: 'broken',
      token: 't',
    })
    assert.deepInclude(outcome, { status: 'rate_limited', retryAfter: 300 })
  })
})
