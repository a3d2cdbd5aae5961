import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import {
  dt,
  fillLogin,
  FIRST_LOAD_TIMEOUT,
  makeUser,
  makeWorkspace,
  screenshot,
  waitFor,
  waitForPath,
} from './_helpers.js'

test.group('Error pages in the browser', (group) => {
  withCleanState(group)

  test('an unknown URL shows the 404 page, in English then in French', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/login', { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('login-email'), FIRST_LOAD_TIMEOUT)

    const response = await page.goto('/no/such/page')
    assert.equal(response?.status(), 404)
    await waitFor(page, 'h1')
    await page.assertText('h1', 'Page not found')
    await page.assertTextContains('body', 'This page does not exist')
    await page.assertTextContains('body', '404')
    await screenshot(page, 'not-found')

    // A guest's language choice (the switch on the login page) applies to the error page.
    await page.goto('/login')
    await waitFor(page, dt('language-switch'))
    await page.locator(dt('language-switch')).selectOption('fr')
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached', timeout: 10_000 })
    const french = await page.goto('/no/such/page')
    assert.equal(french?.status(), 404)
    await waitFor(page, 'h1')
    await page.assertText('h1', 'Page introuvable')
    await page.assertTextContains('body', 'Cette page n’existe pas')
    await screenshot(page, 'not-found-fr')

    // For a guest, its button leads to the login page.
    await page.getByRole('link', { name: 'Aller à la connexion' }).click()
    await waitForPath(page, '/login')
  })

  test('signed in, an unknown URL keeps the app shell and leads back to the dashboard', async ({
    visit,
    assert,
  }) => {
    const ada = await makeUser({ fullName: 'Ada Lovelace', email: 'ada@example.com' })
    const own = await makeWorkspace(ada, 'Acme Bakery')
    const page = await visit('/login', { timeout: FIRST_LOAD_TIMEOUT })
    await fillLogin(page, 'ada@example.com')
    await waitForPath(page, `/w/${own.slug}/calendar`)

    const response = await page.goto('/no/such/page')
    assert.equal(response?.status(), 404)
    await waitFor(page, 'h1')
    await page.assertText('h1', 'Page not found')
    await page.assertTextContains(dt('workspace-switcher'), 'Acme Bakery')
    await page.assertTextContains('body', 'Ada Lovelace')
    assert.equal(await page.getByRole('link', { name: 'Sign in', exact: true }).count(), 0)
    await screenshot(page, 'not-found-signed-in')

    await page.getByRole('link', { name: 'Back to the dashboard' }).click()
    await waitForPath(page, `/w/${own.slug}/calendar`)
  })

  test("a signed-in user opening another workspace's URL gets the 404 page, not its data", async ({
    visit,
    assert,
  }) => {
    const stranger = await makeUser({ fullName: 'Eve Stranger', email: 'eve@example.com' })
    const foreign = await makeWorkspace(stranger, 'Secret Agency')
    const ada = await makeUser({ fullName: 'Ada Lovelace', email: 'ada@example.com' })
    const own = await makeWorkspace(ada, 'Acme Bakery')

    const page = await visit('/login', { timeout: FIRST_LOAD_TIMEOUT })
    await fillLogin(page, 'ada@example.com')
    await waitForPath(page, `/w/${own.slug}/calendar`)

    for (const section of ['calendar', 'members', 'settings']) {
      const response = await page.goto(`/w/${foreign.slug}/${section}`)
      assert.equal(response?.status(), 404, section)
      await waitFor(page, 'h1')
      await page.assertText('h1', 'Page not found')
      const text = await page.locator('body').innerText()
      assert.notInclude(text, 'Secret Agency', section)
      assert.notInclude(text, 'Eve Stranger', section)
      assert.notInclude(text, 'eve@example.com', section)
    }
    await screenshot(page, 'foreign-workspace-404')

    // The user's own workspace still opens.
    await page.goto(`/w/${own.slug}/members`)
    await waitFor(page, dt('members-table'))
    await page.assertTextContains(dt('workspace-switcher'), 'Acme Bakery')
  })
})
