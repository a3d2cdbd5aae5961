import { randomUUID } from 'node:crypto'
import type { PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import x from '../index.js'
import { FakeX } from '../fake/server.js'
import type { XOptions } from '../options.js'

/** A fake X with one connected account, and a way to build publish contexts for it. */
export async function connectedFake(settings: Record<string, unknown> = {}) {
  const fake = await FakeX.start()
  const connected = await connectThroughFake(x, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const { profile, token } = connected.value[0]
  const base = contextFor(fake)
  const account = { ...base, settings: { ...base.settings, ...settings }, account: profile, token }
  const publishContext = (post: Partial<PostDraft<XOptions>>): PublishContext<XOptions> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: { text: 'Hello from the X tests', media: [], options: {}, ...post },
  })
  return { fake, account, publishContext }
}
