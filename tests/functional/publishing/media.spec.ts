import { test } from '@japa/runner'
import sharp from 'sharp'
import { publishNow } from '#actions/posts/publish_now'
import { createPost } from '#actions/posts/create_post'
import { withCleanState } from '#tests/helpers/database'
import {
  clearMediaDisk,
  noisyPng,
  startMediaWorker,
  upload,
  waitForStatus,
} from '#tests/functional/media/_helpers'
import { blueskyCapabilities } from '#plugins/bluesky/capabilities'
import { settled, startWorker, withWorld } from './_fixtures.js'

/**
 * The media issue's end-to-end promise: a photo uploaded to the library and attached to a
 * post reaches each network as a variant that respects that network's limits, with its alt text.
 */
test.group('Publishing with media from the library', (group) => {
  withCleanState(group)
  const world = withWorld(group)
  group.each.setup(() => clearMediaDisk())

  test('an uploaded photo over Bluesky’s size limit reaches Bluesky and X as fitting variants, alt text kept', async ({
    client,
    assert,
    cleanup,
  }) => {
    const media = await startMediaWorker()
    const publishing = await startWorker()
    cleanup(async () => {
      await publishing.runner.stop()
      await media.runner.stop()
    })
    const photo = await noisyPng(1800, 1400)
    assert.isAbove(photo.length, blueskyCapabilities.images!.maxBytes!)
    const response = await upload(client, world.workspace.slug, world.owner, [
      { name: 'croissants.png', bytes: photo },
    ])
    assert.equal(response.status(), 201, response.text())
    const asset = await waitForStatus(response.body().uploaded[0].id)
    assert.equal(asset.status, 'ready', asset.failureReason ?? '')

    const created = await createPost({
      workspace: world.workspace,
      author: world.owner,
      body: 'Fresh croissants, with a picture',
      targets: [
        { socialAccountId: world.accounts.bluesky.id },
        { socialAccountId: world.accounts.x.id },
      ],
      media: [{ mediaAssetId: asset.id, altText: 'A tray of croissants' }],
    })
    assert.equal(created.status, 'created')
    if (created.status !== 'created') return
    await publishNow({ post: created.post, actor: world.owner })
    const deliveries = await settled(created.post.id, ['published', 'failed', 'unknown'], 30_000)
    assert.deepEqual(
      deliveries.map((d) => [d.network, d.status, d.lastError]),
      [
        ['bluesky', 'published', null],
        ['x', 'published', null],
      ]
    )

    for (const delivery of deliveries) {
      const fake = delivery.network === 'bluesky' ? world.bluesky : world.x
      const stored = fake.storedPost(delivery.externalId!)!
      assert.deepEqual(
        stored.media.map((m) => [m.kind, m.altText]),
        [['image', 'A tray of croissants']],
        delivery.network
      )
    }
    // What Bluesky received is within its 2 MB limit, though the original was not.
    const blobs = world.bluesky.server.requestsTo('POST', /uploadBlob$/)
    assert.lengthOf(blobs, 1)
    assert.isAtMost(blobs[0].rawBody.length, blueskyCapabilities.images!.maxBytes!)
    const { width } = await sharp(Buffer.from(blobs[0].rawBody)).metadata()
    assert.isAbove(width ?? 0, 0)
  }).timeout(90_000) // image processing and two uploads: its own 30 s wait must fit inside
})
