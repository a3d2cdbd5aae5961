import User from '#models/user'
import PasswordResetToken from '#models/password_reset_token'
import { audit } from '#services/audit'
import { consumeToken, findUsableToken } from '#services/accounts/password_reset_tokens'
import { cancelEmailChanges } from '#services/accounts/account_confirmations'
import { minutesUntil, passwordResetPerEmail, passwordResetPerIp } from '#start/limiter'

export type ResetResult =
  | { status: 'ok'; user: User }
  | { status: 'invalid_token' }
  | { status: 'throttled'; retryInMinutes: number }

/**
 * Sets a new password from a mailed token. The token works once, within its
 * hour; using it also discards any other pending token of the account.
 */
export async function resetPassword(
  input: { token: string; password: string },
  ip: string
): Promise<ResetResult> {
  const perIp = await passwordResetPerIp.increment(`reset:ip:${ip}`)
  if (perIp.consumed > passwordResetPerIp.requests) {
    return { status: 'throttled', retryInMinutes: minutesUntil(perIp.availableIn) }
  }

  const record = await findUsableToken(input.token)
  if (!record) return { status: 'invalid_token' }

  const perAccount = await passwordResetPerEmail.increment(`reset:user:${record.userId}`)
  if (perAccount.consumed > passwordResetPerEmail.requests) {
    return { status: 'throttled', retryInMinutes: minutesUntil(perAccount.availableIn) }
  }

  if (!(await consumeToken(record))) return { status: 'invalid_token' }

  const user = await User.findOrFail(record.userId)
  user.password = input.password
  // Whoever used the old password elsewhere is signed out (see session_epoch.ts).
  user.sessionEpoch = (user.sessionEpoch ?? 0) + 1
  await user.save()
  await PasswordResetToken.query().where('user_id', user.id).whereNull('used_at').delete()
  await cancelEmailChanges(user.id)
  await audit({
    action: 'auth.password_reset_completed',
    actorId: user.id,
    subjectType: 'user',
    subjectId: user.id,
    ip,
  })
  return { status: 'ok', user }
}
