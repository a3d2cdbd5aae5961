import { test } from '@japa/runner'
import { HttpClient, type OAuth2Auth } from '#sdk'
import reddit from '../index.js'
import { connectedFake } from './helpers.js'

test.group('reddit auth', () => {
  test('the authorization URL asks for a permanent grant and the scopes posting needs', ({
    assert,
  }) => {
    const auth = reddit.auth as OAuth2Auth
    const url = new URL(
      auth.authorizationUrl(
        {
          settings: { urls: {}, clientId: 'cid' },
          http: new HttpClient({ baseUrl: 'https://oauth.reddit.com' }),
        },
        { state: 's', redirectUri: 'https://app.example/cb' }
      )
    )
    assert.equal(url.origin + url.pathname, 'https://www.reddit.com/api/v1/authorize')
    assert.equal(url.searchParams.get('duration'), 'permanent')
    assert.equal(url.searchParams.get('scope'), 'identity submit read flair history')
    assert.isFalse(auth.pkce)
  })

  test('token calls use HTTP Basic; every call carries the configured User-Agent', async ({
    assert,
    cleanup,
  }) => {
    const { fake, close } = await connectedFake()
    cleanup(close)
    const token = fake.server.requestsTo('POST', '/api/v1/access_token')[0]
    assert.match(String(token.headers.authorization), /^Basic /)
    assert.notProperty(token.body, 'client_secret')
    assert.isTrue(
      fake.server.requests
        .filter((r) => r.method === 'POST' || r.bearer)
        .every((r) => r.headers['user-agent'] === fake.settings.userAgent)
    )
  })

  test('a generic User-Agent is throttled by Reddit, so the default one is descriptive', async ({
    assert,
    cleanup,
  }) => {
    const { account, close } = await connectedFake()
    cleanup(close)
    const generic = await account.http.withBaseUrl(account.settings.urls.api).send({
      url: '/api/v1/me',
      bearer: account.token.accessToken,
      headers: { 'user-agent': 'node' },
    })
    assert.equal(generic.status, 'rate_limited')
    assert.match(String(reddit.defaults.userAgent), /^web:pistache-postiz:/)
  })

  test('refresh keeps the permanent refresh token; revoke ends it', async ({ assert, cleanup }) => {
    const { fake, account, close } = await connectedFake()
    cleanup(close)
    const refreshed = await reddit.auth.refresh!(account)
    if (refreshed.status !== 'ok') return assert.fail(JSON.stringify(refreshed))
    assert.equal(refreshed.value.refreshToken, account.token.refreshToken)
    assert.isTrue(fake.isTokenValid(refreshed.value.accessToken))
    assert.equal((await reddit.auth.revoke!(account)).status, 'ok')
    assert.isFalse(fake.isRefreshTokenValid(account.token.refreshToken!))
    assert.isFalse(
      fake.isTokenValid(refreshed.value.accessToken),
      'revoking the refresh token ends its other access tokens'
    )
  })
})
