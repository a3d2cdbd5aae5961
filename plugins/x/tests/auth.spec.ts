import { test } from '@japa/runner'
import { HttpClient } from '#sdk'
import x from '../index.js'
import { connectedFake } from './helpers.js'

test.group('x auth', () => {
  test('the authorization URL asks for PKCE S256 and every scope publishing needs', ({
    assert,
  }) => {
    const url = new URL(
      (x.auth as any).authorizationUrl(
        {
          settings: { urls: {}, clientId: 'abc' },
          http: new HttpClient({ baseUrl: 'https://api.x.com' }),
        },
        {
          state: 's1',
          redirectUri: 'https://app.example/cb',
          codeChallenge: 'ch',
        }
      )
    )
    assert.equal(url.origin + url.pathname, 'https://x.com/i/oauth2/authorize')
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256')
    assert.deepEqual(url.searchParams.get('scope')!.split(' ').sort(), [
      'media.write',
      'offline.access',
      'tweet.read',
      'tweet.write',
      'users.read',
    ])
  })

  test('refresh keeps the rotated refresh token; the old one is dead', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    assert.isAbove(account.token.expiresAt!, Date.now() + 7000_000)
    const first = await x.auth.refresh!(account)
    if (first.status !== 'ok') return assert.fail(JSON.stringify(first))
    assert.notEqual(first.value.refreshToken, account.token.refreshToken)
    assert.isTrue(fake.isRefreshTokenValid(first.value.refreshToken!))
    assert.isFalse(fake.isRefreshTokenValid(account.token.refreshToken!))
    assert.equal(
      (await x.auth.refresh!(account)).status,
      'unauthorized',
      'reusing a spent refresh token means reconnect'
    )
    assert.equal((await x.auth.refresh!({ ...account, token: first.value })).status, 'ok')
  })

  test('revoke kills the refresh token too', async ({ assert, cleanup }) => {
    const { fake, account } = await connectedFake()
    cleanup(() => fake.close())
    assert.equal((await x.auth.revoke!(account)).status, 'ok')
    assert.isFalse(fake.isRefreshTokenValid(account.token.refreshToken!))
  })
})
