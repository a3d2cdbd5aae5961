import { test } from '@japa/runner'
import { HttpClient } from '#sdk'
import tiktok from '../index.js'
import { connectedFake } from './helpers.js'

test.group('tiktok auth', () => {
  test('the authorization URL names the client_key and asks for exactly the six scopes, comma-separated', ({
    assert,
  }) => {
    const auth = tiktok.auth as import('#sdk').OAuth2Auth
    const url = new URL(
      auth.authorizationUrl(
        {
          settings: { urls: {}, clientId: 'ck' },
          http: new HttpClient({ baseUrl: 'https://open.tiktokapis.com' }),
        },
        { state: 's', redirectUri: 'https://app.example/cb' }
      )
    )
    assert.equal(url.origin + url.pathname, 'https://www.tiktok.com/v2/auth/authorize/')
    assert.equal(url.searchParams.get('client_key'), 'ck')
    assert.equal(
      url.searchParams.get('scope'),
      'user.info.basic,user.info.profile,user.info.stats,video.list,video.upload,video.publish'
    )
    assert.isNull(
      url.searchParams.get('code_challenge'),
      'TikTok documents PKCE for mobile and desktop apps only'
    )
  })

  test('refresh keeps the rotated refresh token; the spent one is dead', async ({
    assert,
    cleanup,
  }) => {
    const { fake, account, close } = await connectedFake()
    cleanup(close)
    const first = await tiktok.auth.refresh!(account)
    if (first.status !== 'ok') return assert.fail(JSON.stringify(first))
    assert.notEqual(first.value.refreshToken, account.token.refreshToken)
    assert.isTrue(fake.isRefreshTokenValid(first.value.refreshToken!))
    assert.isFalse(fake.isRefreshTokenValid(account.token.refreshToken!))
    assert.equal(
      (await tiktok.auth.refresh!(account)).status,
      'unauthorized',
      'a spent refresh token means reconnect'
    )
    assert.equal(first.value.extra?.openId, account.token.extra?.openId)
  })

  test('revoke ends the refresh token too', async ({ assert, cleanup }) => {
    const { fake, account, close } = await connectedFake()
    cleanup(close)
    assert.equal((await tiktok.auth.revoke!(account)).status, 'ok')
    assert.isFalse(fake.isRefreshTokenValid(account.token.refreshToken!))
  })

  test('account figures come from user.info.stats', async ({ assert, cleanup }) => {
    const { account, close } = await connectedFake()
    cleanup(close)
    assert.deepEqual(await tiktok.fetchAccountStats!(account), {
      status: 'ok',
      value: { followers: 5120, following: 12, posts: 0 },
    })
  })
})
