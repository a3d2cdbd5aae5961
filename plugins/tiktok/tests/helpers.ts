import { randomUUID } from 'node:crypto'
import type { MediaItem, PostDraft, PublishContext } from '#sdk'
import { connectThroughFake, contextFor } from '#sdk/testing/connect'
import { videoFixture } from '#sdk/testing/media_fixtures'
import { MediaHost } from '#sdk/testing/media_host'
import tiktok from '../index.js'
import { FakeTikTok } from '../fake/server.js'
import type { TikTokOptions } from '../options.js'

/** The smallest well-formed JPEG header TikTok's format check needs (SOI + APP0/JFIF). */
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
])

export function jpegFixture(): MediaItem {
  return {
    kind: 'image',
    mimeType: 'image/jpeg',
    bytes: JPEG.length,
    width: 1080,
    height: 1350,
    altText: null,
    read: async () => JPEG,
  }
}

export function bigVideo(bytes: number): MediaItem {
  const data = new Uint8Array(bytes)
  data.set(Buffer.from('\0\0\0\x18ftypmp42'), 0)
  return videoFixture({ bytes, read: async () => data })
}

/** A fake TikTok with one connected account, a media host for photo URLs, and publish contexts. */
export async function connectedFake(settings: Record<string, unknown> = {}) {
  const fake = await FakeTikTok.start()
  const host = await new MediaHost().start()
  const connected = await connectThroughFake(tiktok, fake)
  if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
  const { profile, token } = connected.value[0]
  const base = contextFor(fake)
  const account = { ...base, settings: { ...base.settings, ...settings }, account: profile, token }
  const publishContext = (
    post: Partial<PostDraft<TikTokOptions>>,
    timeoutMs?: number
  ): PublishContext<TikTokOptions> => ({
    ...account,
    ...(timeoutMs ? { http: contextFor(fake, timeoutMs).http } : {}),
    idempotencyKey: randomUUID(),
    post: {
      text: 'Hello from the TikTok tests',
      media: [videoFixture()],
      options: { privacyLevel: 'SELF_ONLY' },
      ...post,
    },
  })
  /** Publishes as the pipeline does: polls while pending. */
  async function publish(ctx: PublishContext<TikTokOptions>) {
    let outcome = await tiktok.publish(ctx)
    for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++)
      outcome = await tiktok.checkStatus!(ctx, outcome.handle)
    return outcome
  }
  const close = async () => {
    await fake.close()
    await host.close()
  }
  return { fake, host, account, publishContext, publish, close }
}
