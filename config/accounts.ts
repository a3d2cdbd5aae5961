import env from '#start/env'

export type SignupMode = 'open' | 'invite' | 'closed'

/** Settings of the accounts area, read through `app.config` so tests can switch them. */
const accountsConfig = {
  /**
   * Who may sign up: `open` (anyone), `invite` (only an address with a pending workspace
   * invitation) or `closed`. A production install starts invite-only: an agency exposing
   * the app to the internet does not get strangers' accounts by default.
   */
  signupMode: env.get('SIGNUP_MODE', env.get('NODE_ENV') === 'production' ? 'invite' : 'open'),
}

export default accountsConfig
