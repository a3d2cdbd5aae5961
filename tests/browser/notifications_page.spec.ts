import { test } from '@japa/runner'
import Notification from '#models/notification'
import { PAGE_SIZE } from '#services/notifications/notification_feed'
import { withCleanState } from '#tests/helpers/database'
import { makeDesk } from '#tests/functional/posts/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, screenshot, waitFor } from './_helpers.js'

const KINDS = [
  'client_approved',
  'client_changes_requested',
  'client_commented',
  'mentioned',
] as const

test.group('Notifications page in the browser', (group) => {
  withCleanState(group)

  test('the bell’s “See all” opens every notice, a page at a time; mark all read clears them (en, fr)', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const desk = await makeDesk()
    const total = PAGE_SIZE + 3
    for (let index = 1; index <= total; index++)
      await Notification.create({
        userId: desk.owner.id,
        workspaceId: desk.workspace.id,
        kind: KINDS[index % KINDS.length],
        eventKey: `browser:${index}`,
        data: {
          postId: index,
          who: index % 2 ? 'Claire Dubois' : 'Marc Petit',
          excerpt: `Post ${index}`,
        },
        readAt: null,
      })
    await browserContext.loginAs(desk.owner)
    const page = await visit(`/w/${desk.workspace.slug}/calendar`, { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('notification-bell'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('notification-bell')).click()
    await page.locator(dt('notification-see-all')).click()
    await waitFor(page, dt('notifications-list'))
    assert.equal(await page.locator(`${dt('notifications-list')} > li`).count(), PAGE_SIZE)
    assert.equal(
      (await page.locator(dt('notifications-summary')).textContent())?.trim(),
      `${total} in all · ${total} unread`
    )
    await screenshot(page, 'notifications-page-en')

    await page.locator(dt('notifications-next')).click()
    await page.waitForURL(/\/notifications\/all\?page=2$/)
    await waitFor(page, dt('notifications-previous'))
    assert.equal(await page.locator(`${dt('notifications-list')} > li`).count(), 3)

    await page.locator(dt('notifications-read-all')).click()
    await page
      .locator(dt('notifications-summary'))
      .filter({ hasText: `${total} in all · 0 unread` })
      .waitFor()
    assert.equal(await page.locator('[data-read="false"]').count(), 0)
    assert.equal(await page.locator(dt('notifications-read-all')).count(), 0)

    await desk.owner.merge({ locale: 'fr' }).save()
    await page.goto('/notifications/all')
    await page
      .locator(dt('notifications-summary'))
      .filter({ hasText: `${total} au total · 0 non lue(s)` })
      .waitFor()
    assert.equal(
      (await page.locator(dt('notifications-next')).textContent())?.trim(),
      'Plus anciennes'
    )
    await screenshot(page, 'notifications-page-fr')
  })
})
