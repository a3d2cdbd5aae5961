import { test } from '@japa/runner'
import type { PostRef, PublishPartContext } from '#sdk'
import { contextFor } from '#sdk/testing/connect'
import { imageFixture } from '#sdk/testing/media_fixtures'
import instagram from '../index.js'
import type { InstagramOptions } from '../options.js'
import { connectedFake } from './helpers.js'

test.group('instagram: first comment', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  async function publishedMedia(): Promise<PostRef> {
    const media = await env.hosted([imageFixture('A pistachio')])
    const outcome = await env.publish(env.publishContext({ text: 'Fresh out of the oven', media }))
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome))
    return outcome.value
  }

  const partContext = (
    root: PostRef,
    text: string,
    kind: 'first_comment' | 'thread' = 'first_comment'
  ): PublishPartContext<InstagramOptions> => ({
    ...env.publishContext({ text }),
    part: { kind, position: 1, total: 1 },
    root,
    previous: root,
  })

  test('the comment sits under the published media, made by the account, once', async ({
    assert,
  }) => {
    const root = await publishedMedia()
    const text = 'Links and tags below 👇 #pistache https://example.com/menu'
    const outcome = await instagram.publishPart!(partContext(root, text))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const comments = env.fake.commentsOn(root.externalId)
    assert.lengthOf(comments, 1)
    assert.equal(comments[0].id, outcome.value.externalId)
    assert.equal(comments[0].text, text)
    assert.equal(comments[0].authorId, env.account.account.externalId)
    assert.equal(outcome.value.url, root.url)
  })

  test('a thread part is refused before anything is sent', async ({ assert }) => {
    const root = await publishedMedia()
    const outcome = await instagram.publishPart!(partContext(root, 'Part two', 'thread'))
    assert.deepInclude(outcome, { status: 'error', retryable: false })
    assert.lengthOf(env.fake.server.requestsTo('POST', /\/comments$/), 0)
  })

  test('a lost answer is settled by the lookup: the comment is found, not made twice', async ({
    assert,
  }) => {
    const root = await publishedMedia()
    const text = 'Did this one make it?'
    env.fake.server.failNext('/comments$', { kind: 'lose_response' }, 'POST')
    const ctx = partContext(root, text)
    const impatient = { ...ctx, http: contextFor(env.fake, 300).http }
    assert.equal((await instagram.publishPart!(impatient)).status, 'ambiguous')
    const found = await instagram.findPart!(ctx)
    if (found.status !== 'ok' || !found.value) return assert.fail(JSON.stringify(found))
    assert.equal(found.value.externalId, env.fake.commentsOn(root.externalId)[0].id)
    assert.lengthOf(env.fake.commentsOn(root.externalId), 1)
  })

  test('no comment of ours with that text: the lookup says so', async ({ assert }) => {
    const root = await publishedMedia()
    await instagram.publishPart!(partContext(root, 'Another comment'))
    const found = await instagram.findPart!(partContext(root, 'Never sent'))
    assert.deepEqual(found, { status: 'ok', value: null })
  })
})
