import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { withCleanState } from '#tests/helpers/database'
import { backdate, collectAt, publishTo, withWorld } from '#tests/functional/analytics/_helpers'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

/** Pixels of the chart's canvas that are drawn in a series colour (not white, grey or transparent). */
function colouredPixels(page: Page) {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('canvas')
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
    let count = 0
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]]
      if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) count++
    }
    return count
  })()`) as Promise<number>
}

test.group('Analytics in the browser / the curve of one post', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('after the first reading the curve shows that reading; after a deletion the post says so', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { post, deliveries } = await publishTo(world, ['bluesky'])
    const delivery = deliveries.bluesky
    world.bluesky.setMetrics(delivery.externalId!, { likes: 4, shares: 1, comments: 0, quotes: 0 })
    await backdate(deliveries, 60)
    await collectAt(delivery, 1)

    await browserContext.loginAs(world.owner)
    const url = `/w/${world.workspace.slug}/analytics/posts/${post.id}`
    const page = await visit(url, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1280, height: 1000 })
    await waitFor(page, 'canvas', FIRST_LOAD_TIMEOUT)
    // The lone reading is drawn (a point in the series colour), with time labels on the axis.
    assert.isAbove(await colouredPixels(page), 20)
    await screenshot(page, 'analytics-post-one-reading')

    world.bluesky.deletePost(delivery.externalId!)
    // Two readings in a row miss it (the second at the very next run).
    await collectAt(delivery, 120)
    await collectAt(delivery, 121)
    await page.reload()
    await waitFor(page, dt('delivery-deleted'))
    await page.assertTextContains(dt('delivery-deleted'), 'Deleted on Bluesky')
    assert.equal(await page.getByRole('link', { name: /Open on Bluesky/ }).count(), 0)
    await screenshot(page, 'analytics-post-deleted')

    // The workspace page: its account and top-post sections (components of their own).
    await page.goto(`/w/${world.workspace.slug}/analytics`)
    await waitFor(page, dt('by-account'))
    await page.assertTextContains(dt('by-account'), 'pistache.bsky.social')
    await page.assertTextContains(dt('top-posts'), 'Fresh pistachio croissants')
    await screenshot(page, 'analytics-workspace')
  })
})
