import { test } from '@japa/runner'
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
})
