import { test } from '@japa/runner'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { withCleanState } from '#tests/helpers/database'
import {
  addMember,
  assertDenied,
  makeUser,
  makeWorkspace,
  send,
} from '#tests/functional/workspaces/_helpers'
import { latestPost, makeDesk, posts } from './_fixtures.js'

test.group('Posts / who may do what, lists and the posting schedule', (group) => {
  withCleanState(group)

  test('a viewer reads the list and a post but cannot open the composer or write', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Read me',
      targets: [{ socialAccountId: desk.x.id }],
    })
    const { post } = await latestPost(desk.workspace)
    const base = posts(desk.workspace)

    const list = await client.get(base).loginAs(viewer).withInertia()
    list.assertInertiaComponent('posts/index')
    assert.isFalse((list.inertiaProps.posts as any[])[0].editable)
    ;(await client.get(`${base}/${post.id}`).loginAs(viewer).withInertia()).assertInertiaComponent(
      'posts/show'
    )
    assert.equal((await client.get(`${base}/new`).loginAs(viewer)).status(), 403)
    assert.equal((await client.get(`${base}/${post.id}/edit`).loginAs(viewer)).status(), 403)

    const writes: [Parameters<typeof send>[1], string, object][] = [
      ['post', base, { body: 'x', targets: [{ socialAccountId: desk.x.id }] }],
      ['put', `${base}/${post.id}`, { body: 'changed', targets: [{ socialAccountId: desk.x.id }] }],
      ['post', `${base}/${post.id}/schedule`, { queue: true }],
      ['post', `${base}/${post.id}/publish-now`, {}],
      ['post', `${base}/${post.id}/submit`, {}],
      ['post', `${base}/${post.id}/approve`, {}],
      ['post', `${base}/${post.id}/reject`, { comment: 'no' }],
      ['delete', `${base}/${post.id}`, {}],
      ['put', `/w/${desk.workspace.slug}/settings/schedule`, { slots: [] }],
    ]
    for (const [method, url, body] of writes)
      assertDenied(await send(client, method, url, viewer, body), assert)
    const after = await Post.findOrFail(post.id)
    assert.equal(after.body, 'Read me')
    assert.equal(after.status, 'draft')
  })

  test('another workspace’s post is a 404 under one’s own workspace, before the body is read', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Private',
      targets: [{ socialAccountId: desk.x.id }],
    })
    const { post } = await latestPost(desk.workspace)
    const intruder = await makeUser()
    const own = await makeWorkspace(intruder, 'Intruder Co')
    for (const [method, suffix] of [
      ['put', ''],
      ['post', '/schedule'],
      ['post', '/approve'],
      ['delete', ''],
    ] as const) {
      const response = await send(
        client,
        method,
        `/w/${own.slug}/posts/${post.id}${suffix}`,
        intruder,
        { nonsense: true }
      )
      assert.equal(response.status(), 404, `${method} ${suffix}`)
    }
    assert.equal(
      (await client.get(`/w/${own.slug}/posts/${post.id}`).loginAs(intruder)).status(),
      404
    )
    assert.equal((await Post.findOrFail(post.id)).body, 'Private')
  })

  test('tabs and filters: status groups, account and network, with counts', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const base = posts(desk.workspace)
    await send(client, 'post', base, desk.owner, {
      body: 'draft on x',
      targets: [{ socialAccountId: desk.x.id }],
    })
    await send(client, 'post', base, desk.owner, {
      body: 'now on mastodon',
      targets: [{ socialAccountId: desk.mastodon.id }],
      intent: 'publish',
    })
    await send(client, 'post', base, desk.owner, {
      body: 'draft on both',
      targets: [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.bluesky.id }],
    })

    const get = async (query: string) =>
      (await client.get(`${base}${query}`).loginAs(desk.owner).withInertia()).inertiaProps
    const drafts = await get('?tab=drafts')
    assert.sameMembers(
      (drafts.posts as any[]).map((row) => row.excerpt),
      ['draft on x', 'draft on both']
    )
    assert.deepInclude(drafts.counts, { all: 3, drafts: 2, scheduled: 1, pending: 0 })
    assert.deepEqual(
      ((await get('?tab=scheduled')).posts as any[]).map((row) => row.excerpt),
      ['now on mastodon']
    )
    assert.sameMembers(
      ((await get('?network=mastodon')).posts as any[]).map((row) => row.excerpt),
      ['now on mastodon', 'draft on both']
    )
    assert.deepEqual(
      ((await get(`?account=${desk.bluesky.id}`)).posts as any[]).map((row) => row.excerpt),
      ['draft on both']
    )
    const junk = await get('?tab=nope&page=-3')
    assert.lengthOf(junk.posts as any[], 3)
  })

  test('admins edit the posting schedule; editors see it but cannot change it', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const url = `/w/${desk.workspace.slug}/settings/schedule`
    const saved = await send(client, 'put', url, desk.owner, {
      slots: [
        { weekday: 1, time: '09:00' },
        { weekday: 1, time: '09:00' },
        { weekday: 5, time: '17:30' },
      ],
    })
    assert.equal(saved.flashMessage('success'), 'Posting schedule saved.')
    const slots = await PostingSlot.query()
      .where('workspace_id', desk.workspace.id)
      .orderBy('weekday')
    assert.deepEqual(
      slots.map((slot) => [slot.weekday, slot.time]),
      [
        [1, '09:00'],
        [5, '17:30'],
      ]
    )

    const page = await client.get(url).loginAs(editor).withInertia()
    page.assertInertiaComponent('settings/schedule')
    assert.lengthOf(page.inertiaProps.slots as any[], 2)
    assert.isString(page.inertiaProps.nextSlot)
    assertDenied(await send(client, 'put', url, editor, { slots: [] }), assert)
    const bad = await send(client, 'put', url, desk.owner, {
      slots: [{ weekday: 8, time: '25:00' }],
    })
    assert.oneOf(bad.status(), [302, 303])
    assert.lengthOf(await PostingSlot.query().where('workspace_id', desk.workspace.id), 2)
  })
})
