import { randomUUID } from 'node:crypto'
import type { MediaItem, PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import { imageFixture } from '#sdk/testing/media_fixtures'
import { MediaHost } from '#sdk/testing/media_host'
import pinterest from '../index.js'
import { BOARDS, FakePinterest } from '../fake/server.js'
import type { PinterestOptions } from '../options.js'

/** A fake Pinterest with a connected account, a media host for image URLs, and publish contexts. */
export async function connectedFake() {
  const fake = await FakePinterest.start()
  const mediaHost = await new MediaHost().start()
  const connected = await connectThroughFake(pinterest, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const { profile, token } = connected.value[0]
  const account = { ...contextFor(fake, 1000), account: profile, token }
  const hosted = (items: MediaItem[]) => Promise.all(items.map((item) => mediaHost.publish(item)))
  const publishContext = async (
    post: Partial<PostDraft<PinterestOptions>> = {}
  ): Promise<PublishContext<PinterestOptions>> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: {
      text: 'Pistachio cake, step by step',
      media: await hosted([imageFixture('A slice of cake')]),
      options: { board: BOARDS[0].id },
      ...post,
    },
  })
  const close = async () => {
    await fake.close()
    await mediaHost.close()
  }
  return { fake, account, hosted, publishContext, close }
}

export async function publishToTheEnd(ctx: PublishContext<PinterestOptions>) {
  let outcome = await pinterest.publish(ctx)
  for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
    outcome = await pinterest.checkStatus!(ctx, outcome.handle)
  return outcome
}
