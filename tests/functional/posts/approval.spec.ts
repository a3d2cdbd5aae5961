import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { withCleanState } from '#tests/helpers/database'
import {
  addMember,
  assertDenied,
  send,
  validationErrors,
} from '#tests/functional/workspaces/_helpers'
import { latestPost, makeDesk, parisWallClock, posts } from './_fixtures.js'

test.group('Posts / approval', (group) => {
  withCleanState(group)

  test('an editor’s post waits for approval; the editor cannot approve; an admin approves and it is scheduled', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const { user: admin } = await addMember(desk.workspace, 'admin')
    const at = parisWallClock(4, 9, 30)
    const submitted = await send(client, 'post', posts(desk.workspace), editor, {
      body: 'Weekend special',
      targets: [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.x.id }],
      intent: 'schedule',
      at: at.toFormat("yyyy-MM-dd'T'HH:mm"),
    })
    assert.equal(submitted.flashMessage('success'), 'Sent for approval.')
    const { post, byNetwork } = await latestPost(desk.workspace)
    assert.equal(post.status, 'pending_approval')
    assert.equal(post.scheduledAt!.toMillis(), at.toUTC().toMillis())
    assert.isTrue(
      Object.values(byNetwork).every(
        (delivery) => delivery.status === 'pending_approval' && delivery.jobId === null
      )
    )

    assertDenied(
      await send(client, 'post', `${posts(desk.workspace)}/${post.id}/approve`, editor),
      assert
    )
    assert.equal((await Post.findOrFail(post.id)).status, 'pending_approval')

    const pending = await client
      .get(`${posts(desk.workspace)}?tab=pending`)
      .loginAs(admin)
      .withInertia()
    const rows = pending.inertiaProps.posts as any[]
    assert.deepEqual(
      rows.map((row) => [row.id, row.canReview]),
      [[post.id, true]]
    )
    assert.equal(pending.inertiaProps.counts.pending, 1)

    const approved = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/approve`,
      admin
    )
    assert.match(approved.flashMessage('success'), /^Approved and scheduled for /)
    const fresh = await Post.findOrFail(post.id)
    assert.equal(fresh.status, 'scheduled')
    assert.equal(fresh.reviewedById, admin.id)
    const deliveries = await Delivery.query().where('post_id', post.id)
    assert.isTrue(
      deliveries.every((delivery) => delivery.status === 'scheduled' && delivery.jobId !== null)
    )
  })

  test('an editor can ask for the next free slot: the post waits for approval with that slot, and approval schedules it there', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const { user: admin } = await addMember(desk.workspace, 'admin')
    await PostingSlot.createMany(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        workspaceId: desk.workspace.id,
        weekday,
        time: '11:45',
      }))
    )
    const composer = await client
      .get(`${posts(desk.workspace)}/new`)
      .loginAs(editor)
      .withInertia()
    const nextSlot = composer.inertiaProps.nextSlot as string
    assert.isString(nextSlot)

    const submitted = await send(client, 'post', posts(desk.workspace), editor, {
      body: 'From the queue',
      targets: [{ socialAccountId: desk.mastodon.id }],
      intent: 'queue',
    })
    assert.equal(submitted.flashMessage('success'), 'Sent for approval.')
    const { post } = await latestPost(desk.workspace)
    assert.equal(post.status, 'pending_approval')
    assert.equal(post.scheduledAt!.toUTC().toISO(), nextSlot)

    await send(client, 'post', `${posts(desk.workspace)}/${post.id}/approve`, admin)
    const fresh = await Post.findOrFail(post.id)
    assert.equal(fresh.status, 'scheduled')
    assert.equal(fresh.scheduledAt!.toUTC().toISO(), nextSlot)
  })

  test('an editor without a time submits; an admin rejects with a comment the author then reads', async ({
    client,
    assert,
  }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    await send(client, 'post', posts(desk.workspace), editor, {
      body: 'lol croissants',
      targets: [{ socialAccountId: desk.bluesky.id }],
      intent: 'submit',
    })
    const { post } = await latestPost(desk.workspace)
    assert.equal(post.status, 'pending_approval')
    assert.isNull(post.scheduledAt)

    const empty = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/reject`,
      desk.owner,
      { comment: '   ' }
    )
    assert.property(validationErrors(empty), 'comment')
    const rejected = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/reject`,
      desk.owner,
      { comment: 'Too casual for this client.' }
    )
    assert.equal(rejected.flashMessage('success'), 'Sent back to the author with your comment.')

    const detail = await client
      .get(`${posts(desk.workspace)}/${post.id}`)
      .loginAs(editor)
      .withInertia()
    assert.equal(detail.inertiaProps.post.status, 'rejected')
    assert.equal(detail.inertiaProps.post.reviewComment, 'Too casual for this client.')
    assert.equal(detail.inertiaProps.post.reviewer, 'Olivia Owner')
    const composer = await client
      .get(`${posts(desk.workspace)}/${post.id}/edit`)
      .loginAs(editor)
      .withInertia()
    assert.equal(composer.inertiaProps.post.reviewComment, 'Too casual for this client.')

    // Reworked and sent again.
    await send(client, 'put', `${posts(desk.workspace)}/${post.id}`, editor, {
      body: 'Croissants, fresh at 8.',
      targets: [{ socialAccountId: desk.bluesky.id }],
      intent: 'submit',
    })
    assert.equal((await Post.findOrFail(post.id)).status, 'pending_approval')
  })

  test('nobody approves their own post, not even an owner', async ({ client, assert }) => {
    const desk = await makeDesk()
    await send(client, 'post', posts(desk.workspace), desk.owner, {
      body: 'Mine',
      targets: [{ socialAccountId: desk.x.id }],
      intent: 'submit',
    })
    const { post } = await latestPost(desk.workspace)
    assert.equal(post.status, 'pending_approval')
    const own = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/approve`,
      desk.owner
    )
    assert.equal(own.flashMessage('error'), 'You are not allowed to do that with this post.')
    assert.equal((await Post.findOrFail(post.id)).status, 'pending_approval')
    const list = await client
      .get(`${posts(desk.workspace)}?tab=pending`)
      .loginAs(desk.owner)
      .withInertia()
    assert.isFalse((list.inertiaProps.posts as any[])[0].canReview)
  })

  test('an invalid post cannot be sent for approval', async ({ client, assert }) => {
    const desk = await makeDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    await send(client, 'post', posts(desk.workspace), editor, {
      body: '',
      targets: [{ socialAccountId: desk.x.id }],
      intent: 'submit',
    })
    const { post } = await latestPost(desk.workspace)
    assert.equal(post.status, 'draft')
  })
})
