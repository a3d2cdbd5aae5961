import { test } from '@japa/runner'
import sharp from 'sharp'
import db from '@adonisjs/lucid/services/db'
import MediaAsset from '#models/media_asset'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { addMember, makeUser, makeWorkspace } from '#tests/functional/workspaces/_helpers'
import { mediaDisk } from '#services/media/storage'
import { probeVideo } from '#services/media/probe'
import { downloadToTemp, removeTemp } from '#services/media/storage'
import {
  clearMediaDisk,
  jpegWithGps,
  mediaConfig,
  smallVideo,
  startMediaWorker,
  storedFiles,
  upload,
  waitForStatus,
} from './_helpers.js'

test.group('Media / library', (group) => {
  withCleanState(group)
  let owner: User
  let workspace: Workspace

  group.each.setup(async () => {
    await clearMediaDisk()
    owner = await makeUser()
    workspace = await makeWorkspace(owner)
  })

  test('a photo and a phone video become ready with thumbnails; location metadata is gone', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { runner } = await startMediaWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const photo = await jpegWithGps(800, 600)
    assert.isDefined((await sharp(photo).metadata()).exif, 'the fixture carries EXIF')
    const response = await upload(client, workspace.slug, owner, [
      { name: 'IMG_0001.JPG', bytes: photo },
      { name: 'VID_0001.mp4', bytes: await smallVideo() },
    ])
    assert.equal(response.status(), 201, response.text())
    const [image, video] = response.body().uploaded
    assert.equal(image.status, 'processing')
    assert.notProperty(image, 'storageKey')

    const readyImage = await waitForStatus(image.id)
    const readyVideo = await waitForStatus(video.id)
    assert.equal(readyImage.status, 'ready')
    assert.equal(readyVideo.status, 'ready', readyVideo.failureReason ?? '')
    assert.match(
      readyImage.storageKey,
      new RegExp(`^w${workspace.id}/originals/[0-9a-f-]{36}\\.jpg$`)
    )
    assert.notInclude(readyImage.storageKey, 'IMG_0001')
    assert.deepEqual([readyImage.width, readyImage.height], [800, 600])
    assert.deepEqual([readyVideo.width, readyVideo.height], [320, 240])
    assert.closeTo(readyVideo.durationSeconds!, 2, 0.2)

    const disk = await mediaDisk()
    const stored = Buffer.from(await disk.getBytes(readyImage.storageKey))
    assert.isUndefined((await sharp(stored).metadata()).exif, 'EXIF (GPS) stripped')
    const thumb = await sharp(Buffer.from(await disk.getBytes(readyVideo.thumbnailKey!))).metadata()
    assert.equal(thumb.format, 'webp')

    const local = await downloadToTemp(readyVideo.storageKey, '.mp4')
    const { stdout } = await import('node:child_process').then(({ execFileSync }) => ({
      stdout: execFileSync(mediaConfig().ffprobePath, [
        '-v',
        'error',
        '-show_entries',
        'format_tags',
        '-of',
        'json',
        local,
      ]).toString(),
    }))
    assert.notInclude(stdout, 'location')
    assert.isTrue((await probeVideo(local, mediaConfig())).hasVideo)
    await removeTemp(local)

    const page = await client.get(`/w/${workspace.slug}/media`).loginAs(owner).withInertia()
    page.assertInertiaComponent('media/index')
    const assets = page.inertiaProps.assets as any[]
    assert.lengthOf(assets, 2)
    assert.isTrue(assets.every((asset) => asset.status === 'ready' && asset.thumbnailUrl))
  }).timeout(60_000)

  test('files are served with a safe type, nosniff, a server-made name and a locked-down CSP', async ({
    client,
    assert,
  }) => {
    const response = await upload(client, workspace.slug, owner, [
      { name: '"><script>.jpg', bytes: await jpegWithGps() },
    ])
    const id = response.body().uploaded[0].id
    const file = await client.get(`/w/${workspace.slug}/media/${id}/file`).loginAs(owner)
    file.assertStatus(200)
    assert.equal(file.header('content-type'), 'image/jpeg')
    assert.equal(file.header('x-content-type-options'), 'nosniff')
    assert.equal(file.header('content-disposition'), `inline; filename="media-${id}.jpg"`)
    assert.include(file.header('content-security-policy'), "default-src 'none'")
    assert.include(file.header('content-security-policy'), 'sandbox')
    const asset = await MediaAsset.findOrFail(id)
    assert.notInclude(asset.originalName, '"')
    assert.notInclude(asset.originalName, '<')
  })

  test('files answer byte ranges, as video players and network fetchers ask for them', async ({
    client,
    assert,
  }) => {
    const uploaded = await upload(client, workspace.slug, owner, [
      { name: 'croissant.jpg', bytes: await jpegWithGps() },
    ])
    const url = `/w/${workspace.slug}/media/${uploaded.body().uploaded[0].id}/file`
    const whole = await client.get(url).loginAs(owner)
    whole.assertStatus(200)
    assert.equal(whole.header('accept-ranges'), 'bytes')
    const bytes = whole.body() as Buffer
    assert.isAbove(bytes.length, 100)

    const part = await client.get(url).loginAs(owner).header('range', 'bytes=10-49')
    part.assertStatus(206)
    assert.equal(part.header('content-range'), `bytes 10-49/${bytes.length}`)
    assert.equal(part.header('content-length'), '40')
    assert.deepEqual([...(part.body() as Buffer)], [...bytes.subarray(10, 50)])

    const tail = await client.get(url).loginAs(owner).header('range', 'bytes=-16')
    tail.assertStatus(206)
    assert.deepEqual([...(tail.body() as Buffer)], [...bytes.subarray(bytes.length - 16)])

    const beyond = await client.get(url).loginAs(owner).header('range', `bytes=${bytes.length}-`)
    beyond.assertStatus(416)
    assert.equal(beyond.header('content-range'), `bytes */${bytes.length}`)
  })

  test('search by name or alt text, and alt text editing', async ({ client, assert }) => {
    const response = await upload(client, workspace.slug, owner, [
      { name: 'beach.jpg', bytes: await jpegWithGps() },
      { name: 'office.jpg', bytes: await jpegWithGps() },
    ])
    const [beach, office] = response.body().uploaded
    const edit = await client
      .patch(`/w/${workspace.slug}/media/${office.id}`)
      .loginAs(owner)
      .withCsrfToken()
      .withInertia()
      .json({ altText: 'Team at the SUNSET party' })
      .redirects(0)
    assert.oneOf(edit.status(), [302, 303])
    assert.equal((await MediaAsset.findOrFail(office.id)).altText, 'Team at the SUNSET party')

    const byAlt = await client
      .get(`/w/${workspace.slug}/media?q=sunset`)
      .loginAs(owner)
      .withInertia()
    assert.deepEqual(
      (byAlt.inertiaProps.assets as any[]).map((asset) => asset.id),
      [office.id]
    )
    const byName = await client
      .get(`/w/${workspace.slug}/media?q=BEACH`)
      .loginAs(owner)
      .withInertia()
    assert.deepEqual(
      (byName.inertiaProps.assets as any[]).map((asset) => asset.id),
      [beach.id]
    )
    const wildcard = await client
      .get(`/w/${workspace.slug}/media?q=%25`)
      .loginAs(owner)
      .withInertia()
    assert.lengthOf(wildcard.inertiaProps.assets as any[], 0)
  })

  test('delete is refused while a scheduled post uses the file, allowed once it is published', async ({
    client,
    assert,
  }) => {
    const response = await upload(client, workspace.slug, owner, [
      { name: 'launch.jpg', bytes: await jpegWithGps() },
    ])
    const id = response.body().uploaded[0].id
    const now = new Date()
    const [post] = await db
      .table('posts')
      .insert({
        workspace_id: workspace.id,
        author_id: owner.id,
        body: 'Launch!',
        status: 'scheduled',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
    const postId = typeof post === 'object' ? post.id : post
    await db.table('post_media').insert({
      post_id: postId,
      media_asset_id: id,
      position: 0,
      created_at: now,
      updated_at: now,
    })

    const refused = await client
      .delete(`/w/${workspace.slug}/media/${id}`)
      .loginAs(owner)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.oneOf(refused.status(), [302, 303])
    assert.include(refused.flashMessage('error'), 'used by 1 post(s) not yet published')
    assert.exists(await MediaAsset.find(id))
    assert.lengthOf(await storedFiles(), 1)

    await db.from('posts').where('id', postId).update({ status: 'published' })
    const deleted = await client
      .delete(`/w/${workspace.slug}/media/${id}`)
      .loginAs(owner)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.include(deleted.flashMessage('success'), 'launch.jpg')
    assert.isNull(await MediaAsset.find(id))
    assert.deepEqual(await storedFiles(), [])
  })

  test('viewers can browse but not upload, edit or delete', async ({ client, assert }) => {
    const { user: viewer } = await addMember(workspace, 'viewer')
    const ownUpload = await upload(client, workspace.slug, owner, [
      { name: 'a.jpg', bytes: await jpegWithGps() },
    ])
    const id = ownUpload.body().uploaded[0].id
    const list = await client.get(`/w/${workspace.slug}/media`).loginAs(viewer).withInertia()
    list.assertStatus(200)
    const denied = await upload(client, workspace.slug, viewer, [
      { name: 'b.jpg', bytes: await jpegWithGps() },
    ])
    assert.oneOf(denied.status(), [302, 403])
    const del = await client
      .delete(`/w/${workspace.slug}/media/${id}`)
      .loginAs(viewer)
      .withCsrfToken()
      .redirects(0)
    assert.oneOf(del.status(), [302, 403])
    assert.lengthOf(await MediaAsset.all(), 1)
  })
})
