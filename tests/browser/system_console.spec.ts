import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { withCleanState } from '#tests/helpers/database'
import { FIRST_LOAD_TIMEOUT, screenshot } from './_helpers.js'
import { adminAndMember } from '#tests/functional/system/_fixtures'
import { publishNow } from '#actions/posts/publish_now'
import Delivery from '#models/delivery'
import {
  draft,
  settled,
  startWorker,
  waitFor,
  withWorld,
} from '#tests/functional/publishing/_fixtures'

const QUEUES = ['publish', 'media', 'stats', 'purge', 'webhooks', 'automation']

/** Labels of the queue cards whose text does not fit their box (cut or ellipsised). */
function cutLabels(page: Page) {
  return page.$$eval('[data-test="queue-count-label"]', (labels) =>
    labels
      .filter(
        (label) =>
          label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1
      )
      .map((label) => label.textContent?.trim())
  )
}

test.group('System console in a browser: queues and reconcile', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('every queue has a card whose labels show whole, in English and French, on desktop and phone', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { admin } = await adminAndMember()
    await browserContext.loginAs(admin)
    for (const locale of ['en', 'fr'] as const) {
      await admin.merge({ locale } as any).save()
      const page = await visit('/system', { timeout: FIRST_LOAD_TIMEOUT })
      for (const size of [
        { width: 1366, height: 1000, name: 'desktop' },
        // Just above each breakpoint, where a card is at its narrowest.
        { width: 1280, height: 1000, name: 'xl' },
        { width: 1024, height: 1000, name: 'lg' },
        { width: 640, height: 900, name: 'sm' },
        { width: 390, height: 844, name: 'phone' },
      ]) {
        await page.setViewportSize(size)
        await page.waitForSelector('[data-test="queue-automation"]')
        for (const queue of QUEUES)
          assert.equal(await page.locator(`[data-test="queue-${queue}-waiting"]`).count(), 1, queue)
        assert.deepEqual(await cutLabels(page), [], `${locale} ${size.name}`)
        await screenshot(page, `system-queues-${locale}-${size.name}`)
      }
      const labels = await page.locator('[data-test="queue-count-label"]').allTextContents()
      assert.include(
        labels.map((l) => l.trim()),
        locale === 'fr' ? 'Différés' : 'Delayed'
      )
    }
  })

  test('"reconcile" on an unknown delivery asks the network and marks it published', async ({
    visit,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { admin } = await adminAndMember()
    // A post that did reach Mastodon, whose answer we pretend was lost: `unknown`, no id.
    const { runner } = await startWorker()
    cleanup(async () => void (await runner.stop()))
    const { post } = await draft(world, [{ socialAccountId: world.accounts.mastodon.id }])
    await publishNow({ post, actor: world.owner })
    const [published] = await settled(post.id)
    assert.equal(published.status, 'published')
    const externalId = published.externalId
    await runner.stop()
    await published
      .merge({ status: 'unknown', externalId: null, externalUrl: null, publishedAt: null })
      .save()
    const publishesBefore = world.mastodon.server.requests.length

    await browserContext.loginAs(admin)
    const page = await visit('/system', { timeout: FIRST_LOAD_TIMEOUT })
    const row = page.locator(`[data-test="unknown-delivery-${published.id}"]`)
    await row.waitFor()
    await row.locator('[data-test="reconcile-delivery"]').click()
    await row.waitFor({ state: 'detached' })

    const after = await waitFor(async () => {
      const delivery = await Delivery.findOrFail(published.id)
      return delivery.status === 'published' ? delivery : null
    })
    assert.equal(after.externalId, externalId)
    // Asked, never re-sent: no create request reached the network after the first one.
    const sent = world.mastodon.server.requests
      .slice(publishesBefore)
      .filter((r) => r.method === 'POST' && new RegExp(world.mastodon.publishPath).test(r.path))
    assert.lengthOf(sent, 0)
    await screenshot(page, 'system-after-reconcile')
  })
})
