import { mkdir } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright'
import User from '#models/user'
import type Workspace from '#models/workspace'
import { createWorkspace } from '#actions/workspaces/create_workspace'
import { waitForMail } from '#tests/helpers/outbox'

import { FIRST_LOAD_TIMEOUT, NAVIGATION_TIMEOUT } from '#tests/helpers/timeouts'

export { FIRST_LOAD_TIMEOUT, NAVIGATION_TIMEOUT }

export const PASSWORD = 'correct horse battery'

/** Where screenshots go (outside the repository). Set BROWSER_SHOTS=0 to skip them. */
export const SHOTS_DIR = process.env.BROWSER_SHOTS_DIR ?? '/tmp/shots'

export async function screenshot(page: Page, name: string) {
  if (process.env.BROWSER_SHOTS === '0') return
  await mkdir(SHOTS_DIR, { recursive: true })
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: true })
}

/** `[data-test="…"]` */
export const dt = (name: string) => `[data-test="${name}"]`

/** Waits for an element to be visible, with a timeout suited to Inertia page changes. */
export async function waitFor(page: Page, selector: string, timeout = NAVIGATION_TIMEOUT) {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout })
}

/** Waits until the path name matches (Inertia visits change the URL without a page load). */
export async function waitForPath(page: Page, path: string | RegExp, timeout = NAVIGATION_TIMEOUT) {
  await page.waitForURL(
    (url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)),
    { timeout }
  )
}

/** Fills the sign-up form of the page the browser is on and submits it. */
export async function fillSignup(
  page: Page,
  input: { fullName: string; email: string; password?: string }
) {
  await waitFor(page, dt('signup-email'), FIRST_LOAD_TIMEOUT)
  await page.locator(dt('signup-full-name')).fill(input.fullName)
  await page.locator(dt('signup-email')).fill(input.email)
  await page.locator(dt('signup-password')).fill(input.password ?? PASSWORD)
  await page.locator(dt('signup-password-confirmation')).fill(input.password ?? PASSWORD)
  await page.locator(dt('signup-submit')).click()
}

/** Opens the sign-up confirmation link mailed to `email` and confirms it with the password. */
export async function confirmSignupFromMail(page: Page, email: string, password = PASSWORD) {
  const mail = await waitForMail(email)
  const link = mail.text.match(/https?:\/\/\S+\/signup\/confirm\/[A-Za-z0-9_-]+/)?.[0]
  if (!link) throw new Error(`no confirmation link in the mail:\n${mail.text}`)
  await page.goto(new URL(link).pathname)
  await waitFor(page, dt('confirm-password'))
  await page.locator(dt('confirm-password')).fill(password)
  await page.locator(dt('confirm-submit')).click()
}

/** Fills the login form of the page the browser is on and submits it. */
export async function fillLogin(page: Page, email: string, password = PASSWORD) {
  await waitFor(page, dt('login-email'), FIRST_LOAD_TIMEOUT)
  await page.locator(dt('login-email')).fill(email)
  await page.locator(dt('login-password')).fill(password)
  await page.locator(dt('login-submit')).click()
}

/** Opens the user menu in the header and logs out; the login page is shown. */
export async function logoutThroughUi(page: Page) {
  await page.locator(dt('user-menu')).click()
  await page.locator(dt('logout')).click()
  await waitForPath(page, '/login')
  await waitFor(page, dt('login-email'))
}

/**
 * Changes who the browser is signed in as. The page leaves for a blank one first: a request still
 * in flight from the previous user's page (a poll, a prefetch) would otherwise answer after the
 * cookies are cleared and set that user's session cookie again over the new one.
 */
export async function switchUser(page: Page, context: BrowserContext, user: User) {
  await page.goto('about:blank')
  await context.clearCookies()
  await context.loginAs(user)
}

/** A user created directly in the database (for the sides of a story that are not under test). */
export function makeUser(
  overrides: Partial<{ fullName: string; email: string; locale: string; timezone: string }> = {}
) {
  return User.create({
    fullName: 'Grace Hopper',
    email: 'grace@example.com',
    password: PASSWORD,
    locale: 'en',
    timezone: 'Europe/Paris',
    ...overrides,
  })
}

/** A workspace owned by `owner`, through the real action. */
export function makeWorkspace(owner: User, name: string): Promise<Workspace> {
  return createWorkspace({ user: owner, name, timezone: 'Europe/Paris' })
}

/** The path of the invitation link in a mail's text (the link's host is APP_URL). */
export function invitationPath(text: string) {
  const link = text.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_%-]+/)?.[0]
  if (!link) throw new Error(`no invitation link in the mail:\n${text}`)
  return { link, path: new URL(link).pathname }
}
