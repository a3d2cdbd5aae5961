import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { affectedRows } from '#services/publishing/settings'

/**
 * Instance administrators: the people who run the install, not a workspace role. The first
 * account of an install becomes one, whichever way it is made (the sign-up page or
 * `users:create`); others are named with `users:promote` / `users:create --instance-admin`.
 */

/**
 * Makes `user` an instance admin when no account older than theirs exists. One statement,
 * so two first sign-ups racing on an empty install cannot both win: only the lowest id does.
 */
export async function promoteIfFirstAccount(user: User) {
  const promoted = await db
    .from('users')
    .where('id', user.id)
    .whereNotExists((query) => query.from('users as older').where('older.id', '<', user.id))
    .update({ is_instance_admin: true })
  user.isInstanceAdmin = affectedRows(promoted) > 0 || user.isInstanceAdmin === true
  return user.isInstanceAdmin
}

export type AdminChange = 'promoted' | 'demoted' | 'unchanged' | 'not_found' | 'last_admin'

/**
 * Grants or withdraws the flag. The last instance admin cannot be demoted: the System area
 * would be out of everyone's reach until someone runs `users:promote` on the server.
 */
export async function setInstanceAdmin(email: string, admin: boolean): Promise<AdminChange> {
  const user = await User.query().whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first()
  if (!user) return 'not_found'
  if (user.isInstanceAdmin === admin) return 'unchanged'
  if (!admin) {
    const others = await User.query()
      .where('is_instance_admin', true)
      .whereNot('id', user.id)
      .count('* as total')
    if (Number(others[0].$extras.total) === 0) return 'last_admin'
  }
  user.isInstanceAdmin = admin
  await user.save()
  return admin ? 'promoted' : 'demoted'
}

/** What `users:promote` / `users:demote` print, and whether it is a failure (exit code 1). */
export function describeAdminChange(change: AdminChange, email: string) {
  const messages: Record<AdminChange, { ok: boolean; message: string }> = {
    promoted: { ok: true, message: `${email} is now an instance admin` },
    demoted: { ok: true, message: `${email} is no longer an instance admin` },
    unchanged: { ok: true, message: `${email}: nothing to change` },
    not_found: { ok: false, message: `No user with the e-mail ${email}` },
    last_admin: {
      ok: false,
      message: `${email} is the last instance admin: promote someone else first`,
    },
  }
  return messages[change]
}
