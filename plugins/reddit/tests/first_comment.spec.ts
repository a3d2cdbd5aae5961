import { test } from '@japa/runner'
import type { PostRef } from '#sdk'
import { firstCommentContext } from '#sdk/testing/first_comment'
import { contextFor } from '#sdk/testing/connect'
import reddit from '../index.js'
import { connectedFake } from './helpers.js'

test.group('reddit: first comment', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake()
    return () => env.close()
  })

  async function submitted(): Promise<PostRef> {
    const outcome = await env.publish(env.publishContext({ text: 'What is your favourite nut?' }))
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome))
    return outcome.value
  }

  const partContext = (root: PostRef, text: string) =>
    firstCommentContext(env.publishContext({ text }), root)

  test('a top-level comment under the submission, by the user, with its permalink', async ({
    assert,
  }) => {
    const root = await submitted()
    const text = 'Sources: [the study](https://example.com/study) **bold**'
    const outcome = await reddit.publishPart!(partContext(root, text))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const comments = env.fake.commentsOn(root.externalId)
    assert.lengthOf(comments, 1)
    assert.deepInclude(comments[0], {
      id: outcome.value.externalId,
      text,
      authorId: 'pistache_agency',
    })
    assert.match(outcome.value.externalId, /^t1_/)
    assert.match(
      outcome.value.url!,
      /^https:\/\/www\.reddit\.com\/r\/pistache\/comments\/\w+\/_\/\w+\/$/
    )
  })

  test('Reddit’s own refusal (HTTP 200 with json.errors) is a final error', async ({ assert }) => {
    const root = await submitted()
    const outcome = await reddit.publishPart!(partContext(root, 'x'.repeat(10_001)))
    assert.deepInclude(outcome, { status: 'error', retryable: false, code: 'too_long' })
    assert.lengthOf(env.fake.commentsOn(root.externalId), 0)
  })

  test('a lost answer is settled from the user’s comments: found once, not made twice', async ({
    assert,
  }) => {
    const root = await submitted()
    env.fake.server.failNext('^/api/comment$', { kind: 'lose_response' })
    const ctx = partContext(root, 'Did it go?')
    const lost = await reddit.publishPart!({ ...ctx, http: contextFor(env.fake, 300).http })
    assert.equal(lost.status, 'ambiguous')
    const found = await reddit.findPart!(ctx)
    if (found.status !== 'ok' || !found.value) return assert.fail(JSON.stringify(found))
    assert.equal(found.value.externalId, env.fake.commentsOn(root.externalId)[0].id)
    assert.lengthOf(env.fake.commentsOn(root.externalId), 1)
    assert.deepEqual(await reddit.findPart!(partContext(root, 'Never said')), {
      status: 'ok',
      value: null,
    })
  })
})
