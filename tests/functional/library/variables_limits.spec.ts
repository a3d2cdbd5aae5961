import { test } from '@japa/runner'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { createPost } from '#actions/posts/create_post'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk, posts } from '#tests/functional/posts/_fixtures'
import { libraryItem } from './_items.js'

/** The composer's live check, as the browser sends it. */
function check(client: any, workspace: Workspace, user: User, body: object) {
  return client
    .post(`${posts(workspace)}/check`)
    .loginAs(user)
    .withCsrfToken()
    .header('accept', 'application/json')
    .json(body)
    .redirects(0)
}

const issuesOf = (response: any): Record<number, unknown[]> =>
  Object.fromEntries(
    (response.body().checks as any[]).map((entry) => [entry.socialAccountId, entry.issues])
  )

/** 270 characters, 10 short of X's 280. */
const NEARLY_FULL = 'Croissants! '.repeat(22) + 'Pain a'

test.group('Content library / limits are measured with the variables filled in', (group) => {
  withCleanState(group)

  test('the live check counts the text as sent: {{client}} and a custom variable take their values’ length', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    await desk.workspace.merge({ name: 'Boulangerie Dupont' }).save()
    await libraryItem(desk.workspace.id, 'variable', 'promo', 'p'.repeat(200))
    assert.lengthOf(NEARLY_FULL, 270)

    // As written, 280 on X: it fits. As sent, the workspace's 18-character name makes it 288.
    const named = await check(client, desk.workspace, desk.owner, {
      body: `${NEARLY_FULL}{{client}}`,
      targets: [{ socialAccountId: desk.x.id }, { socialAccountId: desk.mastodon.id }],
    })
    named.assertStatus(200)
    assert.deepEqual(issuesOf(named)[desk.x.id], [
      { code: 'text_too_long', params: { length: 288, limit: 280 } },
    ])
    assert.deepEqual(issuesOf(named)[desk.mastodon.id], [])

    // 19 characters as written, 401 as sent: over X's 280 and Bluesky's 300, within Mastodon's 500.
    const custom = await check(client, desk.workspace, desk.owner, {
      body: '{{promo}} {{promo}}',
      targets: [
        { socialAccountId: desk.x.id },
        { socialAccountId: desk.bluesky.id },
        { socialAccountId: desk.mastodon.id },
      ],
    })
    const issues = issuesOf(custom)
    assert.deepEqual(issues[desk.x.id], [
      { code: 'text_too_long', params: { length: 401, limit: 280 } },
    ])
    assert.deepEqual(issues[desk.bluesky.id], [
      { code: 'text_too_long', params: { length: 401, limit: 300 } },
    ])
    assert.deepEqual(issues[desk.mastodon.id], [])
  })

  test('each part sent with the live check is checked server side, after expansion, per network', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    await libraryItem(desk.workspace.id, 'variable', 'promo', 'p'.repeat(150))
    const response = await check(client, desk.workspace, desk.owner, {
      body: 'Fresh bread today',
      targets: [{ socialAccountId: desk.x.id }, { socialAccountId: desk.bluesky.id }],
      parts: [
        { kind: 'thread', text: 'Part two' },
        // 19 characters as written, 301 as sent: over both networks' per-post limits.
        { kind: 'thread', text: '{{promo}}{{promo}}.' },
      ],
    })
    response.assertStatus(200)
    const issues = issuesOf(response)
    assert.deepEqual(issues[desk.x.id], [
      { code: 'text_too_long', params: { length: 301, limit: 280 }, part: 2 },
    ])
    assert.deepEqual(issues[desk.bluesky.id], [
      { code: 'text_too_long', params: { length: 301, limit: 300 }, part: 2 },
    ])

    // Without the variable the same part fits: it is the expansion that is measured.
    const plain = await check(client, desk.workspace, desk.owner, {
      body: 'Fresh bread today',
      targets: [{ socialAccountId: desk.x.id }],
      parts: [{ kind: 'thread', text: '{{nope}}{{nope}}.' }],
    })
    assert.deepEqual(issuesOf(plain)[desk.x.id], [])
  })

  test('saving measures the same way: the checks a new post comes back with see the account’s name filled in', async ({
    assert,
  }) => {
    const desk = await makeDesk()
    // 20 characters for {{account}} (11 as written): 270 + 20 = 290 on X, 281 on Bluesky.
    await desk.x.merge({ displayName: 'Maison Dupont, Paris' }).save()
    const result = await createPost({
      workspace: desk.workspace,
      author: desk.owner,
      body: `${NEARLY_FULL}{{account}}`,
      targets: [{ socialAccountId: desk.x.id }, { socialAccountId: desk.bluesky.id }],
      media: [],
      parts: [{ kind: 'first_comment', text: '{{account}}' }],
    })
    assert.equal(result.status, 'created')
    if (result.status !== 'created') return
    const byAccount = new Map(result.checks.map((entry) => [entry.socialAccountId, entry.issues]))
    assert.deepEqual(byAccount.get(desk.x.id), [
      { code: 'text_too_long', params: { length: 290, limit: 280 } },
    ])
    assert.deepEqual(byAccount.get(desk.bluesky.id), [])
  })
})
