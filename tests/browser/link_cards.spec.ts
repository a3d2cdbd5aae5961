import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { draft, linkFor, makeReviewDesk } from '#tests/functional/reviews/_fixtures'
import { reviewUrl } from '#services/reviews/review_tokens'
import { html, startSite } from '#tests/functional/link_cards/_site'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

test.group('Link cards in the browser', (group) => {
  withCleanState(group)

  test('a post with a link shows its card on the client’s review page and in the composer, fetched once, shown as text', async ({
    browser,
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    const desk = await makeReviewDesk()
    const site = await startSite({
      '/spring': html(`<html><head>
        <meta property="og:title" content="The spring menu &lt;img src=x onerror=alert(1)&gt;">
        <meta property="og:description" content="Asparagus, morels and the first strawberries — from 12 April at Acme Bakery.">
        <meta property="og:image" content="/share.png"></head><body></body></html>`),
      // The image is plain http: the page's CSP refuses it, and the card is shown without it.
    })
    cleanup(() => site.close())
    const post = await draft(desk, `Our spring menu is out! ${site.url('/spring')}`, [
      desk.mastodon.id,
      desk.bluesky.id,
    ])
    const { token } = await linkFor(desk, [post.id])

    const client = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    cleanup(() => client.close())
    const page = await client.newPage()
    await page.goto(reviewUrl(token))
    const card = page.locator(dt('link-card'))
    await card.first().waitFor({ state: 'visible', timeout: FIRST_LOAD_TIMEOUT })
    assert.equal(await card.count(), 2, 'one card under each network’s preview')
    assert.equal(
      (await card.first().locator(dt('link-card-title')).textContent())?.trim(),
      'The spring menu <img src=x onerror=alert(1)>'
    )
    // The markup in the title stayed text: no element came of it.
    assert.equal(await page.locator('img[src="x"]').count(), 0)
    assert.equal(await card.first().locator(dt('link-card-domain')).textContent(), '127.0.0.1')
    await card.first().scrollIntoViewIfNeeded()
    await screenshot(page, 'link-card-review-en')

    await browserContext.loginAs(desk.owner)
    const composer = await visit(`/w/${desk.workspace.slug}/posts/${post.id}/edit`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await waitFor(composer, dt('link-card'), FIRST_LOAD_TIMEOUT)
    assert.include(
      await composer.locator(dt('link-card-description')).textContent(),
      'Asparagus, morels'
    )
    await composer.locator(dt('link-card')).scrollIntoViewIfNeeded()
    await screenshot(composer, 'link-card-composer-en')

    // Two previews on the review page and the composer's: one fetch of the page, then the cache.
    assert.equal(site.hits['/spring'], 1)
  })
})
