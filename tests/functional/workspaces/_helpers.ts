import User from '#models/user'
import type Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import { createWorkspace } from '#actions/workspaces/create_workspace'
import type { Role } from '#services/roles'

let sequence = 0

export const PASSWORD = 'correct horse battery'

export function makeUser(
  overrides: Partial<{ fullName: string; email: string; locale: string; timezone: string }> = {}
) {
  sequence++
  return User.create({
    fullName: `Member ${sequence}`,
    email: `member${sequence}@example.com`,
    password: PASSWORD,
    locale: 'en',
    timezone: 'UTC',
    ...overrides,
  })
}

/** A workspace owned by `owner` (created through the real action). */
export function makeWorkspace(owner: User, name = 'Acme Bakery') {
  return createWorkspace({ user: owner, name, timezone: 'Europe/Paris' })
}

export async function addMember(workspace: Workspace, role: Role, user?: User) {
  const member = user ?? (await makeUser())
  const row = await WorkspaceMember.create({ workspaceId: workspace.id, userId: member.id, role })
  return { user: member, member: row }
}

/** A signed-in, CSRF-carrying Inertia request that does not follow redirects. */
export function send(
  client: any,
  method: 'post' | 'put' | 'patch' | 'delete',
  url: string,
  user: User,
  body: object = {}
) {
  return client[method](url).loginAs(user).withCsrfToken().withInertia().json(body).redirects(0)
}

// The outbox is read in one place; these names stay for the specs that import them from here.
export { clearOutbox, readOutbox, type OutboxMail } from '#tests/helpers/outbox'
import { readOutbox } from '#tests/helpers/outbox'

/** The raw token in the invitation link of the newest mail sent to `address`. */
export async function mailedInvitationToken(address: string) {
  const mails = (await readOutbox()).filter((mail) => mail.to.some((to) => to.address === address))
  const mail = mails.at(-1)
  const token = mail?.text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1]
  if (!mail || !token) throw new Error(`no invitation mail to ${address}`)
  return { mail, token }
}

/** Field errors flashed by a failed validation, first message per field. */
export function validationErrors(response: any): Record<string, string> {
  const bag = (response.flashMessage('inputErrorsBag') ?? {}) as Record<string, string | string[]>
  return Object.fromEntries(
    Object.entries(bag).map(([field, messages]) => [field, ([] as string[]).concat(messages)[0]])
  )
}

/**
 * Bouncer refused the action: a plain 403, or, for an Inertia form submission, the
 * redirect back that carries Bouncer's E_AUTHORIZATION_FAILURE error.
 */
export function assertDenied(response: any, assert: any) {
  if (response.status() === 403) return
  assert.oneOf(response.status(), [302, 303], `expected a refusal, got ${response.status()}`)
  assert.property(response.flashMessage('errorsBag') ?? {}, 'E_AUTHORIZATION_FAILURE')
  assert.isUndefined(response.flashMessage('success'))
}
