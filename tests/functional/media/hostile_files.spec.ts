import { test } from '@japa/runner'
import MediaAsset from '#models/media_asset'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { mediaDisk } from '#services/media/storage'
import {
  audioOnlyMp4,
  clearMediaDisk,
  jpegWithGps,
  mediaConfig,
  pixelFloodPng,
  smallVideo,
  startMediaWorker,
  storedFiles,
  upload,
  waitForStatus,
} from './_helpers.js'

test.group('Media / hostile uploads are refused with a clear 4xx and nothing stored', (group) => {
  withCleanState(group)
  let owner: User
  let workspace: Workspace

  group.each.setup(async () => {
    await clearMediaDisk()
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
  })

  async function assertRefused(
    response: any,
    assert: any,
    status: number,
    code: string,
    messagePart: string
  ) {
    assert.equal(response.status(), status, response.text())
    const body = response.body()
    assert.lengthOf(body.uploaded, 0)
    assert.equal(body.rejected[0].code, code)
    assert.include(body.rejected[0].message, messagePart)
    assert.lengthOf(await MediaAsset.all(), 0)
    assert.deepEqual(await storedFiles(), [])
  }

  test('a truncated JPEG', async ({ client, assert }) => {
    const good = await jpegWithGps(1200, 900)
    const response = await upload(client, workspace.slug, owner, [
      { name: 'cut.jpg', bytes: good.subarray(0, Math.floor(good.length * 0.6)) },
    ])
    await assertRefused(response, assert, 422, 'corrupt', 'damaged or incomplete')
  })

  test('a PNG pixel flood (a tiny file declaring 50000 × 50000)', async ({ client, assert }) => {
    const bomb = pixelFloodPng()
    assert.isBelow(bomb.length, 1_000_000)
    const response = await upload(client, workspace.slug, owner, [
      { name: 'bomb.png', bytes: bomb },
    ])
    await assertRefused(response, assert, 422, 'pixel_flood', '50000 × 50000')
  })

  test('a file whose extension lies: HTML named .jpg', async ({ client, assert }) => {
    const response = await upload(client, workspace.slug, owner, [
      {
        name: 'cat.jpg',
        bytes: Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'),
      },
    ])
    await assertRefused(response, assert, 415, 'unsupported_type', 'not a supported image or video')
  })

  test('HTML and SVG with script', async ({ client, assert }) => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>'
    )
    await assertRefused(
      await upload(client, workspace.slug, owner, [{ name: 'logo.svg', bytes: svg }]),
      assert,
      415,
      'unsupported_type',
      'logo.svg'
    )
    const html = Buffer.from('<!doctype html><title>x</title><script>fetch("/")</script>')
    await assertRefused(
      await upload(client, workspace.slug, owner, [{ name: 'page.html', bytes: html }]),
      assert,
      415,
      'unsupported_type',
      'page.html'
    )
  })

  test('an oversized file', async ({ client, assert, cleanup }) => {
    const config = mediaConfig()
    const previous = config.maxImageBytes
    config.maxImageBytes = 10_000
    cleanup(() => {
      config.maxImageBytes = previous
    })
    const response = await upload(client, workspace.slug, owner, [
      { name: 'big.jpg', bytes: await jpegWithGps(1600, 1200) },
    ])
    await assertRefused(response, assert, 413, 'too_large', 'too large')
  })

  test('a video with no video stream (audio only)', async ({ client, assert }) => {
    const response = await upload(client, workspace.slug, owner, [
      { name: 'song.mp4', bytes: await audioOnlyMp4() },
    ])
    assert.oneOf(response.body().rejected?.[0]?.code, ['no_video_stream', 'unsupported_type'])
    await assertRefused(
      response,
      assert,
      response.status(),
      response.body().rejected[0].code,
      'song.mp4'
    )
    assert.oneOf(response.status(), [415, 422])
  })

  test('a zero-byte file', async ({ client, assert }) => {
    const response = await upload(client, workspace.slug, owner, [
      { name: 'empty.png', bytes: Buffer.alloc(0) },
    ])
    await assertRefused(response, assert, 422, 'empty', 'empty')
  })

  test('messages follow the user’s language', async ({ client, assert }) => {
    owner.locale = 'fr'
    await owner.save()
    const response = await upload(client, workspace.slug, owner, [
      { name: 'page.html', bytes: Buffer.from('<html></html>') },
    ])
    assert.equal(response.status(), 415)
    assert.include(
      response.body().rejected[0].message,
      'n’est pas une image ou une vidéo prise en charge'
    )
  })

  test('in a batch, good files are kept and bad ones reported one by one (207)', async ({
    client,
    assert,
  }) => {
    const response = await upload(client, workspace.slug, owner, [
      { name: 'good.jpg', bytes: await jpegWithGps() },
      { name: 'bomb.png', bytes: pixelFloodPng() },
    ])
    assert.equal(response.status(), 207)
    assert.deepEqual(
      response.body().uploaded.map((item: any) => item.name),
      ['good.jpg']
    )
    assert.deepEqual(
      response.body().rejected.map((item: any) => item.code),
      ['pixel_flood']
    )
    assert.lengthOf(await MediaAsset.all(), 1)
    assert.lengthOf(await storedFiles(), 1)
  })

  test('the worker survives a file that breaks processing and goes on with the next one', async ({
    client,
    assert,
    cleanup,
  }) => {
    // A video accepted at upload whose stored bytes are then damaged (a disk fault, a bad copy).
    const first = await upload(client, workspace.slug, owner, [
      { name: 'clip.mp4', bytes: await smallVideo() },
    ])
    assert.equal(first.status(), 201, first.text())
    const broken = await MediaAsset.findOrFail(first.body().uploaded[0].id)
    await (await mediaDisk()).put(broken.storageKey, Buffer.from('garbage, not a video'))
    const { runner } = await startMediaWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const failed = await waitForStatus(broken.id)
    assert.equal(failed.status, 'failed')
    assert.isNotNull(failed.failureReason)

    const second = await upload(client, workspace.slug, owner, [
      { name: 'photo.jpg', bytes: await jpegWithGps() },
    ])
    const ready = await waitForStatus(second.body().uploaded[0].id)
    assert.equal(ready.status, 'ready')
    assert.isNotNull(ready.thumbnailKey)
  }).timeout(60_000)
})
