import { randomUUID } from 'node:crypto'
import type { PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import facebook from '../index.js'
import { FakeFacebook } from '../fake/server.js'
import type { FacebookOptions } from '../options.js'

/** A fake Facebook with both Pages connected, and publish contexts for the first one. */
export async function connectedFake() {
  const fake = await FakeFacebook.start()
  const connected = await connectThroughFake(facebook, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const [first] = connected.value
  const account = { ...contextFor(fake), account: first.profile, token: first.token }
  const publishContext = (
    post: Partial<PostDraft<FacebookOptions>>
  ): PublishContext<FacebookOptions> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: { text: 'Hello from the Facebook tests', media: [], options: {}, ...post },
  })
  return { fake, connections: connected.value, account, publishContext }
}
