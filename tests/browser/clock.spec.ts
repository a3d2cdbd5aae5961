import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ReviewLink from '#models/review_link'
import { makeReviewDesk } from '#tests/functional/reviews/_fixtures'
import Workspace from '#models/workspace'
import { withCleanState } from '#tests/helpers/database'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group('Week start and 12/24 h follow the workspace, not the browser', (group) => {
  withCleanState(group)

  test('an English reader of a Paris workspace gets Monday weeks and 24 h, then the chosen Sunday and 12 h', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser({ locale: 'en' })
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    await browserContext.loginAs(owner)

    const calendar = await visit(`/w/${workspace.slug}/calendar`, { timeout: FIRST_LOAD_TIMEOUT })
    await calendar.setViewportSize({ width: 1280, height: 900 })
    await waitFor(calendar, '.fc-col-header-cell', FIRST_LOAD_TIMEOUT)
    assert.match(await calendar.locator('.fc-col-header-cell').first().innerText(), /mon/i)
    await screenshot(calendar, 'item3-after-calendar-monday')

    // The time fields (posting schedule, composer) write 24 h here, whatever the browser's language.
    const composer = await visit(`/w/${workspace.slug}/settings/schedule`)
    await waitFor(composer, dt('slot-input-1'), FIRST_LOAD_TIMEOUT)
    await composer.locator(dt('slot-input-1')).fill('2:30 pm')
    await composer.locator(dt('slot-input-1')).blur()
    assert.equal(await composer.locator(dt('slot-input-1')).inputValue(), '14:30')
    // Typed key by key, "16:" is not a time yet: the field keeps it instead of emptying itself.
    await composer.locator(dt('slot-input-1')).fill('')
    await composer.locator(dt('slot-input-1')).pressSequentially('16:45')
    await composer.locator(dt('slot-input-1')).blur()
    assert.equal(await composer.locator(dt('slot-input-1')).inputValue(), '16:45')

    await Workspace.query().where('id', workspace.id).update({ week_start: 0, hour_cycle: 'h12' })
    await calendar.reload()
    await waitFor(calendar, '.fc-col-header-cell', FIRST_LOAD_TIMEOUT)
    assert.match(await calendar.locator('.fc-col-header-cell').first().innerText(), /sun/i)
    await calendar.locator('.fc-timeGridWeek-button').click()
    await waitFor(calendar, '.fc-timegrid-slot-label-cushion')
    const label = await calendar.locator('.fc-timegrid-slot-label-cushion').nth(9).innerText()
    assert.match(label, /am|pm/i)
    await screenshot(calendar, 'item3-after-week-12h')

    await composer.reload()
    await waitFor(composer, dt('slot-input-1'), FIRST_LOAD_TIMEOUT)
    await composer.locator(dt('slot-input-1')).fill('14:30')
    await composer.locator(dt('slot-input-1')).blur()
    assert.equal(await composer.locator(dt('slot-input-1')).inputValue(), '2:30 PM')
  })

  test('date fields are typed and picked the workspace way: dd/mm/yyyy and Monday weeks in Paris, mm/dd/yyyy and Sunday in New York', async ({
    visit,
    browserContext,
    assert,
  }) => {
    // Three posts next week (Tuesday to Thursday), for a review link over that week.
    const desk = await makeReviewDesk()
    const workspace = desk.workspace
    await workspace.merge({ timezone: 'Europe/Paris' }).save()
    await desk.owner.merge({ locale: 'en' }).save()
    await browserContext.loginAs(desk.owner)
    const [from, to] = [DateTime.fromISO(desk.from), DateTime.fromISO(desk.to)]

    const page = await visit(`/w/${workspace.slug}/settings/review-links`, {
      timeout: FIRST_LOAD_TIMEOUT,
    })
    await page.setViewportSize({ width: 1280, height: 900 })
    await waitFor(page, dt('link-from'), FIRST_LOAD_TIMEOUT)
    assert.equal(await page.locator(dt('link-from')).getAttribute('placeholder'), 'dd/mm/yyyy')
    await page.locator(dt('link-label')).fill('Next week')
    // Typed without leading zeros, shown back the workspace's way.
    await page.locator(dt('link-from')).fill(from.toFormat('d/M/yyyy'))
    await page.locator(dt('link-from')).blur()
    assert.equal(await page.locator(dt('link-from')).inputValue(), from.toFormat('dd/MM/yyyy'))

    // The month to pick from has its weeks starting on Monday.
    const toField = page.locator('.field', { has: page.locator(dt('link-to')) })
    await toField.locator(dt('date-field-open')).click()
    await waitFor(page, dt('month-grid'))
    assert.match(await toField.locator(dt('month-weekday')).first().innerText(), /^mon/i)
    await screenshot(page, 'date-field-paris')
    if (to.month !== DateTime.now().month) await toField.locator(dt('month-next')).click()
    await toField.locator(`[data-day="${desk.to}"]`).click()
    assert.equal(await page.locator(dt('link-to')).inputValue(), to.toFormat('dd/MM/yyyy'))
    await page.locator(dt('link-submit')).click()
    await waitFor(page, dt('secret-value'))
    // The server got the days as meant: Monday 00:00 to the next Monday 00:00 in Paris.
    const link = await ReviewLink.findByOrFail('workspace_id', workspace.id)
    assert.equal(
      link.rangeStart!.setZone('Europe/Paris').toISO(),
      DateTime.fromISO(desk.from, { zone: 'Europe/Paris' }).toISO()
    )
    assert.equal(
      link.rangeEnd!.setZone('Europe/Paris').toISODate(),
      to.plus({ days: 1 }).toISODate()
    )

    // The same English reader in a New York workspace: US order, Sunday weeks.
    await Workspace.query().where('id', workspace.id).update({ timezone: 'America/New_York' })
    await page.reload()
    await waitFor(page, dt('link-from'))
    assert.equal(await page.locator(dt('link-from')).getAttribute('placeholder'), 'mm/dd/yyyy')
    await page.locator(dt('link-from')).fill(from.toFormat('MM/dd/yyyy'))
    await page.locator(dt('link-from')).blur()
    assert.equal(await page.locator(dt('link-from')).inputValue(), from.toFormat('MM/dd/yyyy'))
    const fromField = page.locator('.field', { has: page.locator(dt('link-from')) })
    await fromField.locator(dt('date-field-open')).click()
    assert.match(await fromField.locator(dt('month-weekday')).first().innerText(), /^sun/i)
    assert.equal(
      await fromField.locator(`[data-day="${desk.from}"]`).getAttribute('aria-pressed'),
      'true'
    )
    await screenshot(page, 'date-field-new-york')
    // Something that is not a day is flagged, not silently sent as another date.
    await page.locator(dt('link-from')).fill('31/12/2026')
    assert.equal(await page.locator(dt('link-from')).getAttribute('aria-invalid'), 'true')
  })
})
