import { randomUUID } from 'node:crypto'
import type { Connection, PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import linkedin from '../index.js'
import { FakeLinkedIn } from '../fake/server.js'
import type { LinkedInOptions } from '../options.js'

/** A fake LinkedIn, every connection the picker offers, and publish contexts for any of them. */
export async function connectedFake(settings: Record<string, unknown> = {}) {
  const fake = await FakeLinkedIn.start()
  const base = contextFor(fake)
  const ctx = { ...base, settings: { ...base.settings, ...settings } }
  const connected = await connectThroughFake(linkedin, {
    ...fake,
    settings: ctx.settings,
  } as unknown as FakeLinkedIn)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const as = (connection: Connection) => ({
    ...ctx,
    account: connection.profile,
    token: connection.token,
  })
  const publishContext = (
    connection: Connection,
    post: Partial<PostDraft<LinkedInOptions>>
  ): PublishContext<LinkedInOptions> => ({
    ...as(connection),
    idempotencyKey: randomUUID(),
    post: { text: 'Hello from the LinkedIn tests', media: [], options: {}, ...post },
  })
  return { fake, connections: connected.value, as, publishContext }
}

/** Publishes and keeps polling while pending, as the pipeline would. */
export async function publishToTheEnd(ctx: PublishContext<LinkedInOptions>) {
  let outcome = await linkedin.publish(ctx)
  for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
    outcome = await linkedin.checkStatus!(ctx, outcome.handle)
  return outcome
}
