import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import MediaAsset from '#models/media_asset'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import { withCleanState } from '#tests/helpers/database'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

/** `#croissant0 … #croissant{n-1}`: Instagram takes 30 hashtags in a caption, no more. */
const caption = (count: number) =>
  `Fresh from the oven ${Array.from({ length: count }, (_, index) => `#croissant${index}`).join(' ')}`

test.group(
  'Composer in the browser / the server checks each network’s own rules while typing',
  (group) => {
    withCleanState(group)

    test('31 hashtags for Instagram show the plugin’s issue without saving and block scheduling; 30 clear it; offline says so once', async ({
      visit,
      browserContext,
      assert,
    }) => {
      const owner = await makeUser()
      const workspace = await makeWorkspace(owner, 'Bakery')
      // A row is enough: the check runs the plugin's rules on the server and never calls Instagram.
      await SocialAccount.create({
        workspaceId: workspace.id,
        network: 'instagram',
        externalId: '1784',
        handle: 'bakery',
        displayName: 'Bakery on Instagram',
        status: 'connected',
        meta: {},
        tokenCiphertext: 'sealed',
        connectedAt: DateTime.now(),
      })
      const photo = await MediaAsset.create({
        workspaceId: workspace.id,
        kind: 'image',
        originalName: 'croissant.jpg',
        mimeType: 'image/jpeg',
        bytes: 200_000,
        width: 1080,
        height: 1080,
        status: 'ready',
        storageKey: `w${workspace.id}/originals/croissant.jpg`,
        sha256: 'c'.repeat(64),
      })

      await browserContext.loginAs(owner)
      const page = await visit(`/w/${workspace.slug}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
      await page.setViewportSize({ width: 1360, height: 1400 })
      await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
      await page.locator(dt('target-instagram')).click()
      await page.locator(dt('open-media-picker')).click()
      await page.locator(dt(`media-choice-${photo.id}`)).click()
      await page.locator(dt('media-picker-confirm')).click()
      await page
        .locator(dt('schedule-date'))
        .fill(DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).toFormat('yyyy-MM-dd'))
      await page.locator(dt('schedule-time')).fill('10:30')
      await page.locator(dt('post-text')).fill(caption(30))
      await page.assertTextContains(dt('check-instagram'), 'Ready to publish on Instagram')
      assert.isFalse(await page.locator(dt('action-schedule')).isDisabled())

      // The SDK's generic checks in the browser know nothing of hashtags: this comes from the plugin, on the server.
      await page.locator(dt('post-text')).fill(caption(31))
      await waitFor(page, `${dt('check-instagram')} [data-issue="text_too_long"]`)
      await page.assertTextContains(dt('check-instagram'), 'Too many hashtags: 31, 30 at most.')
      await page.assertVisible(dt('blocking-hint'))
      assert.isTrue(await page.locator(dt('action-schedule')).isDisabled())
      assert.isTrue(await page.locator(dt('action-publish')).isDisabled())
      await screenshot(page, 'composer-instagram-hashtags')
      assert.equal((await Post.query().where('workspace_id', workspace.id)).length, 0)

      await page.locator(dt('post-text')).fill(caption(30))
      await page.assertTextContains(dt('check-instagram'), 'Ready to publish on Instagram')
      assert.equal(await page.locator(`${dt('check-instagram')} [data-issue]`).count(), 0)
      assert.isFalse(await page.locator(dt('action-schedule')).isDisabled())

      // Offline: one quiet line, no stale issue kept, the browser's own checks go on.
      await page.route('**/posts/check', (route) => route.abort('internetdisconnected'))
      await page.locator(dt('post-text')).fill(caption(31))
      await waitFor(page, dt('server-check-unavailable'))
      await page.locator(dt('post-text')).fill(caption(32))
      await waitFor(page, `${dt('checks')}[data-server="unavailable"]`)
      assert.equal(await page.locator(dt('server-check-unavailable')).count(), 1)
      assert.equal(await page.locator(dt('flash')).count(), 0)
      await page.unroute('**/posts/check')
      await page.locator(dt('post-text')).fill(caption(31))
      await page.assertTextContains(dt('check-instagram'), 'Too many hashtags: 31, 30 at most.')
      assert.equal(await page.locator(dt('server-check-unavailable')).count(), 0)
    }).timeout(120_000)
  }
)
