import { test } from '@japa/runner'
import { checkPost, capabilitiesOf } from '../check_post.js'
import { videoFixture } from './media_fixtures.js'
import type { KitHarness } from './conformance_harness.js'

/**
 * Publishing text, images and video as written, and refusing what breaks a limit before any
 * request.
 */
export function publishTests<O>(h: KitHarness<O>) {
  const { plugin } = h.subject
  const caps = plugin.capabilities

  test('publishes text exactly as written', async ({ assert }) => {
    const text = 'Ship it 🚀 — café at https://example.com/launch'
    const ctx = h.publishContext({ text })
    assert.deepEqual(checkPost(plugin, ctx.post, ctx.account), [])
    const outcome = await h.publish(ctx)
    assert.equal(outcome.status, 'ok')
    if (outcome.status !== 'ok') return
    assert.isNotEmpty(outcome.value.externalId)
    assert.equal(h.fake.storedPost(outcome.value.externalId)?.text, text)
  })

  test('publishes images with their alt text', async ({ assert }) => {
    if (!caps.images) return assert.isUndefined(caps.images)
    const media = await h.hosted(
      [h.image('A pistachio on a plate'), h.image('Second picture')].slice(0, caps.images.max)
    )
    const outcome = await h.publish(h.publishContext({ media }))
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
    if (outcome.status !== 'ok') return
    const stored = h.fake.storedPost(outcome.value.externalId)!
    assert.lengthOf(stored.media, media.length)
    if (caps.images.altText?.perPost) {
      for (const item of media) assert.include(stored.media[0].altText ?? '', item.altText!)
    } else if (caps.images.altText?.supported) {
      assert.deepEqual(
        stored.media.map((m) => m.altText),
        media.map((m) => m.altText)
      )
    }
  })

  test('publishes a video where the network allows it', async ({ assert }) => {
    if (!caps.video) return assert.isUndefined(caps.video)
    const outcome = await h.publish(h.publishContext({ media: await h.hosted([videoFixture()]) }))
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome))
    if (outcome.status === 'ok')
      assert.equal(h.fake.storedPost(outcome.value.externalId)?.media[0]?.kind, 'video')
  })

  test('limits are enforced before any request', async ({ assert }) => {
    const requestsBefore = h.fake.server.requests.length
    const account = h.connection.profile
    const limit = capabilitiesOf(plugin, account).text.limit
    const tooLong = h.publishContext({ text: 'a'.repeat(limit + 1) })
    assert.include(
      checkPost(plugin, tooLong.post, account).map((i) => i.code),
      'text_too_long'
    )
    if (caps.attachments && caps.images) {
      const tooMany = h.publishContext({
        media: Array.from({ length: caps.attachments.max + 1 }, () => h.image('x')),
      })
      assert.include(
        checkPost(plugin, tooMany.post, account).map((i) => i.code),
        'too_many_attachments'
      )
    }
    if (caps.images) {
      const tooMany = h.publishContext({
        media: Array.from({ length: caps.images.max + 1 }, () => h.image('x')),
      })
      assert.include(
        checkPost(plugin, tooMany.post, account).map((i) => i.code),
        'too_many_images'
      )
    }
    if (h.subject.missingRequiredOption) {
      const missing = h.publishContext({ options: h.subject.missingRequiredOption })
      assert.include(
        checkPost(plugin, missing.post, account).map((i) => i.code),
        'option_required'
      )
    }
    assert.equal(
      h.fake.server.requests.length,
      requestsBefore,
      'checking a post must not call the network'
    )
  })
}
