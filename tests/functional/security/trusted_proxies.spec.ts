import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import AccessLog from '#models/access_log'
import { trustedProxies } from '#services/trusted_proxies'
import { loginPerIp } from '#start/limiter'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

const FORGED = '203.0.113.9'

/** The access log is written after the response: wait for the row rather than racing it. */
async function accessLogOf(userId: number) {
  for (let i = 0; i < 100; i++) {
    const row = await AccessLog.query().where('user_id', userId).first()
    if (row) return row
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error('no access log row')
}

test.group('Security / X-Forwarded-For counts only from trusted proxies', (group) => {
  withCleanState(group)

  const http = app.config.get<{ trustProxy: unknown }>('app.http')
  const configured = http.trustProxy
  group.each.teardown(() => {
    http.trustProxy = configured
  })

  test('by default a forged X-Forwarded-For does not change the IP in the access log', async ({
    client,
    assert,
  }) => {
    const user = await makeUser()
    const workspace = await makeWorkspace(user)
    await client
      .get(`/w/${workspace.slug}/members`)
      .loginAs(user)
      .withInertia()
      .header('x-forwarded-for', FORGED)
    const row = await accessLogOf(user.id)
    assert.notEqual(row.ip, FORGED)
    assert.match(row.ip!, /127\.0\.0\.1|::1/)
  })

  test('by default one client cannot dodge the per-IP login limit by forging a new IP each time', async ({
    client,
    assert,
  }) => {
    const attempt = (i: number) =>
      client
        .post('/login')
        .withCsrfToken()
        .header('x-forwarded-for', `198.51.100.${i}`)
        .form({ email: `nobody${i}@example.com`, password: 'wrong password' })
        .redirects(0)
    for (let i = 1; i <= loginPerIp.requests; i++) await attempt(i)
    const blocked = await attempt(loginPerIp.requests + 1)
    assert.match(String(blocked.flashMessage('error')), /too many|locked|minute/i)
    assert.isNull(await loginPerIp.get(`login:ip:198.51.100.1`), 'a forged IP got its own counter')
  })

  test('behind a trusted proxy, its X-Forwarded-For gives the client IP', async ({
    client,
    assert,
  }) => {
    http.trustProxy = trustedProxies('127.0.0.1/8, ::1')
    const user = await makeUser()
    const workspace = await makeWorkspace(user)
    await client
      .get(`/w/${workspace.slug}/members`)
      .loginAs(user)
      .withInertia()
      .header('x-forwarded-for', FORGED)
    assert.equal((await accessLogOf(user.id)).ip, FORGED)
  })

  test('TRUSTED_PROXIES: empty trusts nobody, a list trusts its members only, garbage fails at boot', ({
    assert,
  }) => {
    assert.isFalse(trustedProxies(undefined)('127.0.0.1', 0))
    assert.isFalse(trustedProxies('')('10.0.0.1', 0))
    const trust = trustedProxies(' 10.0.0.0/8 , 192.0.2.7 ')
    assert.isTrue(trust('10.1.2.3', 0))
    assert.isTrue(trust('192.0.2.7', 0))
    assert.isFalse(trust('192.0.2.8', 0))
    assert.throws(() => trustedProxies('10.0.0.0/99'), /TRUSTED_PROXIES/)
  })
})
