import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import SocialAccount from '#models/social_account'
import PostPart from '#models/post_part'
import Post from '#models/post'
import MediaAsset from '#models/media_asset'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { posts } from './_fixtures.js'

function account(workspace: Workspace, network: string) {
  return SocialAccount.create({
    workspaceId: workspace.id,
    network,
    externalId: `${network}-bakery`,
    handle: 'bakery',
    displayName: `Bakery on ${network}`,
    status: 'connected',
    meta: {},
    tokenCiphertext: 'sealed-token-never-shown',
    connectedAt: DateTime.now(),
  })
}

async function desk() {
  const owner = await makeUser()
  const workspace = await makeWorkspace(owner)
  return {
    owner,
    workspace,
    x: await account(workspace, 'x'),
    bluesky: await account(workspace, 'bluesky'),
    pinterest: await account(workspace, 'pinterest'),
    threads: await account(workspace, 'threads'),
  }
}

function send(client: any, method: 'post' | 'put', url: string, user: User, body: object) {
  return client[method](url)
    .loginAs(user)
    .withCsrfToken()
    .header('accept', 'application/json')
    .json(body)
    .redirects(0)
}

test.group('Posts: follow-ups in the composer and its checks', (group) => {
  withCleanState(group)

  test('the live check counts each part with its network’s rules and names the part', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, x, bluesky, pinterest, threads } = await desk()
    // 281 weighted characters on X (an emoji weighs 2), 280 graphemes on Bluesky.
    const long = `${'a'.repeat(279)}🥐`
    const response = await send(client, 'post', `${posts(workspace)}/check`, owner, {
      body: 'Our spring menu, a thread',
      targets: [
        { socialAccountId: x.id },
        { socialAccountId: bluesky.id },
        // Threads counts an emoji as its UTF-8 bytes: 498 + 4 = 502, over 500 (graphemes: 499).
        {
          socialAccountId: threads.id,
          parts: [{ kind: 'thread', text: `${'b'.repeat(498)}🥐` }],
        },
        // Pinterest has no thread: a list of its own is refused, the shared one is skipped.
        {
          socialAccountId: pinterest.id,
          options: { board: 'b1' },
          parts: [{ kind: 'thread', text: 'Pins do not chain' }],
        },
      ],
      parts: [
        { kind: 'thread', text: 'Part one' },
        { kind: 'thread', text: long },
      ],
    })
    response.assertStatus(200)
    const issues = Object.fromEntries(
      response.body().checks.map((check: any) => [check.network, check.issues])
    )
    assert.deepInclude(issues.x, {
      code: 'text_too_long',
      params: { length: 281, limit: 280 },
      part: 2,
    })
    assert.notDeepInclude(
      issues.bluesky.map((issue: any) => issue.code),
      'text_too_long'
    )
    assert.include(
      issues.pinterest.map((issue: any) => issue.code),
      'thread_not_supported'
    )
    assert.deepInclude(issues.threads, {
      code: 'text_too_long',
      params: { length: 502, limit: 500 },
      part: 1,
    })
  })

  test('parts round-trip: a shared list, a target’s own list (even empty), replaced on edit', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, x, bluesky } = await desk()
    const saved = await send(client, 'post', posts(workspace), owner, {
      body: 'Menu thread',
      targets: [{ socialAccountId: x.id }, { socialAccountId: bluesky.id, parts: [] }],
      parts: [
        { kind: 'thread', text: 'Shared one' },
        { kind: 'thread', text: 'Shared two' },
      ],
    })
    assert.equal(saved.status(), 302)
    const post = await Post.query().where('workspace_id', workspace.id).firstOrFail()
    const edit = await client
      .get(`${posts(workspace)}/${post.id}/edit`)
      .loginAs(owner)
      .withInertia()
    const composer = edit.inertiaProps.post as any
    assert.deepEqual(
      composer.parts.map((part: any) => [part.kind, part.position, part.text]),
      [
        ['thread', 1, 'Shared one'],
        ['thread', 2, 'Shared two'],
      ]
    )
    const byAccount = new Map(composer.targets.map((t: any) => [t.socialAccountId, t.parts]))
    assert.isNull(byAccount.get(x.id), 'X takes the shared list')
    assert.deepEqual(byAccount.get(bluesky.id), [], 'Bluesky has none of its own')

    await send(client, 'put', `${posts(workspace)}/${post.id}`, owner, {
      body: 'Menu thread',
      targets: [
        { socialAccountId: x.id, parts: [{ kind: 'thread', text: 'X only' }] },
        { socialAccountId: bluesky.id },
      ],
    })
    const rows = await PostPart.query().where('post_id', post.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => [row.deliveryId === null ? 'shared' : 'own', row.text]),
      [['own', 'X only']]
    )
  })

  test('a malformed part or another workspace’s media is refused and nothing is written', async ({
    client,
    assert,
  }) => {
    const { owner, workspace, x } = await desk()
    const bad = await send(client, 'post', posts(workspace), owner, {
      body: 'Menu',
      targets: [{ socialAccountId: x.id }],
      parts: [{ kind: 'reply_all', text: 'nope' }],
    })
    assert.equal(bad.status(), 422)
    const other = await makeWorkspace(await makeUser())
    const foreign = await MediaAsset.create({
      workspaceId: other.id,
      kind: 'image',
      originalName: 'secret.jpg',
      mimeType: 'image/jpeg',
      bytes: 1000,
      width: 100,
      height: 100,
      status: 'ready',
      storageKey: `w${other.id}/originals/secret.jpg`,
      sha256: 'c'.repeat(64),
    })
    const stolen = await send(client, 'post', posts(workspace), owner, {
      body: 'Menu',
      targets: [{ socialAccountId: x.id }],
      parts: [{ kind: 'thread', text: 'With a picture', media: [{ mediaAssetId: foreign.id }] }],
    })
    assert.equal(stolen.status(), 422)
    assert.equal((await Post.query().where('workspace_id', workspace.id)).length, 0)
    assert.equal((await PostPart.all()).length, 0)
  })
})
