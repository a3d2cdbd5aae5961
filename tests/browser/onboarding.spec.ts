import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, waitForMail } from '#tests/helpers/outbox'
import {
  confirmSignupFromMail,
  dt,
  fillSignup,
  FIRST_LOAD_TIMEOUT,
  invitationPath,
  logoutThroughUi,
  screenshot,
  waitFor,
  waitForPath,
} from './_helpers.js'

test.group('Onboarding in the browser', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('a visitor signs up, creates a workspace, invites an editor, switches to French and logs out', async ({
    visit,
    assert,
  }) => {
    // 1. Sign up through the form.
    const page = await visit('/signup', { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('signup-email'), FIRST_LOAD_TIMEOUT)
    await page.assertTextContains('h1', 'Create your account')
    await page.assertTitleContains('Pistache Postiz')
    await screenshot(page, 'signup')
    await fillSignup(page, { fullName: 'Ada Lovelace', email: 'ada@example.com' })

    // The address is confirmed first: the page says to check the mailbox, the mail has the link.
    await waitForPath(page, '/login')
    await page.assertTextContains(dt('flash'), 'Check your mailbox')
    await confirmSignupFromMail(page, 'ada@example.com')

    // 2. Lands on the workspace creation page, welcomed by name.
    await waitForPath(page, '/workspaces/new')
    await waitFor(page, dt('workspace-name'))
    await page.assertTextContains('main', 'Ada Lovelace')
    await page.assertVisible(dt('welcome-steps'))
    await page.assertTextContains(dt('user-menu'), 'Ada Lovelace')
    await screenshot(page, 'workspace-new')

    // 3. Creates a workspace: the empty calendar of that workspace, with a confirmation.
    await page.locator(dt('workspace-name')).fill('Acme Bakery')
    await page.locator(dt('workspace-create-submit')).click()
    await waitForPath(page, /^\/w\/[^/]+\/calendar$/)
    await waitFor(page, 'h1')
    await page.assertText('h1', 'Calendar')
    await page.assertTextContains(dt('flash'), 'Acme Bakery')
    await page.assertTextContains(dt('workspace-switcher'), 'Acme Bakery')
    await page.assertTextContains(dt('workspace-switcher'), 'Owner')
    await screenshot(page, 'calendar-empty')
    const slug = new URL(page.url()).pathname.split('/')[2]

    // 4. Members: the owner is listed, and invites a colleague as editor.
    await page.locator(dt('nav-members')).click()
    await waitForPath(page, `/w/${slug}/members`)
    await waitFor(page, dt('invite-form'))
    await page.assertText('h1', 'Members')
    await page.assertElementsCount(dt('member-row'), 1)
    await page.assertTextContains(dt('member-row'), 'ada@example.com')
    await page.assertTextContains(dt('pending-invitations'), 'No invitation waiting for an answer.')
    await page.locator(dt('invite-email')).fill('bob@example.com')
    await page.locator(dt('invite-role')).selectOption('editor')
    await page.locator(dt('invite-submit')).click()
    await waitFor(page, dt('invitation-row'))
    await page.assertTextContains(dt('flash'), 'bob@example.com')
    await page.assertTextContains(dt('invitation-row'), 'bob@example.com')
    await page.assertTextContains(dt('invitation-row'), 'Editor')
    await page.assertTextContains(dt('invitation-row'), 'Ada Lovelace')
    await page.assertInputValue(dt('invite-email'), '')
    await screenshot(page, 'members-pending')

    // The e-mail is in the outbox, with a link that opens the invitation.
    const mail = await waitForMail('bob@example.com')
    assert.include(mail.subject, 'Acme Bakery')
    const { path } = invitationPath(mail.text)
    assert.include(mail.html, path)

    // 5. Switches to French with the header's language switch.
    await page.locator(dt('language-switch')).selectOption('fr')
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached', timeout: 10_000 })
    await page.assertText('h1', 'Membres')
    await page.assertText(dt('nav-calendar'), 'Calendrier')
    await page.assertText(dt('nav-members'), 'Membres')
    await page.assertTextContains(dt('invite-form'), 'Inviter un membre')
    await page.assertTextContains(dt('pending-invitations'), 'Invitations en attente')
    await page.assertTextContains(dt('invitation-row'), 'Éditeur')
    await page.assertTextContains(dt('workspace-switcher'), 'Propriétaire')
    await screenshot(page, 'members-fr')

    // 6. A reload keeps French (server-rendered from the saved preference).
    await page.reload()
    await waitFor(page, dt('invite-form'))
    await page.assertText('h1', 'Membres')
    await page.assertText(dt('nav-calendar'), 'Calendrier')
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr')
    await page.assertTitleContains('Membres')

    // The calendar, reached from the navigation, is French too.
    await page.locator(dt('nav-calendar')).click()
    await waitForPath(page, `/w/${slug}/calendar`)
    await page.assertText('h1', 'Calendrier')

    // Profile, from the user menu.
    await page.locator(dt('user-menu')).click()
    await page.getByRole('link', { name: 'Profil' }).click()
    await waitForPath(page, '/profile')
    await waitFor(page, dt('profile-full-name'))
    await page.assertInputValue(dt('profile-full-name'), 'Ada Lovelace')
    await page.assertSelectedOptions(dt('profile-locale'), ['fr'])
    await screenshot(page, 'profile')

    // 7. Logs out: back on the (French) login page, and the workspace is closed to the browser.
    await logoutThroughUi(page)
    await page.assertTextContains(dt('flash'), 'déconnecté')
    await page.locator(dt('login-email')).waitFor()
    await page.goto(`/w/${slug}/members`)
    await waitForPath(page, '/login')
  })
})
