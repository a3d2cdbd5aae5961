import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import redis from '@adonisjs/redis/services/main'
import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import { defineConfig, stores } from '@adonisjs/session'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { makeToken } from '#tests/functional/api/_fixtures'

const CALLS = 20

/** Keys in the test's Redis database whose value is a session the Redis store wrote. */
async function sessionKeys() {
  const keys = await redis.keys('*')
  const sessions: string[] = []
  for (const key of keys) {
    if ((await redis.type(key)) !== 'string') continue
    const contents = await redis.get(key)
    if (contents && new MessageBuilder().verify(contents, key) !== null) sessions.push(key)
  }
  return sessions
}

test.group('Security / API and health routes are stateless', (group) => {
  withCleanState(group)

  // The tests run with the memory session store; production's default is Redis, where
  // every stray session is a 7-day key. Run the real Redis store for these requests.
  group.each.setup(async () => {
    const config = await configProvider.resolve<any>(
      app,
      defineConfig({
        enabled: true,
        cookieName: 'pistache-session',
        clearWithBrowser: false,
        age: '7d',
        cookie: { path: '/', httpOnly: true, sameSite: 'lax' },
        store: 'redis',
        stores: { redis: stores.redis({ connection: 'main' }) },
      })
    )
    app.container.swap(SessionMiddleware, () => new SessionMiddleware(config, emitter))
    return () => app.container.restore(SessionMiddleware)
  })

  test('N bearer-token API calls and N health probes: no Set-Cookie, no new session in Redis', async ({
    client,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner)
    const { secret } = await makeToken(workspace, owner)
    const before = await sessionKeys()

    for (let i = 0; i < CALLS; i++) {
      const api = await client.get('/api/v1/posts').header('authorization', `Bearer ${secret}`)
      api.assertStatus(200)
      assert.isUndefined(api.header('set-cookie'), 'an API call set a cookie')
      const refused = await client.post('/api/v1/posts').json({})
      refused.assertStatus(401)
      assert.isUndefined(refused.header('set-cookie'), 'a refused API call set a cookie')
      const health = await client.get('/health')
      assert.oneOf(health.status(), [200, 503])
      assert.isUndefined(health.header('set-cookie'), 'a health probe set a cookie')
    }
    assert.deepEqual(await sessionKeys(), before)
  })

  test('a browser page still gets its session (control: the Redis store is really in use)', async ({
    client,
    assert,
  }) => {
    const before = await sessionKeys()
    const page = await client.get('/login').withInertia()
    page.assertStatus(200)
    assert.match(String(page.header('set-cookie')), /pistache-session=/)
    const after = await sessionKeys()
    assert.lengthOf(after, before.length + 1)
    // The Redis store names sessions by id alone (no prefix): remove the one this test made, so
    // the guarded reset of the next group does not take it for another process's data.
    const created = after.filter((key) => !before.includes(key))
    if (created.length) await redis.del(...created)
  })
})
