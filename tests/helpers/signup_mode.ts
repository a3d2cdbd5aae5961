import app from '@adonisjs/core/services/app'
import type { SignupMode } from '#config/accounts'

/**
 * Runs the rest of a test under another SIGNUP_MODE (the server runs in the test process
 * and reads the mode per request); `cleanup` restores the mode the suite started with.
 */
export function useSignupMode(mode: SignupMode, cleanup: (fn: () => void) => void) {
  const previous = app.config.get<SignupMode>('accounts.signupMode')
  app.config.set('accounts.signupMode', mode)
  cleanup(() => app.config.set('accounts.signupMode', previous))
}
