import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post from '#models/post'
import ApiToken from '#models/api_token'
import IdempotencyKey from '#models/idempotency_key'
import SocialAccount from '#models/social_account'
import { apiSettings } from '#services/api/settings'
import { createPost } from '#actions/posts/create_post'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { ApiContract } from './_openapi.js'
import { makeToken } from './_fixtures.js'

async function world() {
  const owner = await makeUser()
  const workspace = await makeWorkspace(owner)
  const account = await SocialAccount.create({
    workspaceId: workspace.id,
    network: 'mastodon',
    externalId: '1',
    handle: '@bakery@mastodon.example',
    displayName: 'Bakery',
    status: 'connected',
    connectedAt: DateTime.now(),
  })
  return { owner, workspace, account }
}

const postBody = (accountId: number, body = 'Croissants at 8') => ({
  body,
  targets: [{ accountId }],
})

test.group('API / authentication, scopes, errors, limits', (group) => {
  withCleanState(group)
  const api = new ApiContract()
  group.each.teardown(() => {
    apiSettings.requestsPerMinute = 300
  })

  test('no token, a malformed one, a revoked or an expired one: 401 in the error shape', async ({
    client,
    assert,
  }) => {
    const { owner, workspace } = await world()
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/posts' })).body.error.code,
      'unauthenticated'
    )
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/posts', token: 'pp_nope' })).status,
      401
    )
    const { token, secret } = await makeToken(workspace, owner)
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/posts', token: secret })).status,
      200
    )
    await token.merge({ revokedAt: DateTime.utc() }).save()
    const revoked = await api.call(client, { method: 'get', path: '/api/v1/posts', token: secret })
    assert.equal(revoked.status, 401)
    assert.equal(revoked.headers['www-authenticate'], 'Bearer realm="api"')
    const expiring = await makeToken(workspace, owner)
    await expiring.token.merge({ expiresAt: DateTime.utc().minus({ minutes: 1 }) }).save()
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/posts', token: expiring.secret }))
        .status,
      401
    )
  })

  test('tokens are stored hashed; the creator leaving the workspace disables the token', async ({
    client,
    assert,
  }) => {
    const { workspace } = await world()
    const { user: admin, member } = await addMember(workspace, 'admin')
    const { secret } = await makeToken(workspace, admin)
    const row = await ApiToken.firstOrFail()
    assert.notInclude(JSON.stringify(row.$attributes), secret.slice(12))
    assert.equal(row.prefix, secret.slice(0, 10))
    await member.delete()
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/accounts', token: secret })).status,
      401
    )
  })

  test('a read token reads but cannot write', async ({ client, assert }) => {
    const { owner, workspace, account } = await world()
    const { secret } = await makeToken(workspace, owner, 'read')
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/accounts', token: secret })).status,
      200
    )
    const refused = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      body: postBody(account.id),
    })
    assert.equal(refused.status, 403)
    assert.equal(refused.body.error.code, 'insufficient_scope')
    assert.lengthOf(await Post.all(), 0)
  })

  test('another workspace’s post, account or media is a 404, and nothing changes', async ({
    client,
    assert,
  }) => {
    const own = await world()
    const foreign = await world()
    const { post } = (await createPost({
      workspace: foreign.workspace,
      author: foreign.owner,
      body: 'Foreign secret launch',
      targets: [{ socialAccountId: foreign.account.id }],
    })) as any
    const { secret } = await makeToken(own.workspace, own.owner)
    for (const call of [
      { method: 'get', path: `/api/v1/posts/${post.id}` },
      { method: 'put', path: `/api/v1/posts/${post.id}`, body: postBody(own.account.id, 'hijack') },
      { method: 'delete', path: `/api/v1/posts/${post.id}` },
      {
        method: 'post',
        path: `/api/v1/posts/${post.id}/schedule`,
        body: { at: DateTime.utc().plus({ hours: 1 }).toISO() },
      },
      { method: 'post', path: `/api/v1/posts/${post.id}/publish-now` },
      { method: 'get', path: `/api/v1/posts/${post.id}/metrics` },
      { method: 'get', path: `/api/v1/media/999999` },
    ] as const) {
      const response = await api.call(client, { ...call, token: secret } as any)
      assert.equal(response.status, 404, `${call.method} ${call.path}`)
      assert.equal(response.body.error.code, 'not_found')
    }
    const refused = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      body: postBody(foreign.account.id),
    })
    assert.equal(refused.status, 422)
    assert.deepEqual(refused.body.error.details, { accountIds: [foreign.account.id] })
    const list = await api.call(client, { method: 'get', path: '/api/v1/posts', token: secret })
    assert.deepEqual(list.body.data, [])
    await post.refresh()
    assert.equal(post.body, 'Foreign secret launch')
    assert.equal(post.status, 'draft')
  })

  test('Idempotency-Key: same request → same answer once; another body → 409', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, account } = await world()
    const { secret } = await makeToken(workspace, owner)
    const headers = { 'Idempotency-Key': 'order-42' }
    const first = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      headers,
      body: postBody(account.id),
    })
    const again = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      headers,
      body: postBody(account.id),
    })
    assert.equal(first.status, 201)
    assert.equal(again.status, 201)
    assert.deepEqual(again.body, first.body)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.lengthOf(await Post.all(), 1)
    const other = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      headers,
      body: postBody(account.id, 'Something else'),
    })
    assert.equal(other.status, 409)
    assert.equal(other.body.error.code, 'idempotency_key_reused')
    assert.lengthOf(await Post.all(), 1)
    // Keys are per token: another token may use the same key for its own request.
    const second = await makeToken(workspace, owner)
    assert.equal(
      (
        await api.call(client, {
          method: 'post',
          path: '/api/v1/posts',
          token: second.secret,
          headers,
          body: postBody(account.id, 'Something else'),
        })
      ).status,
      201
    )
    assert.equal((await IdempotencyKey.all()).length, 2)
  })

  test('rate limit per token: 429 with Retry-After in the documented shape; other tokens unaffected', async ({
    client,
    assert,
  }) => {
    const { owner, workspace } = await world()
    apiSettings.requestsPerMinute = 3
    const { secret } = await makeToken(workspace, owner)
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await api.call(client, { method: 'get', path: '/api/v1/accounts', token: secret })).status,
        200
      )
    const limited = await api.call(client, {
      method: 'get',
      path: '/api/v1/accounts',
      token: secret,
    })
    assert.equal(limited.status, 429)
    assert.equal(limited.body.error.code, 'rate_limited')
    assert.isAbove(Number(limited.headers['retry-after']), 0)
    const other = await makeToken(workspace, owner)
    assert.equal(
      (await api.call(client, { method: 'get', path: '/api/v1/accounts', token: other.secret }))
        .status,
      200
    )
  })

  test('validation (422), state conflicts (409), unknown endpoints (404 JSON)', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, account } = await world()
    const { secret } = await makeToken(workspace, owner)
    const invalid = await client
      .post('/api/v1/posts')
      .header('Authorization', `Bearer ${secret}`)
      .json({ body: 'x', targets: [] })
    assert.equal(invalid.status(), 422)
    assert.equal(invalid.body().error.code, 'validation_failed')
    assert.property(invalid.body().error, 'details')

    const created = await api.call(client, {
      method: 'post',
      path: '/api/v1/posts',
      token: secret,
      body: postBody(account.id),
    })
    const past = await api.call(client, {
      method: 'post',
      path: `/api/v1/posts/${created.body.data.id}/schedule`,
      token: secret,
      body: { at: '2020-01-01T09:00:00Z' },
    })
    assert.equal(past.status, 422)
    const noSlots = await api.call(client, {
      method: 'post',
      path: `/api/v1/posts/${created.body.data.id}/schedule`,
      token: secret,
      body: { queue: true },
    })
    assert.equal(noSlots.status, 409)
    await Post.query().where('id', created.body.data.id).update({ status: 'published' })
    const locked = await api.call(client, {
      method: 'put',
      path: `/api/v1/posts/${created.body.data.id}`,
      token: secret,
      body: postBody(account.id, 'late edit'),
    })
    assert.equal(locked.status, 409)
    assert.equal(locked.body.error.code, 'conflict')

    const missing = await client
      .get('/api/v1/nothing-here')
      .header('Authorization', `Bearer ${secret}`)
    assert.equal(missing.status(), 404)
    assert.equal(missing.body().error.code, 'not_found')
  })

  test('list: cursor pagination and filters by status, account and date range', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, account } = await world()
    const other = await SocialAccount.create({
      workspaceId: workspace.id,
      network: 'mastodon',
      externalId: '2',
      handle: '@cafe@mastodon.example',
      displayName: 'Cafe',
      status: 'connected',
      connectedAt: DateTime.now(),
    })
    const { secret } = await makeToken(workspace, owner)
    for (let i = 0; i < 5; i++)
      await api.call(client, {
        method: 'post',
        path: '/api/v1/posts',
        token: secret,
        body: postBody(i < 3 ? account.id : other.id, `Post ${i}`),
      })
    const soon = DateTime.utc().plus({ days: 2 })
    const ids = (await Post.query().orderBy('id')).map((post) => post.id)
    await Post.query()
      .where('id', ids[0])
      .update({ status: 'scheduled', scheduled_at: soon.toFormat('yyyy-MM-dd HH:mm:ss') })

    const page1 = await api.call(client, {
      method: 'get',
      path: '/api/v1/posts',
      token: secret,
      query: { limit: 2 },
    })
    assert.deepEqual(
      page1.body.data.map((p: any) => p.body),
      ['Post 4', 'Post 3']
    )
    const page2 = await api.call(client, {
      method: 'get',
      path: '/api/v1/posts',
      token: secret,
      query: { limit: 2, cursor: page1.body.nextCursor },
    })
    assert.deepEqual(
      page2.body.data.map((p: any) => p.body),
      ['Post 2', 'Post 1']
    )
    const page3 = await api.call(client, {
      method: 'get',
      path: '/api/v1/posts',
      token: secret,
      query: { limit: 2, cursor: page2.body.nextCursor },
    })
    assert.deepEqual(
      page3.body.data.map((p: any) => p.body),
      ['Post 0']
    )
    assert.isNull(page3.body.nextCursor)

    const byAccount = await api.call(client, {
      method: 'get',
      path: '/api/v1/posts',
      token: secret,
      query: { account: other.id },
    })
    assert.deepEqual(
      byAccount.body.data.map((p: any) => p.body),
      ['Post 4', 'Post 3']
    )
    const byStatus = await api.call(client, {
      method: 'get',
      path: '/api/v1/posts',
      token: secret,
      query: { status: 'scheduled' },
    })
    assert.deepEqual(
      byStatus.body.data.map((p: any) => p.body),
      ['Post 0']
    )
    const inRange = await api.call(client, {
      method: 'get',
      path: '/api/v1/posts',
      token: secret,
      query: { from: soon.minus({ hours: 1 }).toISO()!, to: soon.plus({ hours: 1 }).toISO()! },
    })
    assert.deepEqual(
      inRange.body.data.map((p: any) => p.body),
      ['Post 0']
    )
  })

  test('accounts with health, next free slot, metrics, and the OpenAPI document itself', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, account } = await world()
    await SocialAccount.query()
      .where('id', account.id)
      .update({ status: 'needs_reconnection', last_error: 'token revoked' })
    const { secret } = await makeToken(workspace, owner, 'read')
    const accounts = await api.call(client, {
      method: 'get',
      path: '/api/v1/accounts',
      token: secret,
    })
    assert.deepEqual(accounts.body.data[0].health, {
      canPublish: false,
      lastError: 'token revoked',
      tokenExpiresAt: null,
    })
    assert.notProperty(accounts.body.data[0], 'tokenCiphertext')
    const slot = await api.call(client, {
      method: 'get',
      path: '/api/v1/queue/next-slot',
      token: secret,
    })
    assert.deepEqual(slot.body.data, { status: 'no_slots', at: null, timezone: 'Europe/Paris' })
    const { post } = (await createPost({
      workspace,
      author: owner,
      body: 'x',
      targets: [{ socialAccountId: account.id }],
    })) as any
    const metrics = await api.call(client, {
      method: 'get',
      path: `/api/v1/posts/${post.id}/metrics`,
      token: secret,
    })
    assert.isTrue(metrics.body.data.available)
    assert.lengthOf(metrics.body.data.deliveries, 1)

    const doc = await client.get('/api/v1/openapi.json')
    assert.equal(doc.status(), 200)
    assert.equal(doc.body().openapi, '3.1.0')
    assert.containsSubset(Object.keys(doc.body().paths), [
      '/posts',
      '/posts/{post}',
      '/accounts',
      '/media',
      '/queue/next-slot',
    ])
  })

  test('every /api/v1 route is documented, and every documented operation exists', async ({
    assert,
  }) => {
    const router = (await import('@adonisjs/core/services/router')).default
    const routes = Object.values(router.toJSON())
      .flat()
      .filter(
        (route) =>
          route.pattern.startsWith('/api/v1/') &&
          !route.pattern.includes('*') &&
          route.pattern !== '/api/v1/openapi.json'
      )
    const fromRouter = routes.flatMap((route) =>
      route.methods
        .filter((m) => m !== 'HEAD')
        .map(
          (m) =>
            `${m.toLowerCase()} ${route.pattern.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}')}`
        )
    )
    const documented = Object.entries<any>(api.document.paths).flatMap(([path, item]) =>
      ['get', 'post', 'put', 'delete', 'patch'].filter((m) => item[m]).map((m) => `${m} ${path}`)
    )
    assert.sameMembers(fromRouter, documented)
  })
})
