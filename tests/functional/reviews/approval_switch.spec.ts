import { DateTime } from 'luxon'
import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import Post from '#models/post'
import Workspace from '#models/workspace'
import { recordClientReview } from '#actions/reviews/record_client_review'
import { withCleanState } from '#tests/helpers/database'
import { send } from '#tests/functional/workspaces/_helpers'
import { linkFor, makeReviewDesk, pageOf } from './_fixtures.js'
import type { ReviewDesk } from './_fixtures.js'

const switchTo = (desk: ReviewDesk, client: any, on: boolean) =>
  send(client, 'put', `/w/${desk.workspace.slug}/settings/client-review`, desk.owner, {
    clientApprovalRequired: on,
  })
const deliveryStatuses = async (postId: number) =>
  (await Delivery.query().where('post_id', postId).orderBy('id')).map((d) => [
    d.status,
    d.jobId !== null,
  ])

/** Turning "client approval required" on pauses what is already scheduled; turning it off resumes it. */
test.group('Client review / switching client approval on and off', (group) => {
  withCleanState(group)

  test('scheduled posts the client has not approved are paused and shown as waiting; switching off puts them back', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const [approved, second, third] = desk.posts
    const { link } = await linkFor(desk, [approved.id])
    await recordClientReview({
      link,
      post: approved,
      action: 'approve',
      name: 'Claire Client',
      comment: null,
      ip: '203.0.113.9',
    })
    const times = new Map(desk.posts.map((post) => [post.id, post.scheduledAt!.toMillis()]))

    const on = await switchTo(desk, client, true)
    assert.equal(
      on.flashMessage('success'),
      'Client review settings saved. 3 scheduled post(s) are paused until the client approves them.'
    )
    // The client approved one; the other two of the week and the X-only one wait, times kept.
    assert.equal((await Post.findOrFail(approved.id)).status, 'scheduled')
    for (const post of [second, third, desk.xOnly]) {
      const held = await Post.findOrFail(post.id)
      assert.equal(held.status, 'approved')
      assert.equal(held.scheduledAt!.toMillis(), times.get(post.id) ?? held.scheduledAt!.toMillis())
      assert.isTrue((await deliveryStatuses(post.id)).every(([, queued]) => !queued))
    }

    const page = await client
      .get(`/w/${desk.workspace.slug}/posts/${second.id}`)
      .loginAs(desk.owner)
      .withInertia()
    assert.isTrue(page.body().props.clientReview.awaiting)
    const approvedPage = await client
      .get(`/w/${desk.workspace.slug}/posts/${approved.id}`)
      .loginAs(desk.owner)
    assert.isFalse(pageOf(approvedPage.text()).props.clientReview.awaiting)

    const query = new URLSearchParams({
      start: DateTime.fromISO(desk.from, { zone: desk.workspace.timezone }).toISO()!,
      end: DateTime.fromISO(desk.to, { zone: desk.workspace.timezone }).plus({ days: 1 }).toISO()!,
    })
    const events = await client
      .get(`/w/${desk.workspace.slug}/calendar/events?${query}`)
      .loginAs(desk.owner)
      .accept('json')
    events.assertStatus(200)
    const waiting = Object.fromEntries(
      events
        .body()
        .events.map((event: { id: number; awaitingClient: boolean }) => [
          event.id,
          event.awaitingClient,
        ])
    )
    assert.deepEqual(waiting, {
      [approved.id]: false,
      [second.id]: true,
      [third.id]: true,
      [desk.xOnly.id]: true,
    })

    // Saving again without a change moves nothing.
    const again = await switchTo(desk, client, true)
    assert.equal(again.flashMessage('success'), 'Client review settings saved.')

    const off = await switchTo(desk, client, false)
    assert.equal(
      off.flashMessage('success'),
      'Client review settings saved. 3 post(s) waiting for the client are back on the schedule.'
    )
    for (const post of [second, third, desk.xOnly]) {
      assert.equal((await Post.findOrFail(post.id)).status, 'scheduled')
      assert.isTrue((await deliveryStatuses(post.id)).every(([, queued]) => queued))
    }
  })

  test('each post paused or resumed by the switch says so, and who did it, on its activity timeline', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const [approved, waiting] = desk.posts
    const { link } = await linkFor(desk, [approved.id])
    await recordClientReview({
      link,
      post: approved,
      action: 'approve',
      name: 'Claire Client',
      comment: null,
      ip: '203.0.113.9',
    })
    const timelineOf = async (postId: number) => {
      const page = await client
        .get(`/w/${desk.workspace.slug}/posts/${postId}`)
        .loginAs(desk.owner)
        .withInertia()
      return (page.body().props.timeline as { kind: string; who: string | null }[]).filter(
        (entry) => ['client_hold', 'client_released'].includes(entry.kind)
      )
    }

    await switchTo(desk, client, true)
    assert.deepEqual(
      (await timelineOf(waiting.id)).map((entry) => [entry.kind, entry.who]),
      [['client_hold', desk.owner.fullName]]
    )
    // The approved post stayed on the schedule: nothing to say on its page.
    assert.deepEqual(await timelineOf(approved.id), [])

    await switchTo(desk, client, false)
    assert.deepEqual(
      (await timelineOf(waiting.id)).map((entry) => [entry.kind, entry.who]),
      [
        ['client_hold', desk.owner.fullName],
        ['client_released', desk.owner.fullName],
      ]
    )
    assert.deepEqual(await timelineOf(approved.id), [])
  })

  test('an editor cannot switch it, and nothing is paused', async ({ client, assert }) => {
    const desk = await makeReviewDesk()
    const { addMember } = await import('#tests/functional/workspaces/_helpers')
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const refused = await send(
      client,
      'put',
      `/w/${desk.workspace.slug}/settings/client-review`,
      editor,
      { clientApprovalRequired: true }
    )
    assert.isString(refused.flashMessage('error'))
    assert.isFalse((await Workspace.findOrFail(desk.workspace.id)).clientApprovalRequired)
    for (const post of desk.posts)
      if ((await Post.findOrFail(post.id)).status !== 'scheduled') throw new Error('paused')
  })
})
