import { randomUUID } from 'node:crypto'
import type {
  AccountContext,
  MediaItem,
  PostDraft,
  PublishContext,
  PublishOutcome,
  Published,
} from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import { MediaHost } from '#sdk/testing/media_host'
import instagram from '../index.js'
import { FakeInstagram } from '../fake/server.js'
import type { InstagramOptions } from '../options.js'

/** A fake Instagram with its accounts connected, a media host serving public URLs, and publish helpers. */
export async function connectedFake() {
  const fake = await FakeInstagram.start()
  const host = await new MediaHost().start()
  const connected = await connectThroughFake(instagram, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const [first] = connected.value
  const account: AccountContext = {
    ...contextFor(fake, 1000),
    account: first.profile,
    token: first.token,
  }
  const hosted = (items: MediaItem[]) => Promise.all(items.map((item) => host.publish(item)))
  const publishContext = (
    post: Partial<PostDraft<InstagramOptions>>
  ): PublishContext<InstagramOptions> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: { text: 'Hello from the Instagram tests', media: [], options: {}, ...post },
  })
  /** Publishes and polls as the pipeline does (back to back). */
  async function publish(
    ctx: PublishContext<InstagramOptions>
  ): Promise<PublishOutcome<Published>> {
    let outcome = await instagram.publish(ctx)
    for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
      outcome = await instagram.checkStatus!(ctx, outcome.handle)
    return outcome
  }
  const close = async () => {
    await fake.close()
    await host.close()
  }
  return {
    fake,
    host,
    connections: connected.value,
    account,
    hosted,
    publishContext,
    publish,
    close,
  }
}
