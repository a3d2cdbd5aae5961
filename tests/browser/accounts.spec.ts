import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import WorkspaceMember from '#models/workspace_member'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox } from '#tests/helpers/outbox'
import { useSignupMode } from '#tests/helpers/signup_mode'
import {
  dt,
  fillLogin,
  FIRST_LOAD_TIMEOUT,
  makeUser,
  makeWorkspace,
  screenshot,
  switchUser,
  waitFor,
  waitForPath,
} from './_helpers.js'

test.group('Accounts in the browser', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('the sign-in page tells how accounts are made in each sign-up mode', async ({
    visit,
    cleanup,
  }) => {
    const page = await visit('/login', { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('signup-open'), FIRST_LOAD_TIMEOUT)
    await page.assertTextContains(dt('signup-open'), 'Create an account')

    useSignupMode('invite', cleanup)
    await page.reload()
    await waitFor(page, dt('signup-invite-only'))
    await page.assertTextContains(dt('signup-invite-only'), 'Accounts are by invitation')
    await page.assertNotExists(dt('signup-open'))
    await screenshot(page, 'login-invite-only')
    await page.locator(dt('signup-link')).click()
    await waitForPath(page, '/signup')
    await waitFor(page, dt('signup-invite-only'))
    await page.assertTextContains(dt('signup-invite-only'), 'by invitation only')

    useSignupMode('closed', cleanup)
    await page.goto('/login')
    await waitFor(page, dt('signup-closed'))
    await page.assertTextContains(
      dt('signup-closed'),
      'New accounts are created by an administrator of this server.'
    )
    await page.assertNotExists(dt('signup-link'))
    await screenshot(page, 'login-closed')
    await page.goto('/signup')
    await waitFor(page, dt('signup-closed'))
    await page.assertTextContains('h1', 'Sign-up is closed')
    await page.assertNotExists(dt('signup-email'))
  })

  test('while production mail goes nowhere, an owner sees a banner saying so', async ({
    visit,
    cleanup,
  }) => {
    const previous = app.config.get('accounts.mailUnsent')
    app.config.set('accounts.mailUnsent', true)
    cleanup(() => app.config.set('accounts.mailUnsent', previous))
    const owner = await makeUser()
    const workspace = await makeWorkspace(owner, 'Acme Bakery')

    const page = await visit('/login', { timeout: FIRST_LOAD_TIMEOUT })
    await fillLogin(page, owner.email)
    await waitForPath(page, `/w/${workspace.slug}/calendar`)
    await waitFor(page, dt('mail-unsent-banner'))
    await page.assertTextContains(dt('mail-unsent-banner'), 'E-mail is not being sent.')
    await page.assertTextContains(dt('mail-unsent-banner'), 'MAIL_MAILER=smtp')
    await screenshot(page, 'mail-unsent-banner')
  })

  test('an instance admin sees the mail banner on account, workspace and System pages too; an editor never does', async ({
    visit,
    browserContext,
    cleanup,
  }) => {
    const previous = app.config.get('accounts.mailUnsent')
    app.config.set('accounts.mailUnsent', true)
    cleanup(() => app.config.set('accounts.mailUnsent', previous))
    const admin = await makeUser({ email: 'admin@example.com' })
    admin.isInstanceAdmin = true
    await admin.save()
    await browserContext.loginAs(admin)

    const page = await visit('/workspaces/new', { timeout: FIRST_LOAD_TIMEOUT })
    for (const path of ['/workspaces/new', '/profile', '/privacy', '/system']) {
      await page.goto(path)
      await waitFor(page, dt('mail-unsent-banner'))
      await page.assertTextContains(dt('mail-unsent-banner'), 'Set MAIL_MAILER=smtp')
    }
    await screenshot(page, 'mail-unsent-banner-system')
    await page.locator(dt('mail-unsent-settings')).click()
    await waitForPath(page, '/system/settings')

    // An editor (not an admin of the server, nor of the workspace) has nothing to do about it.
    const editor = await makeUser({ email: 'editor@example.com' })
    const workspace = await makeWorkspace(admin, 'Acme Bakery')
    await WorkspaceMember.create({ workspaceId: workspace.id, userId: editor.id, role: 'editor' })
    await switchUser(page, browserContext, editor)
    for (const path of [`/w/${workspace.slug}/calendar`, '/profile']) {
      await page.goto(path)
      await waitFor(page, 'h1')
      await page.assertNotExists(dt('mail-unsent-banner'))
    }
  })
})
