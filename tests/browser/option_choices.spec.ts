import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { BOARDS, FakePinterest } from '#plugins/pinterest/fake/server'
import { connectToFake, keepPluginSettings } from '#tests/functional/channels/_choices_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group('Composer: choices loaded from the account', (group) => {
  withCleanState(group)
  let pinterest: FakePinterest
  group.each.setup(async () => {
    const restore = keepPluginSettings(['pinterest'])
    pinterest = await FakePinterest.start()
    return async () => {
      await pinterest.close()
      restore()
    }
  })

  test('the Pinterest board select fills from the account’s boards, and the sections follow the chosen board', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    await connectToFake('pinterest', pinterest, workspace, owner)
    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1360, height: 1500 })
    await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('target-pinterest')).click()
    await page.locator(dt('tab-pinterest')).click()

    const board = page.locator(dt('option-board'))
    await page.locator(`${dt('option-board')}[data-state="ready"]`).waitFor()
    assert.deepEqual(await board.locator('option').allTextContents(), [
      'Choose…',
      'Recipes',
      'Behind the scenes (secret)',
    ])
    await board.selectOption(BOARDS[0].id)

    const section = page.locator(dt('option-boardSection'))
    await page
      .locator(`${dt('option-boardSection')} option`, { hasText: 'Desserts' })
      .waitFor({ state: 'attached' })
    assert.include(await section.locator('option').allTextContents(), 'Desserts')
    await screenshot(page, 'composer-pinterest-boards')
  })
})
