import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'

/**
 * Ends sessions on other devices when the password changes. The Redis session store cannot
 * list a user's sessions, so each session instead remembers the user's `sessionEpoch` at
 * sign-in; a password change bumps the epoch, and any session still holding the old value
 * is signed out on its next request. Sessions from before this key existed count as epoch 0.
 */
const KEY = 'auth.sessionEpoch'

/** Call right after a sign-in (or a password change in this session) so this session stays valid. */
export function rememberSessionEpoch(ctx: HttpContext, user: User) {
  ctx.session.put(KEY, user.sessionEpoch ?? 0)
}

/** Signs in and binds the session to the user's current epoch. */
export async function signIn(ctx: HttpContext, user: User) {
  await ctx.auth.use('web').login(user)
  rememberSessionEpoch(ctx, user)
}

/**
 * True when the signed-in user's session predates their last password change; such a
 * session is logged out here and the caller treats the request as anonymous.
 */
export async function endStaleSession(ctx: HttpContext): Promise<boolean> {
  const user = ctx.auth.use('web').user
  if (!user) return false
  const remembered = Number(ctx.session.get(KEY, 0))
  if (remembered === (user.sessionEpoch ?? 0)) return false
  await ctx.auth.use('web').logout()
  ctx.session.regenerate()
  return true
}
