import { test } from '@japa/runner'
import { HttpClient } from '#sdk/http'
import {
  authorizationUrl,
  connectOneAccount,
  exchangeCodeForTokens,
  pkceParams,
  refreshThenAccess,
  refreshTokens,
  revokeTokens,
  tokenRequest,
  toTokenSet,
  type TokenEndpoint,
} from '#sdk/oauth2'
import type { AccountContext, PluginContext } from '#sdk/contract'
import { FakeServer, type FakeReply } from '#sdk/testing/fake_server'

const settings = { urls: {}, clientId: 'app-id', clientSecret: 'app-secret' }

/** A real token endpoint whose answers each test chooses; every request is logged by the FakeServer. */
async function tokenServer(
  reply: FakeReply | ((body: Record<string, any>) => FakeReply) = { json: { access_token: 'at-1' } }
) {
  const server = new FakeServer()
  server.route('POST', '/token', (request) =>
    typeof reply === 'function' ? reply(request.body) : reply
  )
  server.route('POST', '/revoke', (request) =>
    request.body.token === 'broken' ? { status: 503, json: { error: 'down' } } : { json: {} }
  )
  await server.start()
  const ctx: PluginContext = { settings, http: new HttpClient({ baseUrl: server.baseUrl }) }
  const endpoint = (extra: Partial<TokenEndpoint> = {}): TokenEndpoint => ({
    http: ctx.http,
    url: '/token',
    clientAuth: 'body',
    ...extra,
  })
  return { server, ctx, endpoint }
}

function accountCtx(ctx: PluginContext, token: AccountContext['token']): AccountContext {
  return { ...ctx, account: { externalId: '1', handle: 'me', displayName: 'Me' }, token }
}

test.group('SDK OAuth 2 helpers: authorization URL', () => {
  test('keeps the base path, sets the parameters and leaves out absent ones', ({ assert }) => {
    const url = new URL(
      authorizationUrl('https://net.example/oauth/authorize?old=1', {
        client_id: 'app-id',
        scope: 'a b',
        state: 's',
        prompt: undefined,
        extra: null,
      })
    )
    assert.equal(url.origin + url.pathname, 'https://net.example/oauth/authorize')
    assert.deepEqual(
      [...url.searchParams],
      [
        ['client_id', 'app-id'],
        ['scope', 'a b'],
        ['state', 's'],
      ]
    )
  })

  test('PKCE parameters only when the app sent a challenge', ({ assert }) => {
    assert.deepEqual(pkceParams('abc'), { code_challenge: 'abc', code_challenge_method: 'S256' })
    assert.deepEqual(pkceParams(undefined), {})
  })
})

test.group('SDK OAuth 2 helpers: token requests', () => {
  test('client authentication: basic header, body fields, public client id, renamed id field', async ({
    assert,
    cleanup,
  }) => {
    const { server, ctx, endpoint } = await tokenServer()
    cleanup(() => server.close())
    const grant = { refreshToken: 'rt' }
    await tokenRequest(ctx, endpoint({ clientAuth: 'basic' }), grant)
    await tokenRequest(ctx, endpoint({ clientAuth: 'body' }), grant)
    await tokenRequest(ctx, endpoint({ clientAuth: 'public' }), grant)
    await tokenRequest(
      ctx,
      endpoint({
        clientAuth: 'body',
        clientIdField: 'client_key',
        headers: { 'cache-control': 'no-cache' },
      }),
      grant
    )
    const [basic, body, publicClient, renamed] = server.requests
    assert.equal(
      basic.headers.authorization,
      `Basic ${Buffer.from('app-id:app-secret').toString('base64')}`
    )
    assert.deepEqual(basic.body, { grant_type: 'refresh_token', refresh_token: 'rt' })
    assert.isUndefined(body.headers.authorization)
    assert.deepEqual(body.body, {
      grant_type: 'refresh_token',
      refresh_token: 'rt',
      client_id: 'app-id',
      client_secret: 'app-secret',
    })
    assert.deepEqual(publicClient.body, {
      grant_type: 'refresh_token',
      refresh_token: 'rt',
      client_id: 'app-id',
    })
    assert.equal(renamed.body.client_key, 'app-id')
    assert.notProperty(renamed.body, 'client_id')
    assert.equal(renamed.headers['cache-control'], 'no-cache')
    assert.include(renamed.headers['content-type'], 'application/x-www-form-urlencoded')
  })

  test("the code grant carries the PKCE verifier only when there is one, plus the endpoint's own fields", async ({
    assert,
    cleanup,
  }) => {
    const { server, ctx, endpoint } = await tokenServer()
    cleanup(() => server.close())
    await tokenRequest(
      ctx,
      endpoint({ clientAuth: 'none', form: { continuous_refresh: 'true' } }),
      { code: 'c', redirectUri: 'https://app/cb' }
    )
    await tokenRequest(ctx, endpoint({ clientAuth: 'none' }), {
      code: 'c',
      redirectUri: 'https://app/cb',
      codeVerifier: 'v',
    })
    assert.deepEqual(server.requests[0].body, {
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'https://app/cb',
      continuous_refresh: 'true',
    })
    assert.equal(server.requests[1].body.code_verifier, 'v')
  })

  test('errors in the body: HTTP 200 with an error and any 4xx are unauthorized; a 5xx stays a retryable error', async ({
    assert,
    cleanup,
  }) => {
    const answers: FakeReply[] = [
      { json: { error: 'invalid_grant', error_description: 'spent' } },
      { status: 400, json: { error: 'invalid_grant' } },
      { status: 503, json: { error: 'busy' } },
      { json: { access_token: 'at-2' } },
    ]
    const { server, ctx, endpoint } = await tokenServer(() => answers.shift()!)
    cleanup(() => server.close())
    const strict = endpoint({ errorsInBody: true })
    assert.deepInclude(await tokenRequest(ctx, strict, { refreshToken: 'rt' }), {
      status: 'unauthorized',
      reason: 'token refused: invalid_grant spent',
    })
    assert.equal((await tokenRequest(ctx, strict, { refreshToken: 'rt' })).status, 'unauthorized')
    assert.deepInclude(await tokenRequest(ctx, strict, { refreshToken: 'rt' }), {
      status: 'error',
      retryable: true,
    })
    assert.deepEqual(await tokenRequest(ctx, strict, { refreshToken: 'rt' }), {
      status: 'ok',
      value: { access_token: 'at-2' },
    })
  })

  test("without errorsInBody a 400 stays a final error with the network's error name", async ({
    assert,
    cleanup,
  }) => {
    const { server, ctx, endpoint } = await tokenServer({
      status: 400,
      json: { error: 'invalid_grant' },
    })
    cleanup(() => server.close())
    assert.deepInclude(await tokenRequest(ctx, endpoint(), { refreshToken: 'rt' }), {
      status: 'error',
      retryable: false,
      httpStatus: 400,
      networkError: 'invalid_grant',
    })
  })
})

test.group('SDK OAuth 2 helpers: token sets', () => {
  test('expires_in becomes an instant; scopes split on spaces or commas', ({ assert }) => {
    // The clock is read just before and just after: exact bounds, however slow the machine.
    const before = Date.now()
    const set = toTokenSet({
      access_token: 'at',
      expires_in: 3600,
      refresh_token: 'rt',
      scope: 'a b,c',
    })
    const after = Date.now()
    assert.equal(set.accessToken, 'at')
    assert.equal(set.refreshToken, 'rt')
    assert.isAtLeast(set.expiresAt!, before + 3_600_000)
    assert.isAtMost(set.expiresAt!, after + 3_600_000)
    assert.deepEqual(set.scopes, ['a', 'b', 'c'])
    assert.isNull(toTokenSet({ access_token: 'at' }).expiresAt)
  })

  test('what the answer leaves out is kept from the previous token, then the defaults', ({
    assert,
  }) => {
    const previous = { accessToken: 'old', refreshToken: 'kept', scopes: ['x'] }
    assert.deepInclude(toTokenSet({ access_token: 'at' }, previous, ['d']), {
      refreshToken: 'kept',
      scopes: ['x'],
    })
    // A rotating network sends a new refresh token: the spent one must not be kept.
    assert.equal(
      toTokenSet({ access_token: 'at', refresh_token: 'new' }, previous).refreshToken,
      'new'
    )
    assert.deepInclude(toTokenSet({ access_token: 'at', scope: '' }, undefined, ['d']), {
      refreshToken: null,
      scopes: ['d'],
    })
  })

  test("exchanging a code gives a TokenSet, through a network's own builder when it has one", async ({
    assert,
    cleanup,
  }) => {
    const { server, ctx, endpoint } = await tokenServer({
      json: { access_token: 'at', refresh_token: 'rt', expires_in: 60, open_id: 'u1' },
    })
    cleanup(() => server.close())
    const plain = await exchangeCodeForTokens(ctx, endpoint({ defaultScopes: ['d'] }), {
      code: 'c',
      redirectUri: 'https://app/cb',
    })
    assert.deepInclude(plain.status === 'ok' ? plain.value : {}, {
      accessToken: 'at',
      refreshToken: 'rt',
      scopes: ['d'],
    })
    const custom = await exchangeCodeForTokens(
      ctx,
      endpoint({ tokenSet: (body) => ({ ...toTokenSet(body), extra: { openId: body.open_id } }) }),
      {
        code: 'c',
        redirectUri: 'https://app/cb',
      }
    )
    assert.deepEqual(custom.status === 'ok' ? custom.value.extra : null, { openId: 'u1' })
  })
})

test.group('SDK OAuth 2 helpers: connecting one account', () => {
  test('the profile is asked for with the new access token; a token or profile failure is the result', async ({
    assert,
    cleanup,
  }) => {
    const answers: FakeReply[] = [
      { json: { access_token: 'at', expires_in: 60 } },
      { status: 401, json: { error: 'invalid_client' } },
    ]
    const { server, ctx, endpoint } = await tokenServer(() => answers.shift()!)
    cleanup(() => server.close())
    const seen: string[] = []
    const profileOf = async (accessToken: string) => {
      seen.push(accessToken)
      return { status: 'ok' as const, value: { externalId: '7', handle: 'me', displayName: 'Me' } }
    }
    const grant = { code: 'c', redirectUri: 'https://app/cb' }
    const connected = await connectOneAccount(ctx, endpoint(), grant, profileOf)
    assert.deepEqual(seen, ['at'])
    assert.deepEqual(
      connected.status === 'ok'
        ? connected.value.map((c) => [c.profile.externalId, c.token.accessToken])
        : null,
      [['7', 'at']]
    )
    assert.equal(
      (await connectOneAccount(ctx, endpoint(), grant, profileOf)).status,
      'unauthorized'
    )
    assert.lengthOf(seen, 1)
  })
})

test.group('SDK OAuth 2 helpers: refresh and revoke', () => {
  test('refresh: no refresh token or a 400 means reconnect; otherwise the held refresh token is kept', async ({
    assert,
    cleanup,
  }) => {
    const { server, ctx, endpoint } = await tokenServer((body) =>
      body.refresh_token === 'dead'
        ? { status: 400, json: { error: 'invalid_grant', error_description: 'revoked' } }
        : { json: { access_token: 'fresh', expires_in: 7200 } }
    )
    cleanup(() => server.close())
    assert.deepEqual(
      await refreshTokens(accountCtx(ctx, { accessToken: 'a' }), endpoint(), 'reconnect please'),
      { status: 'unauthorized', reason: 'reconnect please' }
    )
    assert.lengthOf(server.requests, 0)
    const refused = await refreshTokens(
      accountCtx(ctx, { accessToken: 'a', refreshToken: 'dead' }),
      endpoint(),
      ''
    )
    assert.equal(refused.status, 'unauthorized')
    assert.match(
      refused.status === 'unauthorized' ? refused.reason : '',
      /^refresh refused: .*revoked/
    )
    const renewed = await refreshTokens(
      accountCtx(ctx, { accessToken: 'a', refreshToken: 'good', scopes: ['s'] }),
      endpoint(),
      ''
    )
    assert.deepInclude(renewed.status === 'ok' ? renewed.value : {}, {
      accessToken: 'fresh',
      refreshToken: 'good',
      scopes: ['s'],
    })
  })

  test('revoke: refresh token first with its hint, then the access token; stops at the first failure', async ({
    assert,
    cleanup,
  }) => {
    const { server, ctx } = await tokenServer()
    cleanup(() => server.close())
    const revoke = { http: ctx.http, url: '/revoke', clientAuth: 'basic' as const }
    assert.deepEqual(
      await revokeTokens(ctx, revoke, refreshThenAccess({ accessToken: 'at', refreshToken: 'rt' })),
      { status: 'ok', value: undefined }
    )
    assert.deepEqual(
      server.requests.map((request) => request.body),
      [
        { token: 'rt', token_type_hint: 'refresh_token' },
        { token: 'at', token_type_hint: 'access_token' },
      ]
    )
    assert.deepEqual(refreshThenAccess({ accessToken: 'at' }), [
      { token: 'at', hint: 'access_token' },
    ])
    const failed = await revokeTokens(ctx, revoke, [{ token: 'broken' }, { token: 'never-sent' }])
    assert.deepInclude(failed, { status: 'error', retryable: true })
    assert.notInclude(
      server.requests.map((request) => request.body.token),
      'never-sent'
    )
  })
})
