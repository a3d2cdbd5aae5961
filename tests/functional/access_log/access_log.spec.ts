import { test } from '@japa/runner'
import AccessLog from '#models/access_log'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'

/** The log is written once the response has gone out: wait for it rather than racing it. */
async function logsFor(userId: number, count: number) {
  for (let i = 0; i < 50; i++) {
    const rows = await AccessLog.query().where('user_id', userId).orderBy('id')
    if (rows.length >= count) return rows
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return AccessLog.query().where('user_id', userId).orderBy('id')
}

test.group('Access log', (group) => {
  withCleanState(group)

  test('records each request of a signed-in user with workspace, route, status and client', async ({
    client,
    assert,
  }) => {
    const user = await makeUser()
    const workspace = await makeWorkspace(user)

    await client
      .get(`/w/${workspace.slug}/members`)
      .loginAs(user)
      .withInertia()
      .header('user-agent', 'PistacheTest/1.0')
    await client.get('/w/no-such-workspace/members').loginAs(user).withInertia()

    const [ok, missing] = await logsFor(user.id, 2)
    assert.equal(ok.workspaceId, workspace.id)
    assert.equal(ok.method, 'GET')
    assert.equal(ok.route, '/w/:workspace/members')
    assert.equal(ok.path, `/w/${workspace.slug}/members`)
    assert.equal(ok.status, 200)
    assert.equal(ok.userAgent, 'PistacheTest/1.0')
    assert.isNotNull(ok.ip)
    assert.isAtLeast(ok.durationMs, 0)
    assert.equal(missing.status, 404)
    assert.isNull(missing.workspaceId)
  })

  test('guests are not logged, and query strings (codes, tokens) never reach the log', async ({
    client,
    assert,
  }) => {
    await client.get('/login')
    const user = await makeUser()
    await client
      .get('/oauth/mastodon/callback?code=secret-code&state=secret-state')
      .loginAs(user)
      .redirects(0)

    const rows = await logsFor(user.id, 1)
    assert.lengthOf(await AccessLog.query().whereNot('user_id', user.id), 0)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].path, '/oauth/mastodon/callback')
    assert.notInclude(JSON.stringify(rows[0].serialize()), 'secret-code')
  })
})
