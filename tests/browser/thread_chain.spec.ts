import { test } from '@japa/runner'
import { publishNow } from '#actions/posts/publish_now'
import { withCleanState } from '#tests/helpers/database'
import { settled, startWorker, withWorld } from '#tests/functional/publishing/_fixtures'
import { chainOf, threadDraft } from '#tests/functional/publishing/_threads'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

test.group('A thread on the post page', (group) => {
  withCleanState(group)
  const world = withWorld(group)

  test('a stopped thread shows its parts and links; "retry from part 2" turns the rest published live, in English and French', async ({
    visit,
    browserContext,
    assert,
    cleanup,
  }) => {
    const { runner } = await startWorker()
    cleanup(async () => {
      await runner.stop()
    })
    const created = await threadDraft(world, world.accounts.mastodon, 'Menu')
    // Part 2 is refused once, for good: the thread stops there.
    world.mastodon.server.failNext(
      world.mastodon.publishPath,
      { kind: 'status', status: 422, json: { error: 'Validation failed: try again later' } },
      'POST',
      (request) => request.body.status === created.parts[1]
    )
    await publishNow({ post: created.post, actor: world.owner })
    await settled(created.post.id, ['published', 'failed', 'unknown'], 20_000)

    await browserContext.loginAs(world.owner)
    const page = await visit(`/w/${world.workspace.slug}/posts/${created.post.id}`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await page.setViewportSize({ width: 1360, height: 1200 })
    await waitFor(page, dt('chain'), FIRST_LOAD_TIMEOUT)
    assert.equal(await page.locator(`${dt('chain-part-1')}[data-status="published"]`).count(), 1)
    assert.equal(await page.locator(`${dt('chain-part-2')}[data-status="failed"]`).count(), 1)
    await page.assertTextContains(dt('chain-part-2'), 'Part 2 of 3: ')
    await page.assertTextContains(dt('chain-part-1'), 'Open part 1')
    await page.assertTextContains(dt('retry-parts'), 'Retry from part 2')
    await screenshot(page, 'thread-chain-stopped-en')

    await page.locator(dt('retry-parts')).click()
    // The page follows the publish by itself (no reload from the test).
    await page
      .locator(`${dt('chain-part-3')}[data-status="published"]`)
      .waitFor({ state: 'visible', timeout: 20_000 })
    assert.equal(await page.locator(`${dt('chain-part-2')}[data-status="published"]`).count(), 1)
    assert.equal(await page.locator(dt('retry-parts')).count(), 0)
    const { delivery, parts } = await chainOf(created.post.id)
    assert.equal(delivery.status, 'published')
    assert.deepEqual(
      parts.map((part) => part.status),
      ['published', 'published', 'published']
    )
    await screenshot(page, 'thread-chain-published-en')

    await world.owner.merge({ locale: 'fr' } as any).save()
    await page.reload()
    await waitFor(page, dt('chain'))
    await page.assertTextContains(dt('chain-part-3'), 'Ouvrir la partie 3')
    await screenshot(page, 'thread-chain-published-fr')
  }).timeout(90_000)
})
