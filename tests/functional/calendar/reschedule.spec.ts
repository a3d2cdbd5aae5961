import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Delivery from '#models/delivery'
import Post from '#models/post'
import queue from '#queue/main'
import { createPost } from '#actions/posts/create_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { withCleanState } from '#tests/helpers/database'
import { addMember } from '#tests/functional/workspaces/_helpers'
import type User from '#models/user'
import { calendarWorld, placePost, type CalendarWorld } from './_fixtures.js'

/** A post scheduled through the real actions, so its delivery has a live wake-up job. */
async function scheduled(world: CalendarWorld, at: DateTime, author: User = world.owner) {
  const created = await createPost({
    workspace: world.workspace,
    author,
    body: 'Pistachio éclairs at noon',
    targets: [{ socialAccountId: world.mastodon.id }],
  })
  if (created.status !== 'created') throw new Error(created.status)
  const result = await schedulePost({ post: created.post, actor: author, at })
  if (result.status !== 'scheduled' && result.status !== 'pending_approval')
    throw new Error(result.status)
  return result.post
}

const move = (
  client: any,
  world: CalendarWorld,
  postId: number,
  user: User,
  at: DateTime | string
) =>
  client
    .patch(`/w/${world.workspace.slug}/calendar/posts/${postId}`)
    .loginAs(user)
    .withCsrfToken()
    .header('accept', 'application/json')
    .json({ at: typeof at === 'string' ? at : at.toISO() })

test.group('Calendar: drag to reschedule', (group) => {
  withCleanState(group)

  test('moves the post and its delivery job to the new instant', async ({ client, assert }) => {
    const world = await calendarWorld()
    const post = await scheduled(world, DateTime.utc().plus({ days: 2 }))
    const before = await Delivery.findByOrFail('post_id', post.id)
    assert.isNotNull(await queue.use('publish').getJob(before.jobId!))

    // A drop in the workspace's zone (Paris), as FullCalendar sends it.
    const target = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 5 })
      .set({ hour: 14, minute: 30, second: 0, millisecond: 0 })
    const response = await move(client, world, post.id, world.owner, target)
    response.assertStatus(200)
    assert.equal(response.body().post.status, 'scheduled')

    const after = await Delivery.findOrFail(before.id)
    assert.equal((await Post.findOrFail(post.id)).scheduledAt!.toMillis(), target.toMillis())
    assert.equal(after.revision, before.revision + 1)
    assert.equal(after.jobId, `delivery:${after.id}:${after.revision}`)
    assert.notEqual(after.jobId, before.jobId)
    assert.equal(after.dueAt!.toMillis(), target.toMillis())
    assert.isUndefined(await queue.use('publish').getJob(before.jobId!))
    const job = await queue.use('publish').getJob(after.jobId!)
    assert.exists(job)
    // Due at the new instant: created + delay lands on the drop time (within scheduling jitter).
    assert.closeTo(job!.timestamp + job!.opts.delay!, target.toMillis(), 2000)
  })

  test('refuses a published or publishing post with a clear message, and changes nothing', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const at = DateTime.utc().minus({ hours: 3 })
    const published = await placePost(world, at, [world.mastodon], {
      status: 'published',
      deliveryStatus: 'published',
    })
    const publishing = await placePost(world, at, [world.mastodon], {
      status: 'publishing',
      deliveryStatus: 'publishing',
    })
    for (const post of [published, publishing]) {
      const response = await move(
        client,
        world,
        post.id,
        world.owner,
        DateTime.utc().plus({ days: 1 })
      )
      response.assertStatus(409)
      assert.equal(response.body().error, 'already_published')
      assert.match(response.body().message, /already publishing or published/)
      // Unchanged (SQLite keeps whole seconds, PostgreSQL milliseconds).
      assert.closeTo((await Post.findOrFail(post.id)).scheduledAt!.toMillis(), at.toMillis(), 1000)
    }
  })

  test('refuses drafts (the composer schedules them) and instants in the past', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const draft = await placePost(world, DateTime.utc().plus({ days: 1 }), [world.mastodon], {
      status: 'draft',
      deliveryStatus: 'draft',
    })
    const draftMove = await move(
      client,
      world,
      draft.id,
      world.owner,
      DateTime.utc().plus({ days: 2 })
    )
    draftMove.assertStatus(409)
    assert.equal(draftMove.body().error, 'not_movable')
    assert.equal((await Post.findOrFail(draft.id)).status, 'draft')

    const post = await scheduled(world, DateTime.utc().plus({ days: 2 }))
    const past = await move(client, world, post.id, world.owner, DateTime.utc().minus({ hours: 1 }))
    past.assertStatus(422)
    assert.equal(past.body().error, 'in_past')
    ;(await move(client, world, post.id, world.owner, 'next tuesday')).assertStatus(422)
  })

  test('viewers cannot move; editors move their own posts only; admins any', async ({
    client,
    assert,
  }) => {
    const world = await calendarWorld()
    const { user: viewer } = await addMember(world.workspace, 'viewer')
    const { user: editor } = await addMember(world.workspace, 'editor')
    const { user: admin } = await addMember(world.workspace, 'admin')
    const ownersPost = await scheduled(world, DateTime.utc().plus({ days: 2 }))
    const later = DateTime.utc().plus({ days: 3 }).startOf('minute')

    ;(await move(client, world, ownersPost.id, viewer, later)).assertStatus(403)
    const byEditor = await move(client, world, ownersPost.id, editor, later)
    byEditor.assertStatus(403)
    assert.equal(byEditor.body().error, 'forbidden')
    assert.notEqual(
      (await Post.findOrFail(ownersPost.id)).scheduledAt!.toMillis(),
      later.toMillis()
    )

    ;(await move(client, world, ownersPost.id, admin, later)).assertStatus(200)
    assert.equal((await Post.findOrFail(ownersPost.id)).scheduledAt!.toMillis(), later.toMillis())

    // An editor's own post waits for approval; moving it keeps it waiting.
    const editorsPost = await scheduled(world, DateTime.utc().plus({ days: 2 }), editor)
    assert.equal(editorsPost.status, 'pending_approval')
    const own = await move(client, world, editorsPost.id, editor, later.plus({ hours: 1 }))
    own.assertStatus(200)
    assert.equal(own.body().post.status, 'pending_approval')
    assert.equal(
      (await Post.findOrFail(editorsPost.id)).scheduledAt!.toMillis(),
      later.plus({ hours: 1 }).toMillis()
    )
  })

  test('another workspace’s post is a 404 and stays where it was', async ({ client, assert }) => {
    const world = await calendarWorld()
    const foreign = await calendarWorld('Zebra Foreign Holdings')
    const post = await scheduled(foreign, DateTime.utc().plus({ days: 2 }))
    const before = (await Post.findOrFail(post.id)).scheduledAt!.toMillis()
    ;(
      await move(client, world, post.id, world.owner, DateTime.utc().plus({ days: 4 }))
    ).assertStatus(404)
    assert.equal((await Post.findOrFail(post.id)).scheduledAt!.toMillis(), before)
  })
})
