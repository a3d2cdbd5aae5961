import { test } from '@japa/runner'
import type { Page } from 'playwright'
import SocialAccount from '#models/social_account'
import { withCleanState } from '#tests/helpers/database'
import { makeAccount } from '#tests/functional/calendar/_fixtures'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

/** The element that has the keyboard focus, by its data-test name (or its tag). */
const focused = (page: Page): Promise<string> =>
  page.evaluate(
    '(document.activeElement && (document.activeElement.dataset.test || document.activeElement.tagName)) || ""'
  )

test.group('Confirmations use the app’s dialog, not the browser’s', (group) => {
  withCleanState(group)

  test('disconnecting a channel: translated, Escape and Cancel keep it, focus stays inside, Enter on the button confirms', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await makeUser({ locale: 'fr' })
    const workspace = await makeWorkspace(owner, 'Pistache Bakery')
    const account = await makeAccount(workspace, 'mastodon')
    await browserContext.loginAs(owner)
    const page = await visit(`/w/${workspace.slug}/channels`, { timeout: FIRST_LOAD_TIMEOUT })
    await page.setViewportSize({ width: 1280, height: 900 })
    let nativeDialogs = 0
    page.on('dialog', async (dialog) => {
      nativeDialogs++
      await dialog.dismiss()
    })
    const disconnect = page.locator(dt(`disconnect-${account.id}`))
    const dialog = page.locator(dt('confirm-dialog'))
    await waitFor(page, dt(`disconnect-${account.id}`), FIRST_LOAD_TIMEOUT)

    // Escape cancels.
    await disconnect.click()
    await waitFor(page, dt('confirm-dialog'))
    await page.assertTextContains(dt('confirm-dialog'), `Déconnecter ${account.displayName}\u202f?`)
    await page.assertTextContains(dt('confirm-accept'), 'Déconnecter')
    await page.assertTextContains(dt('confirm-cancel'), 'Annuler')
    await screenshot(page, 'item6-after-dialog-fr')
    // Focus starts on Cancel, so a stray Enter never removes anything, and Tab stays in the dialog.
    assert.equal(await focused(page), 'confirm-cancel')
    const visited = new Set<string>()
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      visited.add(await focused(page))
    }
    assert.includeMembers([...visited], ['confirm-accept', 'confirm-cancel'])
    assert.isFalse(
      [...visited].some((name) => name.startsWith('disconnect-') || name.startsWith('nav-'))
    )
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(dt(`channel-status-${account.id}`)).waitFor()

    // Enter on Cancel cancels too.
    await disconnect.click()
    await waitFor(page, dt('confirm-dialog'))
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await account.refresh()
    assert.equal(account.status, 'connected')

    // Enter on the confirm button disconnects.
    await disconnect.click()
    await waitFor(page, dt('confirm-dialog'))
    await page.locator(dt('confirm-accept')).focus()
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(dt(`disconnect-${account.id}`)).waitFor({ state: 'detached' })
    const after = await SocialAccount.findOrFail(account.id)
    assert.equal(after.status, 'disconnected')
    assert.equal(nativeDialogs, 0)
  })
})
