import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ReviewLink from '#models/review_link'
import { recordClientReview } from '#actions/reviews/record_client_review'
import { applyClientApprovalSwitch } from '#services/reviews/approval_switch'
import { clockConventions } from '#services/workspaces/clock_conventions'
import { withCleanState } from '#tests/helpers/database'
import { linkFor, makeReviewDesk } from '#tests/functional/reviews/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor, waitForPath } from './_helpers.js'

test.group('Notification bell and sharing a calendar period', (group) => {
  withCleanState(group)

  test('a client answer shows in the bell, opens its post and is read; the calendar shares the week on screen for the picked networks', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const desk = await makeReviewDesk()
    const [first] = desk.posts
    const { link } = await linkFor(desk, [first.id])
    await recordClientReview({
      link,
      post: first,
      action: 'request_changes',
      name: 'Claire Client',
      comment: 'Could we show the croissants in the photo?',
      ip: '203.0.113.9',
    })

    await browserContext.loginAs(desk.owner)
    const page = await visit(
      `/w/${desk.workspace.slug}/calendar?date=${desk.from}&view=timeGridWeek`,
      {
        timeout: FIRST_LOAD_TIMEOUT,
      }
    )
    await waitFor(page, dt('notification-count'), FIRST_LOAD_TIMEOUT)
    assert.equal((await page.locator(dt('notification-count')).textContent())!.trim(), '1')
    await page.locator(dt('notification-bell')).click()
    const notice = page.locator(dt('notification-client_changes_requested'))
    await notice.waitFor({ state: 'visible' })
    assert.include(await notice.textContent(), 'Claire Client (client) requested changes on a post')
    assert.include(await notice.textContent(), 'Could we show the croissants in the photo?')
    await screenshot(page, 'notification-bell-en')
    await notice.click()
    await waitForPath(page, `/w/${desk.workspace.slug}/posts/${first.id}`)
    await page.locator(dt('notification-count')).waitFor({ state: 'detached' })

    // The calendar: the week on screen, only Mastodon's posts shared.
    await page.goto(`/w/${desk.workspace.slug}/calendar?date=${desk.from}&view=timeGridWeek`)
    await waitFor(page, '[data-filter-network="mastodon"]')
    await page.locator('[data-filter-network="mastodon"]').click()
    await screenshot(page, 'calendar-share-en')
    await page.locator(dt('share-period')).click()
    await waitForPath(page, `/w/${desk.workspace.slug}/settings/review-links`)
    await waitFor(page, dt('link-from'))
    // The fields show dates in the workspace's own pattern (its region, the reader's language).
    const { datePattern } = clockConventions(desk.workspace, 'en')
    const shown = async (field: string) =>
      DateTime.fromFormat(await page.locator(dt(field)).inputValue(), datePattern).toISODate()!
    const from = await shown('link-from')
    const to = await shown('link-to')
    const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days
    assert.equal(days, 6, 'a week, both ends included')
    assert.isTrue(from <= desk.from && desk.from <= to, 'the week shown holds the posts')
    assert.isNotEmpty(
      await page.locator(dt('link-label')).inputValue(),
      'the view title is the label'
    )
    assert.isTrue(await page.locator(dt('link-account-mastodon')).isChecked())
    assert.isFalse(await page.locator(dt('link-account-bluesky')).isChecked())
    await screenshot(page, 'calendar-share-form-en')
    await page.locator(dt('link-submit')).click()
    await waitFor(page, dt('secret-value'))

    const created = await ReviewLink.query()
      .where('workspace_id', desk.workspace.id)
      .whereNot('id', link.id)
      .preload('posts')
      .firstOrFail()
    assert.deepEqual(created.accountIds, [desk.mastodon.id])
    // Tuesday to Thursday are on Mastodon; Friday's post is on X only.
    assert.sameMembers(
      created.posts.map((post) => post.id),
      desk.posts.map((post) => post.id)
    )

    // The same screens in French, with a post held for the client and the composer's conversation.
    await desk.workspace.merge({ clientApprovalRequired: true }).save()
    await applyClientApprovalSwitch(desk.workspace, desk.owner.id)
    await desk.owner.merge({ locale: 'fr' }).save()
    await recordClientReview({
      link,
      post: first,
      action: 'comment',
      name: 'Claire Client',
      comment: 'Et avec le logo ?',
      ip: '203.0.113.9',
    })
    await page.goto(`/w/${desk.workspace.slug}/posts/${desk.posts[1].id}`)
    await waitFor(page, dt('awaiting-client'))
    assert.equal(
      (await page.locator(dt('awaiting-client')).textContent())!.trim(),
      'En attente du client'
    )
    await page.locator(dt('notification-bell')).click()
    await waitFor(page, dt('notification-client_commented'))
    assert.include(
      await page.locator(dt('notification-client_commented')).textContent(),
      'Claire Client (client) a commenté une publication'
    )
    await screenshot(page, 'notification-bell-fr')
    await page.goto(`/w/${desk.workspace.slug}/posts/${first.id}/edit`)
    await waitFor(page, dt('composer-comments'))
    await screenshot(page, 'composer-comments-fr')
    await page.goto(`/w/${desk.workspace.slug}/calendar?date=${desk.from}&view=timeGridWeek`)
    await waitFor(page, dt('calendar-awaiting-client'))
    assert.include(await page.locator(dt('share-period')).textContent(), 'Partager avec le client')
    await screenshot(page, 'calendar-share-fr')
  })
})
