import { test } from '@japa/runner'
import Post from '#models/post'
import PostComment from '#models/post_comment'
import ReviewLink from '#models/review_link'
import { withCleanState } from '#tests/helpers/database'
import { send } from '#tests/functional/workspaces/_helpers'
import { addComment } from '#actions/reviews/add_comment'
import { makeToken } from '#tests/functional/api/_fixtures'
import { asClient, linkFor, makeReviewDesk, pageOf } from './_fixtures.js'

test.group('Client review / tenancy and abuse', (group) => {
  withCleanState(group)

  test('a link of workspace A never shows or touches anything of workspace B', async ({
    client,
    assert,
  }) => {
    const a = await makeReviewDesk()
    const b = await makeReviewDesk()
    await Post.query().where('id', b.posts[0].id).update({ body: 'SECRET OF B: merger next week' })
    const { token, link: aLink } = await linkFor(a, [a.posts[0].id])

    const page = await asClient(client, 'get', `/review/${token}`)
    assert.notInclude(page.text(), 'SECRET OF B')
    assert.deepEqual(
      pageOf(page.text()).props.posts.map((post: any) => post.id),
      [a.posts[0].id]
    )
    // B's post (and A's post not on the link) through A's link: unknown, nothing recorded.
    for (const post of [b.posts[0], a.posts[1]]) {
      const answer = await asClient(client, 'post', `/review/${token}/posts/${post.id}`, 'Mallory')
        .withInertia()
        .json({ action: 'approve' })
      answer.assertStatus(404)
      assert.isNull((await Post.findOrFail(post.id)).clientStatus)
    }
    assert.equal(
      await PostComment.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )

    // A member of A cannot put B's posts on a link, nor revoke B's link.
    const foreign = await send(
      client,
      'post',
      `/w/${a.workspace.slug}/settings/review-links`,
      a.owner,
      {
        label: 'Try',
        postIds: [b.posts[0].id],
      }
    )
    assert.property(foreign.flashMessage('inputErrorsBag') ?? {}, 'postIds')
    const bLink = await linkFor(b, [b.posts[0].id])
    const revoke = await send(
      client,
      'delete',
      `/w/${a.workspace.slug}/settings/review-links/${bLink.link.id}`,
      a.owner
    )
    revoke.assertStatus(404)
    assert.isNull((await ReviewLink.findOrFail(bLink.link.id)).revokedAt)

    // Nor through the API.
    const { secret } = await makeToken(a.workspace, a.owner)
    const api = await client.delete(`/api/v1/review-links/${bLink.link.id}`).bearerToken(secret)
    api.assertStatus(404)
    const listed = await client.get('/api/v1/review-links').bearerToken(secret)
    assert.deepEqual(
      listed.body().data.map((link: any) => link.id),
      [aLink.id]
    )
  })

  test('internal comments never reach the review page, whatever the link', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const post = desk.posts[0]
    await addComment({ post, author: desk.owner, body: 'INTERNAL: the client is late paying' })
    const { token } = await linkFor(desk, [post.id])
    await asClient(client, 'post', `/review/${token}/posts/${post.id}`, 'Claire')
      .withInertia()
      .json({ action: 'comment', comment: 'Looks good' })
    const html = (await asClient(client, 'get', `/review/${token}`, 'Claire')).text()
    assert.notInclude(html, 'late paying')
    const comments = pageOf(html).props.posts[0].comments
    assert.deepEqual(
      comments.map((c: any) => c.body),
      ['Looks good']
    )
    // A second link on the same post does not show the first link's client comments either.
    const other = await linkFor(desk, [post.id])
    const second = pageOf((await asClient(client, 'get', `/review/${other.token}`)).text())
    assert.deepEqual(second.props.posts[0].comments, [])
  })

  test('guessing tokens is rate limited: after ten unknown tokens an IP is refused, even with a real link', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const { token } = await linkFor(desk, [desk.posts[0].id])
    for (let i = 0; i < 10; i++) {
      const guess = `rv_${String(i).padStart(43, 'x')}`
      ;(await asClient(client, 'get', `/review/${guess}`)).assertStatus(404)
    }
    const blocked = await asClient(client, 'get', `/review/rv_${'y'.repeat(43)}`)
    blocked.assertStatus(429)
    assert.isAbove(Number(blocked.header('retry-after')), 0)
    assert.equal(pageOf(blocked.text()).props.reason, 'limited')
    const real = await asClient(client, 'get', `/review/${token}`)
    real.assertStatus(429)
    assert.notInclude(real.text(), 'fresh croissants')
  })

  test('a viewer cannot share posts', async ({ client, assert }) => {
    const desk = await makeReviewDesk()
    const { addMember } = await import('#tests/functional/workspaces/_helpers')
    const { user: viewer } = await addMember(desk.workspace, 'viewer')
    const refused = await send(
      client,
      'post',
      `/w/${desk.workspace.slug}/settings/review-links`,
      viewer,
      {
        label: 'Viewer link',
        postIds: [desk.posts[0].id],
      }
    )
    assert.oneOf(refused.status(), [302, 403])
    assert.equal(
      await ReviewLink.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )
  })
})
