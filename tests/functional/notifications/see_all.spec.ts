import { test } from '@japa/runner'
import Notification from '#models/notification'
import { PAGE_SIZE } from '#services/notifications/notification_feed'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'

/** "See all": every notice of the user, a page at a time, newest first. */
test.group('Notifications / see all', (group) => {
  withCleanState(group)

  test('pages through the user’s own notices, newest first; mark all read empties the count', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const other = await makeDesk()
    const total = PAGE_SIZE + 5
    for (let index = 1; index <= total; index++)
      await Notification.create({
        userId: desk.owner.id,
        workspaceId: desk.workspace.id,
        kind: 'client_commented',
        eventKey: `test:${index}`,
        data: { postId: index, who: `Client ${index}`, excerpt: 'Spring menu' },
        readAt: null,
      })
    // Another user's notice, and one about a workspace the user is not a member of.
    await Notification.create({
      userId: other.owner.id,
      workspaceId: other.workspace.id,
      kind: 'mentioned',
      eventKey: 'test:other-user',
      data: { who: 'Someone else' },
      readAt: null,
    })
    await Notification.create({
      userId: desk.owner.id,
      workspaceId: other.workspace.id,
      kind: 'mentioned',
      eventKey: 'test:other-workspace',
      data: { who: 'Foreign workspace' },
      readAt: null,
    })

    const first = await client.get('/notifications/all').loginAs(desk.owner).withInertia()
    first.assertStatus(200)
    assert.equal(first.body().component, 'notifications/index')
    const props = first.body().props
    assert.deepEqual(props.pagination, {
      currentPage: 1,
      lastPage: 2,
      total,
      perPage: PAGE_SIZE,
    })
    assert.equal(props.unread, total)
    assert.lengthOf(props.items, PAGE_SIZE)
    assert.equal(props.items[0].params.who, `Client ${total}`)
    assert.equal(props.items[0].href, `/w/${desk.workspace.slug}/posts/${total}`)

    const second = await client.get('/notifications/all?page=2').loginAs(desk.owner).withInertia()
    const names = second
      .body()
      .props.items.map((item: { params: { who: string } }) => item.params.who)
    assert.deepEqual(names, ['Client 5', 'Client 4', 'Client 3', 'Client 2', 'Client 1'])

    // Past the end: an empty page, not an error; nonsense: refused without a 500.
    const beyond = await client.get('/notifications/all?page=9').loginAs(desk.owner).withInertia()
    assert.lengthOf(beyond.body().props.items, 0)
    for (const page of ['abc', '0', '-1', '1.5']) {
      const bad = await client
        .get(`/notifications/all?page=${page}`)
        .loginAs(desk.owner)
        .accept('json')
      assert.equal(bad.status(), 422, page)
    }

    const read = await client
      .post('/notifications/read')
      .loginAs(desk.owner)
      .withCsrfToken()
      .accept('json')
    assert.equal(read.body().unread, 0)
    const after = await client.get('/notifications/all').loginAs(desk.owner).withInertia()
    assert.equal(after.body().props.unread, 0)
    assert.isTrue(after.body().props.items.every((item: { read: boolean }) => item.read))
    // The other user's notice is untouched.
    assert.isNull((await Notification.findByOrFail('user_id', other.owner.id)).readAt)
  })

  test('a guest is sent to the login page', async ({ client }) => {
    const response = await client.get('/notifications/all').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
