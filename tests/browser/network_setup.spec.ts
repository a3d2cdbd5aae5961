import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PluginsConfig } from '#config/plugins'
import { withCleanState } from '#tests/helpers/database'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group('Channels: a network the server has no app for, in the browser', (group) => {
  withCleanState(group)
  group.each.setup(() => {
    const settings = app.config.get<PluginsConfig>('plugins').settings
    const previous = settings.x
    settings.x = { urls: {} }
    return () => {
      settings.x = previous
    }
  })

  test('X shows what the admin must set and never leaves the app', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/channels`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1280, height: 900 })
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await waitFor(page, dt('open-connect'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('open-connect')).click()

    // Offered apart, as not set up; the networks that work stay on top.
    await page.assertTextContains(dt('networks-not-set-up'), 'X')
    await page.assertTextContains(dt('connect-x'), 'Not set up on this server')
    assert.equal(
      await page.locator(`${dt('networks-not-set-up')} ${dt('connect-mastodon')}`).count(),
      0
    )
    await screenshot(page, 'item1-after-picker')

    await page.locator(dt('connect-x')).click()
    await waitFor(page, dt('network-setup-needed'))
    await page.assertTextContains(dt('setup-variables'), 'X_CLIENT_ID')
    await page.assertTextContains(dt('setup-callback'), '/oauth/x/callback')
    assert.equal(new URL(page.url()).pathname, `/w/${workspace.slug}/channels`)
    assert.isFalse(requests.some((url) => url.includes('/x/authorize') || url.includes('x.com')))
    await screenshot(page, 'item1-after-x')
  })
})
