import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group('Calendar under the Content-Security-Policy', (group) => {
  withCleanState(group)

  test('the calendar loads its icon font with no CSP violation or console error', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    await browserContext.loginAs(owner)
    // Records every CSP violation of the page, from its first script on.
    await browserContext.addInitScript(`
      window.cspViolations = []
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI.slice(0, 40))
      )
    `)
    const page = await visit(`/w/${workspace.slug}/calendar`, { timeout: FIRST_LOAD_TIMEOUT })
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    await page.setViewportSize({ width: 1280, height: 900 })
    await waitFor(page, '.fc-prev-button .fc-icon', FIRST_LOAD_TIMEOUT)
    // The chevrons are drawn with FullCalendar's own font once it has loaded.
    await page.waitForFunction(`document.fonts.check('16px fcicons')`)
    await page.evaluate('document.fonts.ready.then(() => true)')
    // Tests serve the front end through Vite's dev middleware, whose HMR client opens a
    // websocket the CSP refuses; a production build has no such client.
    const notVite = (text: string) => !/ws:\/\/127\.0\.0\.1|\[vite\]|WebSocket/.test(text)
    const violations = await page.evaluate<string[]>('window.cspViolations')
    assert.deepEqual(violations.filter(notVite), [])
    assert.deepEqual(consoleErrors.filter(notVite), [], consoleErrors.join('\n'))
    await screenshot(page, 'item10-after-calendar')
  })
})
