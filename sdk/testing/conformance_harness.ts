import { randomUUID } from 'node:crypto'
import type { Group } from '@japa/runner/core'
import type {
  AccountContext,
  Connection,
  MediaItem,
  PostDraft,
  Published,
  PublishContext,
} from '../contract.js'
import type { PublishOutcome } from '../results.js'
import type { FakeNetwork } from './fake_network.js'
import { connectThroughFake, contextFor } from './connect.js'
import { acceptedImageFixture, videoFixture } from './media_fixtures.js'
import { MediaHost } from './media_host.js'
import type { ConformanceSubject } from './conformance_subject.js'

/**
 * What every conformance test starts from: a fresh fake, a media host and one connected
 * account, made again before each test so no test sees another's posts or faults. The fields
 * are read when a test runs (they change between tests), hence an object rather than values.
 */
export interface KitHarness<O> {
  subject: ConformanceSubject<O>
  fake: FakeNetwork
  connection: Connection
  /** What a plain post carries: nothing, or one image (else a video) where media is required. */
  plainMedia: MediaItem[]
  /** Networks that fetch media by URL get items the media host serves, like the app's signed URLs. */
  hosted(items: MediaItem[]): Promise<MediaItem[]>
  /** An image in a format the network accepts. */
  image(altText: string): MediaItem
  /** The plugin context with the connected account and its token (stats, choices, refresh). */
  accountContext(): AccountContext
  /** A publish context for a valid post, with `post` laid over the defaults. */
  publishContext(post: Partial<PostDraft<O>>, timeoutMs?: number): PublishContext<O>
  /** Publishes as the pipeline does: polls `checkStatus` while the answer is pending. */
  publish(ctx: PublishContext<O>): Promise<PublishOutcome<Published>>
}

/** Registers the per-test set-up on `group` and returns the harness its tests read. */
export function kitHarness<O>(subject: ConformanceSubject<O>, group: Group): KitHarness<O> {
  const { plugin } = subject
  const caps = plugin.capabilities
  let mediaHost: MediaHost

  const harness: KitHarness<O> = {
    subject,
    fake: undefined as unknown as FakeNetwork,
    connection: undefined as unknown as Connection,
    plainMedia: [],
    hosted: async (items) =>
      caps.mediaByPublicUrl ? Promise.all(items.map((item) => mediaHost.publish(item))) : items,
    image: (altText) =>
      acceptedImageFixture(caps.images?.formats ?? ['image/png'], altText, caps.images?.minBytes),
    accountContext: () => ({
      ...contextFor(harness.fake),
      account: harness.connection.profile,
      token: harness.connection.token,
    }),
    publishContext: (post, timeoutMs) => ({
      ...contextFor(harness.fake, timeoutMs),
      account: harness.connection.profile,
      token: harness.connection.token,
      idempotencyKey: randomUUID(),
      post: {
        text: 'Hello from the conformance kit',
        media: harness.plainMedia,
        options: subject.validOptions,
        ...post,
      },
    }),
    publish: async (ctx) => {
      let outcome = await plugin.publish(ctx)
      for (let polls = 0; outcome.status === 'pending' && polls < 20; polls++) {
        if (!plugin.checkStatus) throw new Error('pending result but no checkStatus hook')
        outcome = await plugin.checkStatus(ctx, outcome.handle)
      }
      return outcome
    },
  }

  group.each.setup(async () => {
    harness.fake = await subject.startFake()
    mediaHost = await new MediaHost().start()
    const connected = await connectThroughFake(plugin, harness.fake)
    if (connected.status !== 'ok') throw new Error(`connect failed: ${JSON.stringify(connected)}`)
    harness.connection = connected.value[0]
    harness.plainMedia = caps.mediaRequired
      ? await harness.hosted([
          caps.images
            ? acceptedImageFixture(caps.images.formats, null, caps.images.minBytes)
            : videoFixture(),
        ])
      : []
    return async () => {
      await harness.fake.close()
      await mediaHost.close()
    }
  })
  return harness
}
