import { test } from '@japa/runner'
import Notification from '#models/notification'
import PostComment from '#models/post_comment'
import ReviewLink from '#models/review_link'
import { withCleanState } from '#tests/helpers/database'
import {
  addMember,
  assertDenied,
  clearOutbox,
  makeUser,
  readOutbox,
  send,
} from '#tests/functional/workspaces/_helpers'
import { ApiContract } from '#tests/functional/api/_openapi'
import { makeToken } from '#tests/functional/api/_fixtures'
import { asClient, makeReviewDesk, pageOf } from './_fixtures.js'

test.group('Client review / internal comments', (group) => {
  withCleanState(group)

  test('a member comments and mentions a colleague, who is told in-app and by mail; only the author edits or deletes', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { user: editor } = await addMember(
      desk.workspace,
      'editor',
      await makeUser({ fullName: 'Ann Lee' })
    )
    const { user: other } = await addMember(
      desk.workspace,
      'editor',
      await makeUser({ fullName: 'Ann' })
    )
    const outsider = await makeUser({ fullName: 'Zed Outsider' })
    const post = desk.posts[0]
    const url = `/w/${desk.workspace.slug}/posts/${post.id}/comments`
    await clearOutbox()

    const added = await send(client, 'post', url, desk.owner, {
      body: 'Can you check the price, @Ann Lee? And @Zed Outsider too.',
    })
    assert.equal(added.flashMessage('success'), 'Comment added.')
    const comment = await PostComment.findByOrFail('post_id', post.id)
    assert.equal(comment.source, 'internal')
    assert.deepEqual(comment.mentions, [editor.id])
    const notes = await Notification.query().where('kind', 'mentioned')
    assert.deepEqual(
      notes.map((n) => n.userId),
      [editor.id]
    )
    assert.lengthOf(await Notification.query().where('user_id', other.id), 0)
    assert.lengthOf(await Notification.query().where('user_id', outsider.id), 0)
    const mails = (await readOutbox()).filter((m) => m.to.some((to) => to.address === editor.email))
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['Olivia Owner mentioned you on a post of Acme Bakery']
    )

    // Someone else's comment: neither edited nor deleted.
    const edit = await send(client, 'put', `${url}/${comment.id}`, editor, { body: 'hijacked' })
    assert.equal(edit.flashMessage('error'), 'You can only change your own comments.')
    await send(client, 'delete', `${url}/${comment.id}`, editor)
    assert.equal((await PostComment.findOrFail(comment.id)).body, comment.body)

    // The author edits (a new mention is told), then deletes.
    await send(client, 'put', `${url}/${comment.id}`, desk.owner, { body: 'Now for @Ann only' })
    const edited = await PostComment.findOrFail(comment.id)
    assert.isNotNull(edited.editedAt)
    assert.deepEqual(edited.mentions, [other.id])
    assert.lengthOf(await Notification.query().where('user_id', other.id), 1)
    await send(client, 'delete', `${url}/${comment.id}`, desk.owner)
    assert.isNull(await PostComment.find(comment.id))
  })

  test('viewers read the thread but do not write; another workspace’s post is a 404', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const elsewhere = await makeReviewDesk()
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    const url = `/w/${desk.workspace.slug}/posts/${desk.posts[0].id}/comments`
    assertDenied(await send(client, 'post', url, viewer, { body: 'Hello' }), assert)
    const foreign = await send(
      client,
      'post',
      `/w/${desk.workspace.slug}/posts/${elsewhere.posts[0].id}/comments`,
      desk.owner,
      { body: 'Hello' }
    )
    foreign.assertStatus(404)
    const empty = await send(client, 'post', url, desk.owner, { body: '   ' })
    assert.property(empty.flashMessage('inputErrorsBag') ?? {}, 'body')
    assert.equal(
      await PostComment.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )
  })
})

test.group('Client review / API', (group) => {
  withCleanState(group)
  const api = new ApiContract()

  test('create a link for a week, list it, read a post’s comments, revoke it — as documented', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { secret } = await makeToken(desk.workspace, desk.owner)
    const created = await api.call(client, {
      method: 'post',
      path: '/api/v1/review-links',
      token: secret,
      body: {
        label: 'Week 12',
        from: desk.from,
        to: desk.to,
        accountIds: [desk.bluesky.id],
        locale: 'fr',
      },
    })
    assert.equal(created.status, 201)
    assert.equal(created.body.data.posts, 3)
    assert.equal(created.body.data.locale, 'fr')
    const token = created.body.data.url.match(/\/review\/(rv_[\w-]{43})$/)[1]

    const page = pageOf((await asClient(client, 'get', `/review/${token}`)).text())
    assert.equal(page.props.locale, 'fr')
    assert.deepEqual(
      page.props.posts[0].previews.map((p: any) => p.network),
      ['bluesky']
    )
    await asClient(client, 'post', `/review/${token}/posts/${desk.posts[0].id}`, 'Claire')
      .withInertia()
      .json({ action: 'comment', comment: 'Parfait' })

    const listed = await api.call(client, {
      method: 'get',
      path: '/api/v1/review-links',
      token: secret,
    })
    assert.deepEqual(
      listed.body.data.map((link: any) => [link.label, link.state]),
      [['Week 12', 'active']]
    )
    assert.notInclude(JSON.stringify(listed.body), token)

    const comments = await api.call(client, {
      method: 'get',
      path: `/api/v1/posts/${desk.posts[0].id}/comments`,
      token: secret,
    })
    assert.deepEqual(
      comments.body.data.map((c: any) => [c.source, c.author, c.body]),
      [['client', 'Claire', 'Parfait']]
    )

    const bad = await api.call(client, {
      method: 'post',
      path: '/api/v1/review-links',
      token: secret,
      body: { label: 'Nothing' },
    })
    assert.equal(bad.status, 422)

    const revoked = await api.call(client, {
      method: 'delete',
      path: `/api/v1/review-links/${created.body.data.id}`,
      token: secret,
    })
    assert.equal(revoked.status, 204)
    assert.isNotNull((await ReviewLink.findOrFail(created.body.data.id)).revokedAt)
    ;(await asClient(client, 'get', `/review/${token}`)).assertStatus(410)

    // A read token lists but does not create.
    const { secret: reader } = await makeToken(desk.workspace, desk.owner, 'read')
    const refused = await api.call(client, {
      method: 'post',
      path: '/api/v1/review-links',
      token: reader,
      body: { label: 'x', postIds: [desk.posts[0].id] },
    })
    assert.equal(refused.status, 403)
  })
})
