import { test } from '@japa/runner'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import { settled, startWorker, withWorld } from '#tests/functional/publishing/_fixtures'
import { chainOf, threadDraft } from '#tests/functional/publishing/_threads'
import { backdate, collectAt } from '#tests/functional/analytics/_helpers'
import { libraryItem } from '#tests/functional/library/_items'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

/** 85 characters. */
const PROMO =
  'Pistachio croissants, two for five euros, all week long at our shop on rue Oberkampf.'

test.group('Composer: texts shown and counted as sent; a thread’s figures', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('the preview and the counters fill in the variables; each part goes to the server’s check and is measured as sent', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ws = world.workspace
    await libraryItem(ws.id, 'variable', 'promo', PROMO)
    await browserContext.loginAs(world.owner)
    const page = await visit(`/w/${ws.slug}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1500 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('target-x')).click()
    await page.locator(dt('target-mastodon')).click()
    await page.locator(dt('post-text')).fill('{{client}}: {{promo}}')

    const sent = `${ws.name}: ${PROMO}`
    await page.assertTextContains(dt('preview-x'), sent)
    assert.notInclude(await page.locator(dt('preview-x')).innerText(), '{{')
    await page.assertTextContains(dt('counter-x'), `${sent.length} / 280`)

    // A part that is 39 characters as written and 4 × 85 + 3 = 343 as sent: over X's 280.
    const checked = page.waitForRequest(
      (request) =>
        request.url().endsWith('/posts/check') &&
        (request.postDataJSON()?.parts ?? []).some((part: { text: string }) =>
          part.text.includes('{{promo}}')
        )
    )
    await page.locator(dt('add-part')).click()
    await page
      .locator(`${dt('part-thread-1')} ${dt('part-text')}`)
      .fill('{{promo}} {{promo}} {{promo}} {{promo}}')
    await checked
    await page.assertTextContains(`${dt('part-thread-1')} ${dt('part-count-x')}`, '343 / 280')
    await page.assertTextContains(
      `${dt('part-thread-1')} ${dt('part-count-mastodon')}`,
      '343 / 500'
    )
    await page.assertTextContains(dt('check-x'), 'Part 1: Too long: 343 characters, 280 at most.')
    await page.assertTextContains(dt('check-mastodon'), 'Ready to publish on Mastodon')
    await page.assertVisible(dt('blocking-hint'))
    await waitFor(page, dt('chain-preview'))
    await page.assertTextContains(dt('chain-entry-1'), `${PROMO} ${PROMO}`)
    await screenshot(page, 'composer-variables-en')

    await page.locator(`${dt('part-thread-1')} ${dt('part-text')}`).fill('{{promo}}')
    await page.locator(dt('blocking-hint')).waitFor({ state: 'hidden' })
    await page.assertTextContains(`${dt('part-thread-1')} ${dt('part-count-x')}`, '85 / 280')
  }).timeout(90_000)

  test('a thread’s analytics: the total, the main post and each reply, in English and French', async ({
    visit,
    browserContext,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const { post } = await threadDraft(world, world.accounts.x, 'figures')
    await publishNow({ post, actor: world.owner })
    await settled(post.id, ['published', 'failed', 'unknown'], 20_000)
    const { delivery, parts } = await chainOf(post.id)
    await backdate({ x: delivery }, 60)
    world.x.setMetrics(delivery.externalId!, { views: 1200, likes: 48, shares: 6, comments: 5 })
    world.x.setMetrics(parts[0].externalId!, { views: 420, likes: 15, shares: 2, comments: 1 })
    world.x.setMetrics(parts[1].externalId!, { views: 260, likes: 7, shares: 1, comments: 0 })
    await collectAt(delivery, 1)

    await browserContext.loginAs(world.owner)
    const url = `/w/${world.workspace.slug}/analytics/posts/${post.id}`
    const page = await visit(url, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1100 })
    await waitFor(page, dt('thread-figures'), FIRST_LOAD_TIMEOUT)
    await page.assertTextContains(`${dt('thread-total')} [data-metric="views"]`, '1,880')
    await page.assertTextContains(`${dt('thread-total')} [data-metric="likes"]`, '70')
    await page.assertTextContains(`${dt('part-1')} [data-metric="likes"]`, '15')
    await page.assertTextContains(`${dt('part-3')} [data-metric="likes"]`, '0')
    await page.assertTextContains(dt('thread-figures'), 'The main post and its 3 replies')
    await screenshot(page, 'analytics-thread-en')

    await world.owner.merge({ locale: 'fr' } as any).save()
    await page.reload()
    await waitFor(page, dt('thread-figures'))
    await page.assertTextContains(dt('thread-total'), 'Total du fil')
    await page.assertTextContains(dt('thread-figures'), 'ses 3 réponses')
    await screenshot(page, 'analytics-thread-fr')
  }).timeout(90_000)
})
