import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import Notification from '#models/notification'
import Post from '#models/post'
import PostComment from '#models/post_comment'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import { withCleanState } from '#tests/helpers/database'
import { addMember, clearOutbox, readOutbox } from '#tests/functional/workspaces/_helpers'
import { asClient, linkFor, makeReviewDesk, pageOf } from './_fixtures.js'

test.group('Client review / answers', (group) => {
  withCleanState(group)

  test('the client approves one post, asks changes on another, comments on the third: each is recorded, told to the team and sent to webhooks', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { user: editor } = await addMember(desk.workspace, 'editor')
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    await Webhook.create({
      workspaceId: desk.workspace.id,
      url: 'https://hooks.example/review',
      events: ['post.client_approved', 'post.client_changes_requested', 'post.commented'],
      active: true,
      secretCiphertext: 'sealed',
      createdById: desk.owner.id,
    })
    const [first, second, third] = desk.posts
    const { token } = await linkFor(desk, [first.id, second.id, third.id])
    await clearOutbox()

    // No name yet: answers are refused, the page asks for one.
    const nameless = await asClient(client, 'post', `/review/${token}/posts/${first.id}`)
      .withInertia()
      .json({ action: 'approve' })
    assert.property(nameless.flashMessage('inputErrorsBag') ?? {}, 'name')
    assert.isNull((await Post.findOrFail(first.id)).clientStatus)

    const named = await asClient(client, 'post', `/review/${token}/name`)
      .withInertia()
      .json({ name: 'Claire Client' })
    assert.equal(named.cookie('review_name')?.value, 'Claire Client')

    const approve = await asClient(
      client,
      'post',
      `/review/${token}/posts/${first.id}`,
      'Claire Client'
    )
      .withInertia()
      .json({ action: 'approve' })
    approve.assertStatus(302)
    assert.equal(
      approve.flashMessage('success'),
      'Thank you: the team has been told you approve this post.'
    )

    const noReason = await asClient(
      client,
      'post',
      `/review/${token}/posts/${second.id}`,
      'Claire Client'
    )
      .withInertia()
      .json({ action: 'request_changes' })
    assert.property(noReason.flashMessage('inputErrorsBag') ?? {}, 'comment')
    await asClient(client, 'post', `/review/${token}/posts/${second.id}`, 'Claire Client')
      .withInertia()
      .json({ action: 'request_changes', comment: 'Please say “gluten-free” too.' })
    await asClient(client, 'post', `/review/${token}/posts/${third.id}`, 'Claire Client')
      .withInertia()
      .json({ action: 'comment', comment: 'Which band is playing?' })

    assert.equal((await Post.findOrFail(first.id)).clientStatus, 'approved')
    assert.equal((await Post.findOrFail(first.id)).clientReviewerName, 'Claire Client')
    assert.equal((await Post.findOrFail(second.id)).clientStatus, 'changes_requested')
    assert.isNull((await Post.findOrFail(third.id)).clientStatus)

    const entries = await AuditLog.query()
      .where('workspace_id', desk.workspace.id)
      .whereIn('action', [
        'post.client_approved',
        'post.client_changes_requested',
        'post.client_commented',
      ])
      .orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.subjectId, entry.meta?.client, entry.ip]),
      [
        ['post.client_approved', String(first.id), 'Claire Client', '127.0.0.1'],
        ['post.client_changes_requested', String(second.id), 'Claire Client', '127.0.0.1'],
        ['post.client_commented', String(third.id), 'Claire Client', '127.0.0.1'],
      ]
    )
    const comments = await PostComment.query().where('source', 'client').orderBy('id')
    assert.deepEqual(
      comments.map((comment) => [comment.postId, comment.kind, comment.body]),
      [
        [first.id, 'approved', ''],
        [second.id, 'changes_requested', 'Please say “gluten-free” too.'],
        [third.id, 'comment', 'Which band is playing?'],
      ]
    )

    // Owner and editor are told of each answer, in-app and by mail; a viewer is not.
    for (const user of [desk.owner, editor]) {
      const kinds = (await Notification.query().where('user_id', user.id).orderBy('id')).map(
        (n) => n.kind
      )
      assert.deepEqual(kinds, ['client_approved', 'client_changes_requested', 'client_commented'])
    }
    assert.lengthOf(await Notification.query().where('user_id', viewer.id), 0)
    const mails = await readOutbox()
    const toEditor = mails.filter((mail) => mail.to.some((to) => to.address === editor.email))
    assert.deepEqual(
      toEditor.map((mail) => mail.subject),
      [
        'Claire Client approved a post of Acme Bakery',
        'Claire Client asked for changes on a post of Acme Bakery',
        'Claire Client commented on a post of Acme Bakery',
      ]
    )
    assert.include(toEditor[1].text, 'Please say “gluten-free” too.')
    assert.include(toEditor[1].text, `/w/${desk.workspace.slug}/posts/${second.id}`)

    const hooks = await WebhookDelivery.query()
      .where('workspace_id', desk.workspace.id)
      .orderBy('id')
    assert.deepEqual(
      hooks.map((delivery) => delivery.event),
      ['post.client_approved', 'post.client_changes_requested', 'post.commented', 'post.commented']
    )
    assert.equal((hooks[0].payload as any).data.clientName, 'Claire Client')

    // The page shows the verdicts and the client's own comments back.
    const page = pageOf((await asClient(client, 'get', `/review/${token}`, 'Claire Client')).text())
    const byId = new Map(page.props.posts.map((post: any) => [post.id, post]))
    assert.equal((byId.get(first.id) as any).clientStatus, 'approved')
    assert.equal((byId.get(second.id) as any).comments[0].body, 'Please say “gluten-free” too.')
    assert.equal(page.props.clientName, 'Claire Client')
  })

  test('the member sees the client’s answers on the post page: thread and timeline, marked as the client’s', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const [first] = desk.posts
    const { token } = await linkFor(desk, [first.id])
    await asClient(client, 'post', `/review/${token}/posts/${first.id}`, 'Claire Client')
      .withInertia()
      .json({ action: 'request_changes', comment: 'Shorter, please.' })
    const page = await client
      .get(`/w/${desk.workspace.slug}/posts/${first.id}`)
      .loginAs(desk.owner)
      .withInertia()
    const thread = page.inertiaProps.thread as any[]
    assert.deepEqual(
      thread.map((comment) => [comment.source, comment.who, comment.body]),
      [['client', 'Claire Client', 'Shorter, please.']]
    )
    const kinds = (page.inertiaProps.timeline as any[]).map((entry) => entry.kind)
    assert.includeMembers(kinds, [
      'created',
      'scheduled',
      'review_link_created',
      'client_changes_requested',
    ])
    const answer = (page.inertiaProps.timeline as any[]).find(
      (entry) => entry.kind === 'client_changes_requested'
    )
    assert.isTrue(answer.fromClient)
    assert.equal(answer.who, 'Claire Client')
    assert.equal(answer.text, 'Shorter, please.')
    assert.notProperty(answer, 'ip')
    assert.equal(page.inertiaProps.clientReview.status, 'changes_requested')
  })
})
