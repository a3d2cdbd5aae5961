import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group("Channels: a plugin's own connect form, in the browser", (group) => {
  withCleanState(group)

  test("Telegram's fields show its labels and help, the bot token masked", async ({
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
    await page.locator(dt('connect-telegram')).click()
    await waitFor(page, dt('credential-botToken'))

    assert.equal(await page.locator(dt('credential-botToken')).getAttribute('type'), 'password')
    assert.equal(await page.locator(dt('credential-chat')).getAttribute('type'), 'text')
    assert.equal(
      await page.locator(dt('credential-chat')).getAttribute('placeholder'),
      '@pistache_news'
    )
    await page.assertTextContains('label[for="field-botToken"]', 'Bot token')
    await page.assertTextContains(dt('credential-help-botToken'), '@BotFather')
    await page.assertTextContains(dt('credential-help-chat'), 'administrator')
    await screenshot(page, 'issue24-telegram-connect-form')
  })
})
