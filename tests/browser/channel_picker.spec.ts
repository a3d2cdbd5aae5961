import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { PluginsConfig } from '#config/plugins'
import SocialAccount from '#models/social_account'
import { withCleanState } from '#tests/helpers/database'
import { FakeFacebook } from '#plugins/facebook/fake/server'
import {
  dt,
  FIRST_LOAD_TIMEOUT,
  makeUser,
  makeWorkspace,
  screenshot,
  waitFor,
  waitForPath,
} from './_helpers.js'

test.group('Channels: choosing Facebook Pages in the browser', (group) => {
  withCleanState(group)
  let facebook: FakeFacebook
  group.each.setup(async () => {
    const settings = app.config.get<PluginsConfig>('plugins').settings
    const previous = settings.facebook
    facebook = await FakeFacebook.start()
    settings.facebook = facebook.settings
    return async () => {
      settings.facebook = previous
      await facebook.close()
    }
  })

  test('connect Facebook, pick one of two Pages, see only it on the Channels page', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/channels`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1280, height: 900 })
    await waitFor(page, dt('open-connect'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('open-connect')).click()
    await page.locator(dt('connect-facebook')).click()

    await waitForPath(page, `/w/${workspace.slug}/channels/pick`)
    await waitFor(page, dt('pick-list'))
    await page.assertTextContains(dt('pick-heading'), 'Choose the Facebook Pages to connect')
    assert.isTrue(await page.locator(dt('pick-submit')).isDisabled())
    await page.locator(dt('candidate-104000000000001')).click()
    await page.assertTextContains(dt('pick-submit'), 'Connect 1 account')
    await screenshot(page, 'channels-pick-facebook')

    await page.locator(dt('pick-submit')).click()
    await waitForPath(page, `/w/${workspace.slug}/channels`)
    await waitFor(page, dt('channel-list'))
    await page.assertTextContains(dt('channel-list'), 'Pistache Bakery')
    const accounts = await SocialAccount.all()
    assert.deepEqual(
      accounts.map((account) => account.externalId),
      ['104000000000001']
    )
    await screenshot(page, 'channels-after-pick')
  })
})
