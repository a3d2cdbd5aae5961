import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post from '#models/post'
import Delivery from '#models/delivery'
import PostingSlot from '#models/posting_slot'
import { withCleanState } from '#tests/helpers/database'
import {
  publishRequests,
  settled,
  startWorker,
  withWorld,
} from '#tests/functional/publishing/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor, waitForPath } from './_helpers.js'

/** 291 weighted characters: over X's 280, within Bluesky's 300 and Mastodon's 500. */
const LONG = 'Croissants au beurre, tout chauds. '.repeat(8) + 'Venez vite!'
const X_VARIANT = 'Croissants au beurre, tout chauds 🥐 https://bakery.example/menu'

test.group('Composer in the browser', (group) => {
  withCleanState(group)
  // A Mastodon, a Bluesky and an X account connected through their fakes (OAuth / app password flows).
  const world = withWorld(group)

  test('compose for three networks, see X’s live counter refuse a long text, fix it with a variant, schedule, find it listed', async ({
    visit,
    browserContext,
    assert,
    cleanup,
  }) => {
    await PostingSlot.createMany(
      [1, 2, 3, 4, 5].map((weekday) => ({
        workspaceId: world.workspace.id,
        weekday,
        time: '09:00',
      }))
    )
    await browserContext.loginAs(world.owner)
    const base = `/w/${world.workspace.slug}`
    const page = await visit(`${base}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    // Tall enough that full-page screenshots do not repeat the sticky header and sidebar.
    await page.setViewportSize({ width: 1360, height: 1500 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)

    for (const network of ['mastodon', 'bluesky', 'x'])
      await page.locator(dt(`target-${network}`)).click()
    await page.locator(dt('post-text')).fill(LONG)

    // Each network counts its own way, live, with the SDK's code.
    await page.assertTextContains(dt('counter-x'), '291 / 280')
    await page.assertTextContains(dt('counter-bluesky'), '291 / 300')
    await page.assertTextContains(dt('counter-mastodon'), '291 / 500')
    await page.assertTextContains(dt('check-x'), 'Too long: 291 characters, 280 at most.')
    await page.assertTextContains(dt('check-bluesky'), 'Ready to publish on Bluesky')
    await page.assertVisible(dt('blocking-hint'))
    await page
      .locator(dt('schedule-date'))
      .fill(DateTime.now().setZone('Europe/Paris').plus({ days: 2 }).toFormat('yyyy-MM-dd'))
    await page.locator(dt('schedule-time')).fill('10:30')
    assert.isTrue(await page.locator(dt('action-schedule')).isDisabled())
    await page.locator(dt('preview-tab-x')).click()
    await screenshot(page, 'composer-x-too-long')

    // An X variant: X counts the URL as 23 and the emoji as 2 (34 + 2 + 1 + 23).
    await page.locator(dt('tab-x')).click()
    await page.locator(dt('post-text')).fill(X_VARIANT)
    await page.assertTextContains(dt('editor-counter'), '60 / 280')
    await page.assertTextContains(dt('check-x'), 'Ready to publish on X')
    await page.assertTextContains(dt('preview-x'), 'https://bakery.example/menu')
    await page.locator(dt('option-replySettings')).selectOption('following')
    await page.assertTextContains(dt('schedule-summary'), '10:30')
    await screenshot(page, 'composer-fixed')

    await page.locator(dt('action-schedule')).click()
    await waitForPath(page, new RegExp(`^${base}/posts/\\d+$`))
    await waitFor(page, dt('deliveries'))
    await page.assertTextContains(dt('flash'), 'Scheduled for')
    await page.assertTextContains(dt('post-status'), 'Scheduled')
    await screenshot(page, 'post-detail-scheduled')

    const post = await Post.query().where('workspace_id', world.workspace.id).firstOrFail()
    assert.equal(post.status, 'scheduled')
    assert.equal(post.scheduledAt!.setZone('Europe/Paris').toFormat('HH:mm'), '10:30')
    const deliveries = await Delivery.query().where('post_id', post.id)
    const x = deliveries.find((delivery) => delivery.network === 'x')!
    assert.equal(x.text, X_VARIANT)
    assert.equal(x.options.replySettings, 'following')
    assert.isTrue(
      deliveries
        .filter((delivery) => delivery.network !== 'x')
        .every((delivery) => delivery.text === null)
    )

    await page.locator(dt('nav-posts')).click()
    await waitFor(page, dt('post-list'))
    await page.locator(dt('posts-tab-scheduled')).click()
    await waitFor(page, `${dt(`post-row-${post.id}`)} [data-status="scheduled"]`)
    await page.assertTextContains(dt(`post-row-${post.id}`), 'Croissants au beurre')
    await screenshot(page, 'posts-list')

    // Publish now from the detail page: the page follows each delivery live until published.
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    await page
      .locator(`${dt(`post-row-${post.id}`)} a`)
      .first()
      .click()
    await waitFor(page, dt('publish-now'))
    await page.locator(dt('publish-now')).click()
    await settled(post.id, ['published'], 20_000)
    await waitFor(page, `${dt('delivery-status-x')}[data-status="published"]`, 20_000)
    await waitFor(page, `${dt('delivery-status-mastodon')}[data-status="published"]`, 20_000)
    await page.assertVisible(dt('delivery-link-bluesky'))
    await screenshot(page, 'post-detail-published')
    assert.lengthOf(publishRequests(world.x), 1)

    await page.goto(new URL(`${base}/settings/schedule`, page.url()).href)
    await waitFor(page, dt('slot-days'))
    await page.locator(dt('slot-input-6')).fill('11:15')
    await page.locator(dt('slot-add-6')).click()
    await page.locator(dt('slots-save')).click()
    await waitFor(page, dt('flash'))
    await page.assertTextContains(dt('slot-day-6'), '11:15')
    await screenshot(page, 'posting-schedule')
  })
})
