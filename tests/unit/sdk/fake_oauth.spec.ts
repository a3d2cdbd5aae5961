import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import {
  badAuthorizeRequest,
  basicClientOk,
  bodyClientOk,
  consentRedirect,
  pkceMatches,
} from '#sdk/testing/fake_oauth'
import type { FakeRequest } from '#sdk/testing/fake_server'

const client = { id: 'app', secret: 's3cret' }
const request = (parts: Partial<FakeRequest>): FakeRequest => ({
  method: 'GET',
  path: '/',
  params: {},
  query: new URLSearchParams(),
  headers: {},
  body: {},
  files: {},
  rawBody: new Uint8Array(),
  bearer: null,
  ...parts,
})

test.group('Fake OAuth helpers (the fakes the conformance kit runs against)', () => {
  test("client credentials: HTTP Basic or form fields, under the network's id field", ({
    assert,
  }) => {
    assert.isTrue(
      basicClientOk(
        request({
          headers: { authorization: `Basic ${Buffer.from('app:s3cret').toString('base64')}` },
        }),
        client
      )
    )
    assert.isFalse(
      basicClientOk(
        request({
          headers: { authorization: `Basic ${Buffer.from('app:wrong').toString('base64')}` },
        }),
        client
      )
    )
    assert.isTrue(
      bodyClientOk(request({ body: { client_id: 'app', client_secret: 's3cret' } }), client)
    )
    assert.isFalse(
      bodyClientOk(request({ body: { client_id: 'app', client_secret: 's3cret' } }), {
        ...client,
        idField: 'client_key',
      })
    )
    assert.isTrue(
      bodyClientOk(request({ body: { client_key: 'app', client_secret: 's3cret' } }), {
        ...client,
        idField: 'client_key',
      })
    )
  })

  test('an authorization request needs the known client, response_type=code and an http(s) redirect', ({
    assert,
  }) => {
    const query = (params: Record<string, string>) =>
      request({ query: new URLSearchParams(params) })
    const good = { client_id: 'app', response_type: 'code', redirect_uri: 'http://127.0.0.1/cb' }
    assert.isNull(badAuthorizeRequest(query(good), client, 'bad'))
    assert.deepEqual(badAuthorizeRequest(query({ ...good, client_id: 'other' }), client, 'bad'), {
      status: 400,
      text: 'bad',
    })
    assert.isNotNull(badAuthorizeRequest(query({ ...good, response_type: 'token' }), client, 'bad'))
    assert.isNotNull(
      badAuthorizeRequest(query({ ...good, redirect_uri: 'javascript:alert(1)' }), client, 'bad')
    )
  })

  test('consent goes back to the redirect URI with the parameters, keeping its own query', ({
    assert,
  }) => {
    const reply = consentRedirect('https://app.example/cb?x=1', { code: 'c', state: 's t' })
    assert.equal(reply.redirect, 'https://app.example/cb?x=1&code=c&state=s+t')
  })

  test('PKCE: S256 and plain verifiers; a wrong or missing verifier fails', ({ assert }) => {
    const challenge = createHash('sha256').update('verifier-123').digest('base64url')
    assert.isTrue(pkceMatches(challenge, 'S256', 'verifier-123'))
    assert.isFalse(pkceMatches(challenge, 'S256', 'verifier-124'))
    assert.isFalse(pkceMatches(challenge, 'S256', undefined))
    assert.isTrue(pkceMatches('plain-one', 'plain', 'plain-one'))
  })
})
