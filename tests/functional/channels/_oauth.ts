import type User from '#models/user'
import type Workspace from '#models/workspace'

/** The session values a response left behind, to carry into the next request (`response.session()`). */
export type SessionValues = Record<string, any>

/**
 * Plays the browser's part of an OAuth connection through the app's real routes:
 * start it, follow the network's consent redirect (the fakes consent at once), and
 * come back to the app's callback in the same session. For a picker network whose
 * login returned several accounts, `finish` redirects to the pick page and
 * `finish.session()` holds the pending pick for `pickAccounts`.
 */
export async function connectViaOAuth(
  client: any,
  user: User,
  workspace: Workspace,
  network: string,
  body: object = {}
) {
  const start = await client
    .post(`/w/${workspace.slug}/channels/${network}/authorize`)
    .loginAs(user)
    .withCsrfToken()
    .json(body)
    .redirects(0)
  const consentUrl = start.header('location')
  const consent = await fetch(consentUrl, { redirect: 'manual' })
  const callback = new URL(consent.headers.get('location')!)
  const finish = await client
    .get(`${callback.pathname}${callback.search}`)
    .loginAs(user)
    .withSession(start.session())
    .redirects(0)
  return { start, consentUrl, callback, finish }
}

/**
 * Submits the account picker as the page does: the chosen external ids, in the session
 * that holds the pending pick (`finish.session()` from `connectViaOAuth`).
 */
export async function pickAccounts(
  client: any,
  user: User,
  workspace: Workspace,
  externalIds: string[],
  session: SessionValues
) {
  return client
    .post(`/w/${workspace.slug}/channels/pick`)
    .loginAs(user)
    .withCsrfToken()
    .withSession(session)
    .json({ accounts: externalIds })
    .redirects(0)
}
