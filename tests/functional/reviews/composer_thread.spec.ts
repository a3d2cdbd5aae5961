import { test } from '@japa/runner'
import { addComment } from '#actions/reviews/add_comment'
import { recordClientReview } from '#actions/reviews/record_client_review'
import { withCleanState } from '#tests/helpers/database'
import { asClient, linkFor, makeReviewDesk, pageOf } from './_fixtures.js'

/** The composer shows the post's conversation beside the editor; the review page still shows only the client's side. */
test.group('Client review / conversation in the composer', (group) => {
  withCleanState(group)

  test('the edit page carries internal and client comments; the review page never the internal one', async ({
    client,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const [post] = desk.posts
    const { link, token } = await linkFor(desk, [post.id])
    await addComment({ post, author: desk.owner, body: 'Internal: margin is thin on this one' })
    await recordClientReview({
      link,
      post,
      action: 'comment',
      name: 'Claire Client',
      comment: 'Love the photo',
      ip: '203.0.113.9',
    })

    const edit = await client
      .get(`/w/${desk.workspace.slug}/posts/${post.id}/edit`)
      .loginAs(desk.owner)
    edit.assertStatus(200)
    const props = pageOf(edit.text()).props
    assert.deepEqual(
      props.thread.map((c: { source: string; body: string }) => [c.source, c.body]),
      [
        ['internal', 'Internal: margin is thin on this one'],
        ['client', 'Love the photo'],
      ]
    )
    assert.deepInclude(props.mentionable, { id: desk.owner.id, name: desk.owner.fullName })

    const review = await asClient(client, 'get', `/review/${token}`)
    review.assertStatus(200)
    assert.include(review.text(), 'Love the photo')
    assert.notInclude(review.text(), 'margin is thin')

    // A new post has no conversation yet.
    const fresh = await client.get(`/w/${desk.workspace.slug}/posts/new`).loginAs(desk.owner)
    assert.notProperty(pageOf(fresh.text()).props, 'thread')
  })
})
