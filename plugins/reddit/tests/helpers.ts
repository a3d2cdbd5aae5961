import { randomUUID } from 'node:crypto'
import type { PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import reddit from '../index.js'
import { FakeReddit } from '../fake/server.js'
import type { RedditOptions } from '../options.js'

/** A fake Reddit with one connected account, and publish contexts for it. */
export async function connectedFake(settings: Record<string, unknown> = {}) {
  const fake = await FakeReddit.start()
  const connected = await connectThroughFake(reddit, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const { profile, token } = connected.value[0]
  const base = contextFor(fake)
  const account = { ...base, settings: { ...base.settings, ...settings }, account: profile, token }
  const publishContext = (
    post: Partial<PostDraft<RedditOptions>>
  ): PublishContext<RedditOptions> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: {
      text: 'Hello from the Reddit tests',
      media: [],
      options: { subreddit: 'pistache', title: 'A title' },
      ...post,
    },
  })
  async function publish(ctx: PublishContext<RedditOptions>) {
    let outcome = await reddit.publish(ctx)
    for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
      outcome = await reddit.checkStatus!(ctx, outcome.handle)
    return outcome
  }
  const submits = () =>
    fake.server.requests.filter((request) => /^\/api\/submit/.test(request.path))
  return { fake, account, publishContext, publish, submits, close: () => fake.close() }
}
