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

  /**
   * True in production with the default `outbox` mailer: sign-up links, resets and
   * invitations are written to files and never sent. Said at boot and to workspace admins.
   */
  mailUnsent: env.get('NODE_ENV') === 'production' && env.get('MAIL_MAILER', 'outbox') === 'outbox',
}

export default accountsConfig
