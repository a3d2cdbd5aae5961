import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import Post from '#models/post'
import Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { addMember, send } from '#tests/functional/workspaces/_helpers'
import { parisWallClock, posts } from '#tests/functional/posts/_fixtures'
import { asClient, draft, linkFor, makeReviewDesk, pageOf } from './_fixtures.js'
import type { ReviewDesk } from './_fixtures.js'

async function requireClient(desk: ReviewDesk, client: any) {
  const saved = await send(
    client,
    'put',
    `/w/${desk.workspace.slug}/settings/client-review`,
    desk.owner,
    {
      clientApprovalRequired: true,
    }
  )
  assert303(saved)
  return Workspace.findOrFail(desk.workspace.id)
}
function assert303(response: any) {
  if (![302, 303].includes(response.status())) throw new Error(`status ${response.status()}`)
}
const deliveryStatuses = async (postId: number) =>
  (await Delivery.query().where('post_id', postId).orderBy('id')).map((d) => [
    d.status,
    d.jobId !== null,
  ])

test.group('Client review / client approval required', (group) => {
  withCleanState(group)

  test('a post waits for the client: held with its time, scheduled when they approve; changes requested block it', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    assert.isTrue((await requireClient(desk, client)).clientApprovalRequired)
    const both = [desk.mastodon.id, desk.bluesky.id]
    const fresh = await draft(desk, 'Saturday brunch', both)
    const other = await draft(desk, 'Sunday closed', both)
    const at = parisWallClock(5, 11, 0)

    const held = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${fresh.id}/schedule`,
      desk.owner,
      {
        at: at.toFormat("yyyy-MM-dd'T'HH:mm"),
      }
    )
    assert.match(held.flashMessage('success'), /^Waiting for the client’s approval/)
    let post = await Post.findOrFail(fresh.id)
    assert.equal(post.status, 'approved')
    assert.equal(post.scheduledAt!.toMillis(), at.toUTC().toMillis())
    assert.deepEqual(await deliveryStatuses(fresh.id), [
      ['draft', false],
      ['draft', false],
    ])
    // Publishing now is refused too.
    const now = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${fresh.id}/publish-now`,
      desk.owner
    )
    assert.equal(
      now.flashMessage('error'),
      'This post needs the client’s approval before it can go out.'
    )

    const { token } = await linkFor(desk, [fresh.id, other.id])
    await asClient(client, 'post', `/review/${token}/posts/${fresh.id}`, 'Claire')
      .withInertia()
      .json({ action: 'approve' })
    post = await Post.findOrFail(fresh.id)
    assert.equal(post.status, 'scheduled')
    assert.deepEqual(await deliveryStatuses(fresh.id), [
      ['scheduled', true],
      ['scheduled', true],
    ])

    await asClient(client, 'post', `/review/${token}/posts/${other.id}`, 'Claire')
      .withInertia()
      .json({ action: 'request_changes', comment: 'We are open on Sunday now' })
    const refused = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${other.id}/schedule`,
      desk.owner,
      {
        at: at.toFormat("yyyy-MM-dd'T'HH:mm"),
      }
    )
    assert.equal(
      refused.flashMessage('error'),
      'The client asked for changes. Edit the post, then ask them again before scheduling it.'
    )
    assert.equal((await Post.findOrFail(other.id)).status, 'draft')

    // The API follows the same rule.
    const { makeToken } = await import('#tests/functional/api/_fixtures')
    const { secret } = await makeToken(desk.workspace, desk.owner)
    const api = await client
      .post(`/api/v1/posts/${other.id}/schedule`)
      .bearerToken(secret)
      .json({ at: at.toISO() })
    api.assertStatus(409)
    assert.equal(api.body().error.details.reason, 'client_changes_requested')
  })

  test('editing what the client approved resets the approval, pauses the post and says so on the link; saving the same content does not', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    await requireClient(desk, client)
    const post = desk.posts[0] // scheduled before the switch was turned on
    const { token } = await linkFor(desk, [post.id])
    await asClient(client, 'post', `/review/${token}/posts/${post.id}`, 'Claire')
      .withInertia()
      .json({ action: 'approve' })
    assert.equal((await Post.findOrFail(post.id)).clientStatus, 'approved')

    // Saving the same content keeps the approval.
    const targets = [{ socialAccountId: desk.mastodon.id }, { socialAccountId: desk.bluesky.id }]
    await send(client, 'put', `${posts(desk.workspace)}/${post.id}`, desk.owner, {
      body: post.body,
      targets,
    })
    assert.equal((await Post.findOrFail(post.id)).clientStatus, 'approved')
    assert.equal((await Post.findOrFail(post.id)).status, 'scheduled')

    await send(client, 'put', `${posts(desk.workspace)}/${post.id}`, desk.owner, {
      body: `${post.body} — now with pains au chocolat`,
      targets,
    })
    const fresh = await Post.findOrFail(post.id)
    assert.isNull(fresh.clientStatus)
    assert.isNotNull(fresh.clientResetAt)
    assert.equal(fresh.status, 'approved')
    assert.isNotNull(fresh.scheduledAt)
    assert.deepEqual(await deliveryStatuses(post.id), [
      ['draft', false],
      ['draft', false],
    ])
    const page = pageOf((await asClient(client, 'get', `/review/${token}`, 'Claire')).text())
    assert.isNotNull(page.props.posts[0].resetAt)
    assert.isNull(page.props.posts[0].clientStatus)
    assert.include(page.props.posts[0].previews[0].text, 'pains au chocolat')

    // Approved again: back on the schedule at its time.
    await asClient(client, 'post', `/review/${token}/posts/${post.id}`, 'Claire')
      .withInertia()
      .json({ action: 'approve' })
    assert.equal((await Post.findOrFail(post.id)).status, 'scheduled')
  })

  test('an editor’s post needs both: the admin’s approval holds it until the client approves', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    await requireClient(desk, client)
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const post = await draft(desk, 'Editor wrote this', [desk.mastodon.id], editor)
    const at = parisWallClock(6, 9, 0)
    await send(client, 'post', `${posts(desk.workspace)}/${post.id}/schedule`, editor, {
      at: at.toFormat("yyyy-MM-dd'T'HH:mm"),
    })
    assert.equal((await Post.findOrFail(post.id)).status, 'pending_approval')
    const approved = await send(
      client,
      'post',
      `${posts(desk.workspace)}/${post.id}/approve`,
      desk.owner
    )
    assert.match(
      approved.flashMessage('success'),
      /^Approved. It will be scheduled for .* once the client approves\.$/
    )
    assert.equal((await Post.findOrFail(post.id)).status, 'approved')
    const { token } = await linkFor(desk, [post.id])
    await asClient(client, 'post', `/review/${token}/posts/${post.id}`, 'Claire')
      .withInertia()
      .json({ action: 'approve' })
    assert.equal((await Post.findOrFail(post.id)).status, 'scheduled')
  })

  test('only admins and owners turn the requirement on', async ({ client, assert }) => {
    const desk = await makeReviewDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    await send(client, 'put', `/w/${desk.workspace.slug}/settings/client-review`, editor, {
      clientApprovalRequired: true,
    })
    assert.isFalse((await Workspace.findOrFail(desk.workspace.id)).clientApprovalRequired)
  })
})
