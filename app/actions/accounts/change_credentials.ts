import PasswordResetToken from '#models/password_reset_token'
import type User from '#models/user'

/** Re-authentication before a sensitive change: the password typed now must be the account's. */
export function confirmsPassword(user: User, currentPassword: string) {
  return user.verifyPassword(currentPassword)
}

/** Moves the account to a new sign-in address; returns the previous one for the audit trail. */
export async function changeEmail(user: User, email: string) {
  const previous = user.email
  user.email = email
  await user.save()
  return previous
}

/**
 * Sets a new password, ends the account's other sessions (the epoch they signed in under is
 * now stale) and drops any pending reset link, which the old password's owner may hold.
 */
export async function changePassword(user: User, password: string) {
  user.password = password
  user.sessionEpoch = (user.sessionEpoch ?? 0) + 1
  await user.save()
  await PasswordResetToken.query().where('user_id', user.id).delete()
}
