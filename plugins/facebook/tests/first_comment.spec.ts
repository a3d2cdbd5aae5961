import { test } from '@japa/runner'
import type { PostRef, MediaItem } from '#sdk'
import { firstCommentContext } from '#sdk/testing/first_comment'
import { imageFixture, videoFixture } from '#sdk/testing/media_fixtures'
import facebook from '../index.js'
import { connectedFake } from './helpers.js'

test.group('facebook: first comment', (group) => {
  let env: ReturnType<typeof connectedFake> extends Promise<infer T> ? T : never
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.fake.close()
  })

  async function publishedPost(): Promise<PostRef> {
    const outcome = await facebook.publish(env.publishContext({ text: 'Our autumn menu is out' }))
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome))
    return outcome.value
  }

  const partContext = (root: PostRef, text: string, media: MediaItem[] = []) =>
    firstCommentContext(env.publishContext({ text, media }), root)

  test('the comment sits under the Page post, made by the Page, with its photo', async ({
    assert,
  }) => {
    const root = await publishedPost()
    const text = 'Full menu: https://example.com/menu'
    const outcome = await facebook.publishPart!(partContext(root, text, [imageFixture('Menu')]))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const comments = env.fake.commentsOn(root.externalId)
    assert.lengthOf(comments, 1)
    assert.deepInclude(comments[0], {
      id: outcome.value.externalId,
      text,
      authorId: env.account.account.externalId,
    })
    assert.deepEqual(comments[0].media, [{ kind: 'image', altText: 'Menu' }])
    assert.equal(outcome.value.url, `${root.url}?comment_id=${outcome.value.externalId}`)
    // The photo went up unpublished: it is no post of its own on the Page.
    assert.isUndefined(env.fake.post(outcome.value.externalId))
  })

  test('a video or a second photo is refused before anything is uploaded', async ({ assert }) => {
    const root = await publishedPost()
    const before = env.fake.server.requests.length
    for (const media of [[videoFixture()], [imageFixture('a'), imageFixture('b')]]) {
      const outcome = await facebook.publishPart!(partContext(root, 'Look', media))
      assert.deepInclude(outcome, { status: 'error', retryable: false })
    }
    assert.equal(env.fake.server.requests.length, before)
    assert.lengthOf(env.fake.commentsOn(root.externalId), 0)
  })

  test('the lookup tells our comment from a same-text comment elsewhere', async ({ assert }) => {
    const root = await publishedPost()
    const other = await publishedPost()
    await facebook.publishPart!(partContext(other, 'Same words'))
    assert.deepEqual(await facebook.findPart!(partContext(root, 'Same words')), {
      status: 'ok',
      value: null,
    })
    const made = await facebook.publishPart!(partContext(root, 'Same words'))
    const found = await facebook.findPart!(partContext(root, 'Same words'))
    if (made.status !== 'ok' || found.status !== 'ok') return assert.fail('comment not made')
    assert.equal(found.value?.externalId, made.value.externalId)
  })
})
