import PasswordResetToken from '#models/password_reset_token'
import type User from '#models/user'
import { cancelEmailChanges } from '#services/accounts/account_confirmations'

/** Re-authentication before a sensitive change: the password typed now must be the account's. */
export function confirmsPassword(user: User, currentPassword: string) {
  return user.verifyPassword(currentPassword)
}

/**
 * Sets a new password, ends the account's other sessions (the epoch they signed in under is
 * now stale) and drops any pending reset link or e-mail change, which whoever knew the old
 * password may have started.
 */
export async function changePassword(user: User, password: string) {
  user.password = password
  user.sessionEpoch = (user.sessionEpoch ?? 0) + 1
  await user.save()
  await PasswordResetToken.query().where('user_id', user.id).delete()
  await cancelEmailChanges(user.id)
}
