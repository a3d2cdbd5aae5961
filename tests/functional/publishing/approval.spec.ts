import { test } from '@japa/runner'
import Delivery from '#models/delivery'
import Post from '#models/post'
import queue from '#queue/main'
import { createPost } from '#actions/posts/create_post'
import { schedulePost } from '#actions/posts/schedule_post'
import { submitPost } from '#actions/posts/submit_post'
import { approvePost } from '#actions/posts/approve_post'
import { rejectPost } from '#actions/posts/reject_post'
import { publishNow } from '#actions/posts/publish_now'
import { updatePost } from '#actions/posts/update_post'
import { withCleanState } from '#tests/helpers/database'
import { addMember } from '#tests/functional/workspaces/_helpers'
import { draft, inMs, settled, startWorker, withWorld } from './_fixtures.js'

test.group('Posts: approval rules and per-network checks', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test("an editor's post waits for approval; an admin approves it and it is scheduled", async ({
    assert,
    cleanup,
  }) => {
    const { user: editor } = await addMember(world.workspace, 'editor')
    const { user: admin } = await addMember(world.workspace, 'admin')
    const { post } = await draft(
      world,
      [{ socialAccountId: world.accounts.mastodon.id }],
      'Editor wrote this',
      editor
    )

    // Far enough ahead that the approval below still finds it in the future on a loaded
    // machine (a past instant is queued at once, and this test checks the scheduled state).
    const at = inMs(2_000)
    const scheduled = await schedulePost({ post, actor: editor, at })
    assert.equal(scheduled.status, 'pending_approval')
    const waiting = await Delivery.findByOrFail('post_id', post.id)
    assert.equal(waiting.status, 'pending_approval')
    assert.isNull(waiting.jobId)
    assert.equal((await Post.findOrFail(post.id)).status, 'pending_approval')

    const approved = await approvePost({ post, reviewer: admin })
    assert.equal(approved.status, 'scheduled')
    const fresh = await Post.findOrFail(post.id)
    assert.equal(fresh.reviewedById, admin.id)
    const delivery = await Delivery.findByOrFail('post_id', post.id)
    assert.equal(delivery.status, 'scheduled')
    assert.exists(await queue.use('publish').getJob(delivery.jobId!))

    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const [published] = await settled(post.id)
    assert.equal(published.status, 'published')
  })

  test('nobody approves their own post, editors approve nothing, a rejection needs a comment', async ({
    assert,
  }) => {
    const { user: editor } = await addMember(world.workspace, 'editor')
    const { user: otherEditor } = await addMember(world.workspace, 'editor')
    const { user: admin } = await addMember(world.workspace, 'admin')
    const { post } = await draft(
      world,
      [{ socialAccountId: world.accounts.x.id }],
      'Needs review',
      editor
    )
    assert.equal((await submitPost({ post, actor: editor })).status, 'submitted')

    assert.equal((await approvePost({ post, reviewer: editor })).status, 'forbidden')
    assert.equal((await approvePost({ post, reviewer: otherEditor })).status, 'forbidden')
    assert.equal(
      (await rejectPost({ post, reviewer: admin, comment: '   ' })).status,
      'comment_required'
    )
    assert.equal(
      (await rejectPost({ post, reviewer: admin, comment: 'Tone it down' })).status,
      'rejected'
    )
    const rejected = await Post.findOrFail(post.id)
    assert.equal(rejected.status, 'rejected')
    assert.equal(rejected.reviewComment, 'Tone it down')

    // An admin's own post needs no approval, and even an admin cannot approve their own.
    const own = await draft(world, [{ socialAccountId: world.accounts.x.id }], 'Admin post', admin)
    assert.equal((await submitPost({ post: own.post, actor: admin })).status, 'submitted')
    assert.equal((await approvePost({ post: own.post, reviewer: admin })).status, 'forbidden')
  })

  test('only approved posts are scheduled; an editor editing an approved post sends it back', async ({
    assert,
  }) => {
    const { user: editor } = await addMember(world.workspace, 'editor')
    const { post } = await draft(
      world,
      [{ socialAccountId: world.accounts.bluesky.id }],
      'Draft by an editor',
      editor
    )
    assert.equal((await publishNow({ post, actor: editor })).status, 'pending_approval')
    assert.equal((await Delivery.findByOrFail('post_id', post.id)).status, 'pending_approval')

    const approved = await approvePost({
      post: await Post.findOrFail(post.id),
      reviewer: world.owner,
    })
    assert.equal(approved.status, 'scheduled')
    const scheduled = await Post.findOrFail(post.id)
    await scheduled.load('deliveries')
    assert.equal(scheduled.deliveries[0].status, 'queued')

    // Not yet claimed (no worker): the editor changes the text, approval is needed again.
    const edited = await updatePost({
      post: scheduled,
      actor: editor,
      body: 'Changed after approval',
      targets: [{ socialAccountId: world.accounts.bluesky.id }],
    })
    assert.equal(edited.status, 'updated')
    if (edited.status === 'updated') assert.isTrue(edited.approvalReset)
    const back = await Post.findOrFail(post.id)
    assert.equal(back.status, 'draft')
    assert.equal((await Delivery.findByOrFail('post_id', post.id)).status, 'draft')
    assert.equal(
      (await schedulePost({ post: back, actor: editor, at: inMs(1000) })).status,
      'pending_approval'
    )
  })

  test('viewers cannot write posts; accounts of another workspace are refused', async ({
    assert,
  }) => {
    const { user: viewer } = await addMember(world.workspace, 'viewer')
    const denied = await createPost({
      workspace: world.workspace,
      author: viewer,
      body: 'hi',
      targets: [{ socialAccountId: world.accounts.x.id }],
    })
    assert.equal(denied.status, 'forbidden')

    const { makeWorkspace } = await import('#tests/functional/workspaces/_helpers')
    const other = await makeWorkspace(world.owner, 'Other client')
    const foreign = await createPost({
      workspace: other,
      author: world.owner,
      body: 'hi',
      targets: [{ socialAccountId: world.accounts.x.id }],
    })
    assert.deepEqual(foreign, {
      status: 'unknown_accounts',
      socialAccountIds: [world.accounts.x.id],
    })
  })

  test("each target is checked with its own network's rules; an invalid post is not scheduled", async ({
    assert,
  }) => {
    const long = 'Pistachio '.repeat(40).trim() // 399 characters: fine for Mastodon (500), too long for X (280) and Bluesky (300)
    const { post, checks } = await draft(
      world,
      [
        { socialAccountId: world.accounts.mastodon.id },
        { socialAccountId: world.accounts.x.id },
        { socialAccountId: world.accounts.bluesky.id, text: 'Short for Bluesky' },
      ],
      long
    )
    const byNetwork = Object.fromEntries(
      checks.map((check) => [check.network, check.issues.map((issue) => issue.code)])
    )
    assert.deepEqual(byNetwork, { mastodon: [], x: ['text_too_long'], bluesky: [] })

    const refused = await schedulePost({ post, actor: world.owner, at: inMs(60_000) })
    assert.equal(refused.status, 'invalid')
    assert.equal((await Post.findOrFail(post.id)).status, 'draft')
    assert.lengthOf(await Delivery.query().where('post_id', post.id).whereNotNull('job_id'), 0)
  })
})
