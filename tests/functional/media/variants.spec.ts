import { test } from '@japa/runner'
import sharp from 'sharp'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import MediaVariant from '#models/media_variant'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { outboundPolicy } from '#sdk'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { pluginMediaItems } from '#services/media/plugin_media_items'
import { MediaNotReadyError, MediaUnusableError } from '#services/media/errors'
import { probeVideo } from '#services/media/probe'
import { removeTemp, tempPath } from '#services/media/storage'
import { writeFile } from 'node:fs/promises'
import { blueskyCapabilities } from '#plugins/bluesky/capabilities'
import { xCapabilities } from '#plugins/x/capabilities'
import {
  clearMediaDisk,
  jpegWithGps,
  mediaConfig,
  noisyPng,
  smallVideo,
  startMediaWorker,
  upload,
  waitForStatus,
} from './_helpers.js'

test.group('Media / per-network variants for publishing', (group) => {
  withCleanState(group)
  let owner: User
  let workspace: Workspace

  group.each.setup(async () => {
    await clearMediaDisk()
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
  })

  test('a large PNG and a wide video fit Bluesky and X limits, made once per network', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { runner } = await startMediaWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const png = await noisyPng(1800, 1400)
    assert.isAbove(
      png.length,
      blueskyCapabilities.images!.maxBytes!,
      'the fixture is over Bluesky’s 2 MB'
    )
    const response = await upload(client, workspace.slug, owner, [
      { name: 'poster.png', bytes: png },
      { name: 'wide.mp4', bytes: await smallVideo(1, '1600x400') },
    ])
    assert.equal(response.status(), 201, response.text())
    const [image, video] = response.body().uploaded
    await waitForStatus(image.id)
    await waitForStatus(video.id)

    const [forBluesky] = await pluginMediaItems([image.id], 'bluesky')
    assert.isAtMost(forBluesky.bytes, blueskyCapabilities.images!.maxBytes!)
    assert.include(blueskyCapabilities.images!.formats, forBluesky.mimeType)
    const bytes = await forBluesky.read()
    assert.equal(bytes.byteLength, forBluesky.bytes)
    assert.equal((await sharp(Buffer.from(bytes)).metadata()).width, forBluesky.width)

    const [forX] = await pluginMediaItems([video.id], 'x')
    const rules = xCapabilities.video!
    assert.equal(forX.mimeType, 'video/mp4')
    assert.isAtMost(forX.width!, rules.maxWidth!)
    assert.isAtMost(forX.height!, rules.maxHeight!)
    assert.isAtMost(
      forX.width! / forX.height!,
      rules.aspectRatio!.max + 0.01,
      '4:1 padded to X’s 3:1'
    )
    const local = tempPath('.mp4')
    await writeFile(local, await forX.read())
    const probe = await probeVideo(local, mediaConfig())
    await removeTemp(local)
    assert.equal(probe.videoCodec, 'h264')
    assert.equal(probe.audioCodec, 'aac')

    // Signed public URL for networks that fetch by URL: works without a session, not when tampered.
    const url = new URL(forX.publicUrl!)
    const fetched = await client.get(`${url.pathname}${url.search}`)
    fetched.assertStatus(200)
    assert.equal(fetched.header('content-type'), 'video/mp4')
    const tampered = await client.get(
      `${url.pathname}${url.search.replace('variant=x', 'variant=original')}`
    )
    tampered.assertStatus(403)

    // Cached: asking again makes nothing new.
    await pluginMediaItems([image.id], 'bluesky')
    assert.lengthOf(await MediaVariant.query().where('media_asset_id', image.id), 1)
  }).timeout(90_000)

  test('an original that already fits is reused without a copy; alt text travels', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { runner } = await startMediaWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const response = await upload(client, workspace.slug, owner, [
      { name: 'small.jpg', bytes: await jpegWithGps() },
    ])
    const id = response.body().uploaded[0].id
    await client
      .patch(`/w/${workspace.slug}/media/${id}`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ altText: 'A pistachio cake' })
      .redirects(0)
    await waitForStatus(id)
    const [item] = await pluginMediaItems([id], 'mastodon')
    assert.equal(item.altText, 'A pistachio cake')
    assert.equal(item.mimeType, 'image/jpeg')
    assert.deepEqual([item.width, item.height], [640, 480])
    const variant = await MediaVariant.findByOrFail('media_asset_id', id)
    assert.equal(variant.status, 'ready')
  }).timeout(30_000)

  test('without a worker the caller gets a retryable "not ready"; a deleted asset is a clear non-retryable error', async ({
    client,
    assert,
  }) => {
    const config = mediaConfig()
    const previous = config.variantWaitMs
    config.variantWaitMs = 300
    try {
      const response = await upload(client, workspace.slug, owner, [
        { name: 'late.jpg', bytes: await jpegWithGps() },
      ])
      const error = await pluginMediaItems([response.body().uploaded[0].id], 'x').catch(
        (caught) => caught
      )
      assert.instanceOf(error, MediaNotReadyError)
      assert.isTrue(error.retryable)
      assert.include(error.message, 'late.jpg')
      const missing = await pluginMediaItems([999_999], 'x').catch((caught) => caught)
      assert.instanceOf(missing, MediaUnusableError)
      assert.isFalse(missing.retryable)
    } finally {
      config.variantWaitMs = previous
    }
  })
})

test.group('Media / import from URL', (group) => {
  withCleanState(group)
  let server: Server
  let port: number
  let owner: User
  let workspace: Workspace

  group.setup(async () => {
    const jpeg = await jpegWithGps()
    server = createServer((req, res) => {
      if (req.url === '/photo.jpg')
        return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg)
      if (req.url === '/page')
        return res
          .writeHead(200, { 'content-type': 'image/jpeg' })
          .end('<html><script>alert(1)</script></html>')
      if (req.url === '/to-metadata')
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    return () => new Promise<void>((resolve) => server.close(() => resolve()))
  })

  /** The test's image host stands for a public server: its exact address is allowed, nothing else. */
  const allowImageHost = () => outboundPolicy.allow(`127.0.0.1:${port}`)

  group.each.setup(async () => {
    await clearMediaDisk()
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
  })

  const importUrl = (client: any, url: string) =>
    client
      .post(`/w/${workspace.slug}/media/import`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ url })
      .redirects(0)

  test('imports an image by URL from a host the policy allows', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(allowImageHost())
    const response = await importUrl(client, `http://127.0.0.1:${port}/photo.jpg`)
    assert.equal(response.status(), 201, response.text())
    assert.equal(response.body().uploaded[0].name, 'photo.jpg')
    assert.equal(response.body().uploaded[0].mimeType, 'image/jpeg')
  })

  test('loopback (unless allowed), metadata and disguised HTML are refused', async ({
    client,
    assert,
    cleanup,
  }) => {
    for (const url of [
      `http://127.0.0.1:${port}/photo.jpg`,
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost/',
      'http://169.254.169.254/',
    ]) {
      const response = await importUrl(client, url)
      assert.equal(response.status(), 422, url)
      assert.equal(response.body().rejected[0].code, 'import_blocked', url)
    }
    cleanup(allowImageHost())
    const html = await importUrl(client, `http://127.0.0.1:${port}/page`)
    assert.equal(html.status(), 415)
  })
})
