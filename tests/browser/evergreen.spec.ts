import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import EvergreenItem from '#models/evergreen_item'
import EvergreenSend from '#models/evergreen_send'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import { fillEvergreen } from '#actions/evergreen/fill_evergreen'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

test.group('Evergreen page in the browser', (group) => {
  withCleanState(group)

  test('add an evergreen post with two wordings, see its history and next send, edit and pause it; in English and French', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const desk = await makeDesk()
    await desk.workspace.merge({ timezone: 'Europe/Paris' }).save()
    await PostingSlot.createMany(
      [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
        ['09:00', '18:00'].map((time) => ({ workspaceId: desk.workspace.id, weekday, time }))
      )
    )
    await browserContext.loginAs(desk.owner)
    const page = await visit(`/w/${desk.workspace.slug}/evergreen`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await page.setViewportSize({ width: 1360, height: 1300 })
    await waitFor(page, dt('evergreen-form'), FIRST_LOAD_TIMEOUT)
    await page.assertVisible(dt('empty-state'))
    await page.assertTextContains(dt('nav-evergreen'), 'Evergreen')

    // Two wordings, to Mastodon and X, at least 3 days apart.
    await page.locator(dt('evergreen-variant-0')).fill('Our pistachio croissant, every morning 🥐')
    await page.locator(dt('evergreen-add-variant')).click()
    await page.locator(dt('evergreen-variant-1')).fill('Pistachio croissants: still warm at 8')
    await page.locator(dt('evergreen-target-mastodon')).check()
    await page.locator(dt('evergreen-target-x')).check()
    await page.locator(dt('evergreen-gap')).fill('3')
    await page.locator(dt('evergreen-submit')).click()
    const item = await waitForRow()
    assert.deepEqual(item.variants, [
      'Our pistachio croissant, every morning 🥐',
      'Pistachio croissants: still warm at 8',
    ])
    assert.deepEqual(item.targetAccountIds, [desk.mastodon.id, desk.x.id])
    assert.equal(item.minGapDays, 3)
    await waitFor(page, dt(`evergreen-${item.id}`))

    // A past send (X left out: it already had that text) and the queue's next one.
    const past = await Post.create({
      workspaceId: desk.workspace.id,
      authorId: desk.owner.id,
      body: item.variants[0],
      status: 'published',
    })
    const lastWeek = DateTime.utc().minus({ days: 5 }).set({ hour: 8, minute: 0 })
    await EvergreenSend.createMany([
      {
        itemId: item.id,
        workspaceId: desk.workspace.id,
        socialAccountId: desk.mastodon.id,
        network: 'mastodon',
        textHash: 'a'.repeat(64),
        postId: past.id,
        slotAt: lastWeek,
        skippedReason: null,
      },
      {
        itemId: item.id,
        workspaceId: desk.workspace.id,
        socialAccountId: desk.x.id,
        network: 'x',
        textHash: '',
        postId: null,
        slotAt: lastWeek,
        skippedReason: 'duplicate_text',
      },
    ])
    await item.merge({ lastSentAt: lastWeek }).save()
    const filled = await fillEvergreen(desk.workspace)
    assert.isAtLeast(filled.made.length, 1)
    await page.reload()
    await waitFor(page, dt('evergreen-history'))
    await page.assertTextContains(dt('evergreen-state'), 'In rotation')
    await page.assertTextContains(dt('evergreen-history'), 'Published')
    await page.assertTextContains(dt('evergreen-history'), 'Scheduled')
    // X refuses repeated text: left out where it had every wording (the past send, and once
    // the queue has used both wordings on it).
    await page.assertTextContains(
      `${dt('evergreen-history')} > li:last-child`,
      'this network refuses a text it already got'
    )
    const nextPost = await Post.findOrFail(filled.made[0])
    assert.equal(
      await page.locator(`${dt('evergreen-next')} a`).getAttribute('href'),
      `/w/${desk.workspace.slug}/posts/${nextPost.id}`
    )
    await screenshot(page, 'evergreen-en')

    // Edit: a third wording.
    await page.locator(dt(`evergreen-edit-${item.id}`)).click()
    await waitFor(page, dt(`evergreen-edit-form-${item.id}`))
    const form = page.locator(dt(`evergreen-edit-form-${item.id}`))
    await form.locator(dt('evergreen-add-variant')).click()
    await form.locator(dt('evergreen-variant-2')).fill('Croissant o’clock: 8 am, pistachio')
    await form.locator(dt('evergreen-save')).click()
    await waitFor(page, dt(`evergreen-${item.id}`))
    await page.assertTextContains(dt(`evergreen-${item.id}`), '3 wording(s)')
    assert.lengthOf((await EvergreenItem.findOrFail(item.id)).variants, 3)

    // French.
    await desk.owner.merge({ locale: 'fr' } as any).save()
    await page.reload()
    await waitFor(page, dt('evergreen-history'))
    await page.assertTextContains(dt('nav-evergreen'), 'Intemporels')
    await page.assertTextContains(dt('evergreen-state'), 'En rotation')
    await page.assertTextContains(dt('evergreen-history'), 'Publiée')
    await page.assertTextContains(
      `${dt('evergreen-history')} > li:last-child`,
      'ce réseau refuse un texte déjà reçu'
    )
    await screenshot(page, 'evergreen-fr')

    // Pause, confirmed in the dialog: the coming send is withdrawn.
    await page.locator(dt(`evergreen-toggle-${item.id}`)).click()
    await waitFor(page, dt('confirm-dialog'))
    await page.locator(dt('confirm-accept')).click()
    await page.locator(dt('evergreen-state')).filter({ hasText: 'En pause' }).waitFor()
    assert.isFalse((await EvergreenItem.findOrFail(item.id)).active)
    assert.isNull(await Post.find(nextPost.id))
    await page.assertTextContains(dt('evergreen-next'), 'Aucun pendant la pause')
    await screenshot(page, 'evergreen-fr-paused')

    async function waitForRow() {
      for (let tries = 0; tries < 100; tries++) {
        const found = await EvergreenItem.first()
        if (found) return found
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error('the evergreen item was not saved')
    }
  }).timeout(120_000)
})
