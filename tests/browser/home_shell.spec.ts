import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group('Profile and privacy pages keep the workspace navigation', (group) => {
  withCleanState(group)

  test('the sidebar shows the workspace and its sections on /profile and /privacy', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    await browserContext.loginAs(owner)
    for (const path of ['/profile', '/privacy']) {
      const page = await visit(path, { timeout: FIRST_LOAD_TIMEOUT })
      await page.setViewportSize({ width: 1280, height: 900 })
      await waitFor(page, dt('nav-calendar'), FIRST_LOAD_TIMEOUT)
      await page.assertTextContains(dt('workspace-switcher'), 'Pistache Bakery')
      assert.equal(
        await page.locator(dt('nav-channels')).getAttribute('href'),
        `/w/${workspace.slug}/channels`
      )
      await screenshot(page, `item5-after${path.replace('/', '-')}`)
      await page.locator(dt('nav-calendar')).click()
      await page.waitForURL(`**/w/${workspace.slug}/calendar`)
      await page.close()
    }
  })
})
