import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import SocialAccount from '#models/social_account'
import { withCleanState } from '#tests/helpers/database'
import { dt, FIRST_LOAD_TIMEOUT, makeUser, makeWorkspace, screenshot, waitFor } from './_helpers.js'

test.group(
  'Composer in the browser / a network’s per-post options in the user’s language',
  (group) => {
    withCleanState(group)

    test('a French user reads Mastodon’s options and their choices in French', async ({
      visit,
      browserContext,
      assert,
    }) => {
      const owner = await makeUser({ locale: 'fr' })
      const workspace = await makeWorkspace(owner, 'Boulangerie')
      // The composer only needs the account row to show its form: nothing is sent.
      await SocialAccount.create({
        workspaceId: workspace.id,
        network: 'mastodon',
        externalId: '109',
        handle: 'boulangerie@mastodon.example',
        displayName: 'Boulangerie',
        status: 'connected',
        meta: { instance: 'https://mastodon.example' },
        tokenCiphertext: 'sealed',
        connectedAt: DateTime.now(),
      })
      await browserContext.loginAs(owner)
      const page = await visit(`/w/${workspace.slug}/posts/new`, { timeout: FIRST_LOAD_TIMEOUT })
      await page.setViewportSize({ width: 1360, height: 1100 })
      await waitFor(page, dt('account-picker'), FIRST_LOAD_TIMEOUT)
      await page.locator(dt('target-mastodon')).click()
      await page.locator(dt('post-text')).fill('Croissants tout chauds à 8 h 🥐')
      await page.locator(dt('tab-mastodon')).click()
      await waitFor(page, dt('option-visibility'))

      await page.assertTextContains('label[for$="-visibility"]', 'Visibilité')
      await page.assertTextContains('label[for$="-spoilerText"]', 'Avertissement de contenu')
      const choices = await page.locator(`${dt('option-visibility')} option`).allTextContents()
      assert.includeMembers(
        choices.map((choice) => choice.trim()),
        ['Public', 'Non répertorié', 'Abonnés uniquement']
      )
      await screenshot(page, 'composer-options-fr')
    })
  }
)
