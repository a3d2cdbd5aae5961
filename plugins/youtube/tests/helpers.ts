import { randomUUID } from 'node:crypto'
import type { PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import { videoFixture } from '#sdk/testing/media_fixtures'
import youtube from '../index.js'
import { FakeYouTube } from '../fake/server.js'
import type { YouTubeOptions } from '../options.js'

export const OPTIONS: YouTubeOptions = {
  title: 'Pistache at work',
  privacy: 'unlisted',
  madeForKids: false,
  categoryId: '22',
}

/** A fake YouTube with the first channel connected, and publish contexts carrying a video. */
/** Connects through the fake; `channelId` is the channel chosen on Google's consent screen (the first by default). */
export async function connectedFake(settings: Record<string, unknown> = {}, channelId?: string) {
  const fake = await FakeYouTube.start()
  if (channelId) fake.chooseChannelAtConsent(channelId)
  const connected = await connectThroughFake(youtube, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const base = contextFor(fake)
  const account = {
    ...base,
    settings: { ...base.settings, ...settings },
    account: connected.value[0].profile,
    token: connected.value[0].token,
  }
  const publishContext = (
    post: Partial<PostDraft<YouTubeOptions>> = {}
  ): PublishContext<YouTubeOptions> => ({
    ...account,
    idempotencyKey: randomUUID(),
    post: {
      text: 'Behind the scenes at Pistache',
      media: [videoFixture()],
      options: OPTIONS,
      ...post,
    },
  })
  return { fake, account, connections: connected.value, publishContext }
}

export async function publishToTheEnd(ctx: PublishContext<YouTubeOptions>) {
  let outcome = await youtube.publish(ctx)
  for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
    outcome = await youtube.checkStatus!(ctx, outcome.handle)
  return outcome
}
