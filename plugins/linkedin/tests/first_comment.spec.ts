import { test } from '@japa/runner'
import type { Connection, MediaItem, PostRef } from '#sdk'
import { firstCommentContext } from '#sdk/testing/first_comment'
import { imageFixture } from '#sdk/testing/media_fixtures'
import linkedin from '../index.js'
import { connectedFake, publishToTheEnd } from './helpers.js'

test.group('linkedin: first comment', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.fake.close()
  })

  async function published(connection: Connection, text: string): Promise<PostRef> {
    const outcome = await publishToTheEnd(env.publishContext(connection, { text }))
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome))
    return outcome.value
  }

  const partContext = (
    connection: Connection,
    root: PostRef,
    text: string,
    media: MediaItem[] = []
  ) => firstCommentContext(env.publishContext(connection, { text, media }), root)

  test('a Page comments under its own post, as the Page, with reserved characters as written', async ({
    assert,
  }) => {
    const page = env.connections[1]
    const root = await published(page, 'Hiring: two bakers')
    // Comments take plain text: no little-text escaping, unlike the post's commentary.
    const text = 'Apply here (link in bio) #hiring @team'
    const outcome = await linkedin.publishPart!(partContext(page, root, text))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const comments = env.fake.commentsOn(root.externalId)
    assert.lengthOf(comments, 1)
    assert.deepInclude(comments[0], {
      id: outcome.value.externalId,
      text,
      authorId: 'urn:li:organization:2414183',
    })
    assert.match(outcome.value.externalId, /^urn:li:comment:\(urn:li:share:\d+,\d+\)$/)
  })

  test('one image goes with the comment; two are refused before any upload', async ({ assert }) => {
    const member = env.connections[0]
    const root = await published(member, 'Our new shop front')
    const outcome = await linkedin.publishPart!(
      partContext(member, root, 'Inside view', [imageFixture('Inside')])
    )
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    assert.deepEqual(env.fake.commentsOn(root.externalId)[0].media, [
      { kind: 'image', altText: null },
    ])
    const before = env.fake.server.requests.length
    const two = await linkedin.publishPart!(
      partContext(member, root, 'Two views', [imageFixture('a'), imageFixture('b')])
    )
    assert.deepInclude(two, { status: 'error', retryable: false })
    assert.equal(env.fake.server.requests.length, before)
  })

  test('the lookup finds our comment by author and text, not another one', async ({ assert }) => {
    const member = env.connections[0]
    const page = env.connections[1]
    const root = await published(member, 'Event recap')
    await linkedin.publishPart!(partContext(page, root, 'Thanks for coming'))
    assert.deepEqual(await linkedin.findPart!(partContext(member, root, 'Thanks for coming')), {
      status: 'ok',
      value: null,
    })
    const made = await linkedin.publishPart!(partContext(member, root, 'Thanks for coming'))
    const found = await linkedin.findPart!(partContext(member, root, 'Thanks for coming'))
    if (made.status !== 'ok' || found.status !== 'ok') return assert.fail('comment not made')
    assert.equal(found.value?.externalId, made.value.externalId)
  })
})
