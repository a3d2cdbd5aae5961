import { test } from '@japa/runner'
import type { OAuth2Auth, PluginContext, PostRef } from '#sdk'
import { firstCommentContext } from '#sdk/testing/first_comment'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import youtube from '../index.js'
import { CHANNELS } from '../fake/server.js'
import { connectedFake, publishToTheEnd } from './helpers.js'

type AuthorizeInput = Parameters<OAuth2Auth['authorizationUrl']>[1]

test.group('youtube: first comment', (group) => {
  let env: Awaited<ReturnType<typeof connectedFake>>
  group.each.setup(async () => {
    env = await connectedFake({}, CHANNELS[1].id)
    return () => env.fake.close()
  })

  async function uploaded(): Promise<PostRef> {
    const outcome = await publishToTheEnd(env.publishContext())
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome))
    return outcome.value
  }

  const partContext = (root: PostRef, text: string) =>
    firstCommentContext(env.publishContext({ text, media: [] }), root)

  test('the comment thread sits under the uploaded video, by the chosen channel', async ({
    assert,
  }) => {
    const root = await uploaded()
    const text = 'Chapters: 0:00 intro, 1:30 the oven <3'
    const outcome = await youtube.publishPart!(partContext(root, text))
    if (outcome.status !== 'ok') return assert.fail(JSON.stringify(outcome))
    const comments = env.fake.commentsOn(root.externalId)
    assert.lengthOf(comments, 1)
    assert.deepInclude(comments[0], {
      id: outcome.value.externalId,
      text,
      authorId: CHANNELS[1].id,
    })
    assert.equal(
      outcome.value.url,
      `https://www.youtube.com/watch?v=${root.externalId}&lc=${outcome.value.externalId}`
    )
  })

  test('a token granted without youtube.force-ssl cannot comment', async ({ assert }) => {
    const root = await uploaded()
    // The same plugin, asking Google for every scope but force-ssl (a grant made before it was needed).
    const withoutForceSsl: typeof youtube = {
      ...youtube,
      auth: {
        ...youtube.auth,
        authorizationUrl(ctx: PluginContext, input: AuthorizeInput) {
          const url = new URL((youtube.auth as OAuth2Auth).authorizationUrl(ctx, input))
          const scopes = url.searchParams.get('scope')!.split(' ')
          url.searchParams.set('scope', scopes.filter((s) => !s.endsWith('force-ssl')).join(' '))
          return url.toString()
        },
      } as typeof youtube.auth,
    }
    const connected = await connectThroughFake(withoutForceSsl, env.fake)
    if (connected.status !== 'ok') return assert.fail(JSON.stringify(connected))
    const outcome = await youtube.publishPart!({
      ...partContext(root, 'Hello'),
      token: connected.value[0].token,
    })
    assert.deepInclude(outcome, { status: 'error', retryable: false })
    assert.lengthOf(env.fake.commentsOn(root.externalId), 0)
  })

  test('the lookup finds the channel’s own comment after a lost answer', async ({ assert }) => {
    const root = await uploaded()
    env.fake.server.failNext('/commentThreads$', { kind: 'lose_response' }, 'POST')
    const ctx = partContext(root, 'Was this sent?')
    const lost = await youtube.publishPart!({ ...ctx, http: contextFor(env.fake, 300).http })
    assert.equal(lost.status, 'ambiguous')
    const found = await youtube.findPart!(ctx)
    if (found.status !== 'ok' || !found.value) return assert.fail(JSON.stringify(found))
    assert.equal(found.value.externalId, env.fake.commentsOn(root.externalId)[0].id)
    assert.lengthOf(env.fake.commentsOn(root.externalId), 1)
  })
})
