import { test } from '@japa/runner'
import { withCleanState } from '#tests/helpers/database'
import { clearOutbox, waitForMail } from '#tests/helpers/outbox'
import { inviteMember } from '#actions/workspaces/invite_member'
import type { Page } from 'playwright'
import {
  dt,
  fillLogin,
  fillSignup,
  FIRST_LOAD_TIMEOUT,
  invitationPath,
  makeUser,
  makeWorkspace,
  screenshot,
  waitFor,
  waitForPath,
} from './_helpers.js'

/** Grace owns "Acme Bakery" and invites `email` as editor; returns the path of the mailed link. */
async function inviteByMail(email: string) {
  const owner = await makeUser({ fullName: 'Grace Hopper', email: 'grace@example.com' })
  const workspace = await makeWorkspace(owner, 'Acme Bakery')
  await inviteMember({ workspace, inviter: owner, email, role: 'editor' })
  const mail = await waitForMail(email)
  return { workspace, path: invitationPath(mail.text).path }
}

/** The invitation page, signed in as the invitee: accept, and land in the workspace as editor. */
async function acceptAndCheck(page: Page, slug: string) {
  await waitFor(page, dt('invitation-accept'))
  await page.assertTextContains('h1', 'Acme Bakery')
  await page.locator(dt('invitation-accept')).click()
  await waitForPath(page, `/w/${slug}/calendar`)
  await waitFor(page, dt('workspace-switcher'))
  await page.assertTextContains(dt('flash'), 'Welcome to Acme Bakery!')
  await page.assertTextContains(dt('workspace-switcher'), 'Acme Bakery')
  await page.assertTextContains(dt('workspace-switcher'), 'Editor')
}

/** An editor sees the member list, read-only: no invite form, no pending invitations. */
async function membersAreReadOnly(page: Page, slug: string) {
  await page.locator(dt('nav-members')).click()
  await waitForPath(page, `/w/${slug}/members`)
  await waitFor(page, dt('members-table'))
  await page.assertVisible(dt('members-read-only'))
  await page.assertNotExists(dt('invite-form'))
  await page.assertNotExists(dt('invite-email'))
  await page.assertNotExists(dt('pending-invitations'))
  await page.assertNotExists(dt('member-role'))
  await page.assertElementsCount(dt('member-row'), 2)
  await page.assertTextContains(dt('members-table'), 'Grace Hopper')
  await page.assertTextContains(dt('members-table'), 'Bob Builder')
}

test.group('Invitations in the browser', (group) => {
  withCleanState(group)
  group.each.setup(() => clearOutbox())

  test('a new colleague opens the mailed link, signs up with that address, accepts and works as editor', async ({
    visit,
  }) => {
    const { workspace, path } = await inviteByMail('bob@example.com')

    const page = await visit(path, { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('invitation-pending'), FIRST_LOAD_TIMEOUT)
    await page.assertTextContains('h1', 'Acme Bakery')
    await page.assertTextContains(dt('invitation-pending'), 'Grace Hopper')
    await page.assertTextContains(dt('invitation-pending'), 'Editor')
    await page.assertTextContains(dt('invitation-pending'), 'bob@example.com')
    await screenshot(page, 'invitation-signed-out')

    await page.locator(dt('invitation-signup')).click()
    await waitForPath(page, '/signup')
    await fillSignup(page, { fullName: 'Bob Builder', email: 'bob@example.com' })

    // The sign-up does not return to the invitation (the page's `next` is ignored): the
    // colleague lands on the first-workspace page and opens the mailed link again.
    await waitForPath(page, /^\/(workspaces\/new|invitations\/.+)$/)
    if (!new URL(page.url()).pathname.startsWith('/invitations/')) await page.goto(path)
    await acceptAndCheck(page, workspace.slug)
    await screenshot(page, 'invitation-accepted')
    await membersAreReadOnly(page, workspace.slug)
    await screenshot(page, 'members-editor')
  })

  test('an existing account opens the link, logs in, accepts and works as editor', async ({
    visit,
  }) => {
    const { workspace, path } = await inviteByMail('bob@example.com')
    await makeUser({ fullName: 'Bob Builder', email: 'bob@example.com' })

    const page = await visit(path, { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('invitation-login'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('invitation-login')).click()
    await waitForPath(page, '/login')
    await fillLogin(page, 'bob@example.com')

    // Same as sign-up: the login goes home, not back to the invitation.
    await waitForPath(page, /^\/(workspaces\/new|invitations\/.+)$/)
    if (!new URL(page.url()).pathname.startsWith('/invitations/')) await page.goto(path)
    await acceptAndCheck(page, workspace.slug)
    await membersAreReadOnly(page, workspace.slug)
  })

  test('sign-up from the invitation keeps the address and comes back to the invitation', async ({
    visit,
    assert,
  }) => {
    const { path } = await inviteByMail('bob@example.com')
    const page = await visit(path, { timeout: FIRST_LOAD_TIMEOUT })
    await waitFor(page, dt('invitation-signup'), FIRST_LOAD_TIMEOUT)
    await page.locator(dt('invitation-signup')).click()
    await waitFor(page, dt('signup-email'))
    assert.equal(await page.locator(dt('signup-email')).inputValue(), 'bob@example.com')
    await fillSignup(page, { fullName: 'Bob Builder', email: 'bob@example.com' })
    await waitForPath(page, path, 10_000)
    await waitFor(page, dt('invitation-accept'))
  })

  test('the link signed in as another account shows "wrong account", without the workspace', async ({
    visit,
  }) => {
    const { path } = await inviteByMail('bob@example.com')
    await makeUser({ fullName: 'Eve Stranger', email: 'eve@example.com' })

    const page = await visit('/login', { timeout: FIRST_LOAD_TIMEOUT })
    await fillLogin(page, 'eve@example.com')
    await waitForPath(page, '/workspaces/new')
    await page.goto(path)
    await waitFor(page, dt('invitation-wrong_account'))
    await page.assertNotExists(dt('invitation-accept'))
    await page.assertNotExists(dt('invitation-pending'))
    const text = await page.locator('body').innerText()
    if (text.includes('Acme Bakery'))
      throw new Error('the wrong account learned the workspace name')
    await page.assertVisible(dt('invitation-logout'))
  })
})
