import { test } from '@japa/runner'
import Notification from '#models/notification'
import WorkspaceMember from '#models/workspace_member'
import { unreadCount as unreadCountOf } from '#services/notifications/notification_feed'
import { withCleanState } from '#tests/helpers/database'
import { makeUser } from '#tests/functional/workspaces/_helpers'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { asClient, linkFor, makeReviewDesk } from '#tests/functional/reviews/_fixtures'

/** The header bell's routes: a user's own notices, their count, marking them read. */
test.group('Notifications / bell', (group) => {
  withCleanState(group)

  test('a client action shows in the bell with a link to its post, and reading it lowers the count', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const [first] = desk.posts
    const { token } = await linkFor(desk, [first.id])
    await asClient(client, 'post', `/review/${token}/posts/${first.id}`, 'Claire Client')
      .withInertia()
      .json({ action: 'request_changes', comment: 'Use the new logo please' })

    const list = await client.get('/notifications').loginAs(desk.owner).accept('json')
    list.assertStatus(200)
    assert.equal(list.body().unread, 1)
    const [notice] = list.body().items
    assert.equal(notice.kind, 'client_changes_requested')
    assert.equal(notice.href, `/w/${desk.workspace.slug}/posts/${first.id}`)
    assert.equal(notice.params.who, 'Claire Client')
    assert.equal(notice.params.comment, 'Use the new logo please')
    assert.isFalse(notice.read)

    const page = await client
      .get(`/w/${desk.workspace.slug}/calendar`)
      .loginAs(desk.owner)
      .withInertia()
    assert.equal(page.body().props.unreadNotifications, 1)

    const read = await client
      .post(`/notifications/${notice.id}/read`)
      .loginAs(desk.owner)
      .withCsrfToken()
      .accept('json')
    read.assertStatus(200)
    assert.equal(read.body().unread, 0)
    assert.isNotNull((await Notification.findOrFail(notice.id)).readAt)
    // A client action writes audit rows, notifications, mails and webhooks: slow on a loaded host.
  }).timeout(60_000)

  test('a user reads and marks only their own notices, and none of a workspace they left', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const other = await makeDesk()
    const mine = await Notification.create({
      userId: desk.owner.id,
      workspaceId: desk.workspace.id,
      kind: 'mentioned',
      eventKey: 'test:mine',
      data: { postId: 1, who: 'Ann' },
    })
    const theirs = await Notification.create({
      userId: other.owner.id,
      workspaceId: other.workspace.id,
      kind: 'mentioned',
      eventKey: 'test:theirs',
      data: { postId: 2, who: 'Bob' },
    })

    const list = await client.get('/notifications').loginAs(desk.owner).accept('json')
    assert.deepEqual(
      list.body().items.map((item: { id: number }) => item.id),
      [Number(mine.id)]
    )
    const foreign = await client
      .post(`/notifications/${theirs.id}/read`)
      .loginAs(desk.owner)
      .withCsrfToken()
      .accept('json')
    foreign.assertStatus(404)
    const all = await client
      .post('/notifications/read')
      .loginAs(desk.owner)
      .withCsrfToken()
      .accept('json')
    assert.equal(all.body().unread, 0)
    assert.isNull(
      (await Notification.findOrFail(theirs.id)).readAt,
      'the other user’s stays unread'
    )

    // A member who left a workspace no longer sees its notices, nor counts them.
    const leaver = await makeUser({ fullName: 'Lea Leaver' })
    await WorkspaceMember.create({
      workspaceId: other.workspace.id,
      userId: leaver.id,
      role: 'editor',
    })
    await Notification.create({
      userId: leaver.id,
      workspaceId: other.workspace.id,
      kind: 'client_commented',
      eventKey: 'test:left',
      data: { postId: 3, who: 'Claire' },
    })
    assert.equal(
      (await client.get('/notifications').loginAs(leaver).accept('json')).body().unread,
      1
    )
    await WorkspaceMember.query().where('user_id', leaver.id).delete()
    const after = await client.get('/notifications').loginAs(leaver).accept('json')
    assert.equal(after.body().unread, 0)
    assert.lengthOf(after.body().items, 0)
  })

  test('guests are sent to sign in and a read without CSRF token is refused', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    ;(await client.get('/notifications').accept('json')).assertStatus(401)
    await Notification.create({
      userId: desk.owner.id,
      workspaceId: desk.workspace.id,
      kind: 'mentioned',
      eventKey: 'test:csrf',
      data: { postId: 1, who: 'Ann' },
    })
    const noToken = await client
      .post('/notifications/read')
      .loginAs(desk.owner)
      .header('accept', 'application/json')
      .json({})
      .redirects(0)
    assert.notEqual(noToken.status(), 200)
    assert.equal(await unreadCountOf(desk.owner.id), 1, 'nothing was marked read')
  })
})
