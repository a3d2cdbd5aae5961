import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import type User from '#models/user'
import { withCleanState } from '#tests/helpers/database'
import { clearMediaDisk, jpegWithGps, startMediaWorker } from '#tests/functional/media/_helpers'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

/** A Mastodon account row: the composer only needs one to show its form (nothing is sent). */
async function composerWorld(owner: User) {
  const workspace = await makeWorkspace(owner, 'Bakery')
  await SocialAccount.create({
    workspaceId: workspace.id,
    network: 'mastodon',
    externalId: '109',
    handle: 'bakery@mastodon.example',
    displayName: 'Bakery',
    status: 'connected',
    meta: { instance: 'https://mastodon.example' },
    tokenCiphertext: 'sealed',
    connectedAt: DateTime.now(),
  })
  return workspace
}

/**
 * Pastes `bytes` as an image file, as a screenshot copied to the clipboard would arrive.
 * Browser-side code goes to the page as a string (the tests are type-checked without the DOM).
 */
async function pasteImage(page: Page, bytes: Buffer, name: string) {
  await page.evaluate(`(() => {
    const data = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0))
    const transfer = new DataTransfer()
    transfer.items.add(new File([data], ${JSON.stringify(name)}, { type: 'image/jpeg' }))
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, cancelable: true }))
  })()`)
}

test.group('Composer in the browser / uploading media without leaving it', (group) => {
  withCleanState(group)
  group.each.setup(async () => {
    await clearMediaDisk()
    return clearMediaDisk
  })

  test('with an empty library: pick a file and paste another, watch them upload and get ready, attach both, save', async ({
    visit,
    browserContext,
    assert,
    cleanup,
  }) => {
    const worker = await startMediaWorker()
    cleanup(async () => {
      await worker.runner.stop()
    })
    const owner = await makeUser()
    const workspace = await composerWorld(owner)

    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1100 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('target-mastodon')).click()
    await page
      .locator(dt('post-text'))
      .fill('Fresh croissants this morning with @chef #viennoiserie')
    // The preview shows the mention and the hashtag as Mastodon will: @chef on the account's instance.
    const mention = page.locator(`${dt('preview-mastodon')} [data-entity="mention"]`)
    await page.assertText(`${dt('preview-mastodon')} [data-entity="mention"]`, '@chef')
    assert.equal(await mention.getAttribute('title'), '@chef@mastodon.example')
    await page.assertText(`${dt('preview-mastodon')} [data-entity="tag"]`, '#viennoiserie')

    await page.locator(dt('open-media-picker')).click()
    await waitFor(page, dt('media-picker'))
    await page.assertTextContains(dt('library-empty'), 'Nothing in the library yet')
    await screenshot(page, 'composer-media-empty-library')

    // Choose a file: it goes up through the library's own endpoint, then the worker prepares it.
    await page.locator(dt('file-input')).setInputFiles({
      name: 'croissant.jpg',
      mimeType: 'image/jpeg',
      buffer: await jpegWithGps(800, 600),
    })
    await pasteImage(page, await jpegWithGps(640, 480), 'pain-au-chocolat.jpg')
    await waitFor(page, dt('upload-queue'))
    // Both get listed, picked in the order they were sent, and become ready.
    await page
      .locator(`${dt('media-choices')} button[aria-pressed="true"]`)
      .nth(1)
      .waitFor()
    await page.locator(dt('media-waiting')).waitFor({ state: 'hidden', timeout: 20_000 })
    await screenshot(page, 'composer-media-uploaded')
    assert.isFalse(await page.locator(dt('media-picker-confirm')).isDisabled())
    await page.locator(dt('media-picker-confirm')).click()

    await page.assertElementsCount(`${dt('attached-media')} > li`, 2)
    await page.assertTextContains(dt('attached-media'), 'croissant.jpg')
    await page.assertTextContains(dt('attached-media'), 'pain-au-chocolat.jpg')
    await screenshot(page, 'composer-media-attached')

    await page.locator(dt('action-draft')).click()
    await page.waitForURL(/\/posts\/\d+/)
    const post = await Post.query()
      .where('workspace_id', workspace.id)
      .preload('media')
      .firstOrFail()
    const assets = await MediaAsset.query()
      .where('workspace_id', workspace.id)
      .orderBy('original_name')
    assert.deepEqual(
      assets.map((asset) => [asset.originalName, asset.status, asset.uploadedById]),
      [
        ['croissant.jpg', 'ready', owner.id],
        ['pain-au-chocolat.jpg', 'ready', owner.id],
      ]
    )
    assert.sameMembers(
      post.media.map((item) => item.mediaAssetId),
      assets.map((asset) => asset.id)
    )
  })

  test('a file the library refuses says why, in French, and nothing is picked', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser({ locale: 'fr' })
    const workspace = await composerWorld(owner)
    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 390, height: 844 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('open-media-picker')).click()
    await page.assertTextContains(dt('library-empty'), 'La médiathèque est vide')
    await page.locator(dt('file-input')).setInputFiles({
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('not an image at all'),
    })
    await waitFor(page, dt('upload-error'))
    // The library's own verdict, in French with its typography (guillemets, one narrow space).
    await page.assertTextContains(dt('upload-error'), '«\u202fnotes.jpg\u202f» n’')
    await screenshot(page, 'composer-media-refused-fr-phone')
    assert.lengthOf(await MediaAsset.query().where('workspace_id', workspace.id), 0)
    await page.assertElementsCount(`${dt('media-choices')} button`, 0)
  })
})
