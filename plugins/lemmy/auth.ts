import {
  failed,
  ok,
  type AccountProfile,
  type CredentialsAuth,
  type HttpClient,
  type Result,
} from '#sdk'
import { accountHttp, instanceHttp, instanceOrigin, lemmyUrls } from './urls.js'

/** Lemmy's refusals name themselves in `error` (fake/spec: LemmyErrorType). */
const SESSION_ENDED = new Set(['not_logged_in', 'incorrect_login'])

interface LoginResponse {
  jwt?: string
  registration_created: boolean
  verify_email_sent: boolean
}

interface Person {
  id: number
  name: string
  display_name?: string
  avatar?: string
  actor_id: string
}

interface SiteResponse {
  my_user?: { local_user_view: { person: Person } }
}

/** Whether a failed answer means the login token is no longer accepted (Lemmy answers 400 or 401). */
export function sessionEnded(result: { status: string; networkError?: string | number }) {
  return (
    result.status === 'unauthorized' ||
    (result.status === 'error' && SESSION_ENDED.has(String(result.networkError ?? '')))
  )
}

/** The account behind a login token, read from the instance's `GET /site`. */
async function fetchProfile(
  http: HttpClient,
  origin: string,
  jwt: string
): Promise<Result<AccountProfile>> {
  const site = await http.send<SiteResponse>({ url: '/site', bearer: jwt })
  if (site.status !== 'ok') return failed(site.reason, false, 'profile_lookup_failed')
  const person = site.value.body.my_user?.local_user_view.person
  if (!person)
    return failed('the instance did not say who is logged in', false, 'profile_lookup_failed')
  const host = new URL(origin).host
  return ok({
    externalId: person.actor_id,
    handle: `@${person.name}@${host}`,
    displayName: person.display_name || person.name,
    avatarUrl: person.avatar ?? null,
    profileUrl: person.actor_id,
    meta: { instance: origin, personId: person.id },
  })
}

/**
 * A login on the user's own instance (`POST /user/login`) gives a token (a JWT) that lasts until
 * it is logged out: the password is used once and never stored. Disconnecting logs it out.
 */
export const lemmyAuth: CredentialsAuth = {
  kind: 'credentials',
  picker: false,
  fields: [
    {
      name: 'instance',
      type: 'url',
      label: { en: 'Instance', fr: 'Instance' },
      help: {
        en: 'The Lemmy server your account is on, e.g. lemmy.ml or https://lemmy.world.',
        fr: 'Le serveur Lemmy de votre compte, par exemple lemmy.ml ou https://lemmy.world.',
      },
      placeholder: 'https://lemmy.world',
      secret: false,
    },
    {
      name: 'username',
      type: 'text',
      label: { en: 'Username or email', fr: 'Nom d’utilisateur ou e-mail' },
      placeholder: 'pistache',
      secret: false,
    },
    {
      name: 'password',
      type: 'password',
      label: { en: 'Password', fr: 'Mot de passe' },
      help: {
        en: 'Used once to log in, never stored: the app keeps only the login token.',
        fr: 'Utilisé une seule fois pour se connecter, jamais conservé\u202f: l’application ne garde que le jeton de connexion.',
      },
      secret: true,
    },
    {
      name: 'totp',
      type: 'text',
      label: { en: 'Two-factor code', fr: 'Code à deux facteurs' },
      help: {
        en: 'Only if two-factor authentication is on for this account.',
        fr: 'Seulement si la double authentification est activée sur ce compte.',
      },
      placeholder: '123456',
      secret: false,
    },
  ],
  messages: {
    login_refused: {
      en: 'The instance refused this login: check the username and the password.',
      fr: 'L’instance a refusé cette connexion\u202f: vérifiez le nom d’utilisateur et le mot de passe.',
    },
    invalid_instance: {
      en: 'This is not an instance address (lemmy.ml or https://lemmy.ml).',
      fr: 'Ce n’est pas l’adresse d’une instance (lemmy.ml ou https://lemmy.ml).',
    },
    missing_totp_token: {
      en: 'This account uses two-factor authentication: enter the current code.',
      fr: 'Ce compte utilise la double authentification\u202f: saisissez le code actuel.',
    },
    not_verified: {
      en: 'The instance has not activated this account yet (email to confirm or application pending).',
      fr: 'L’instance n’a pas encore activé ce compte (e-mail à confirmer ou demande en attente).',
    },
  },

  async connect(ctx, values) {
    const origin = instanceOrigin(values.instance || lemmyUrls(ctx.settings).instance)
    if (!origin) return failed('not an instance address', false, 'invalid_instance')
    const username = (values.username ?? '').trim().replace(/^@/, '')
    if (!username || !values.password)
      return failed('a username and a password are required', false, 'login_refused')
    const http = instanceHttp(ctx, origin)
    const totp = (values.totp ?? '').trim()
    const login = await http.send<LoginResponse>({
      method: 'POST',
      url: '/user/login',
      json: {
        username_or_email: username,
        password: values.password,
        ...(totp ? { totp_2fa_token: totp } : {}),
      },
    })
    if (login.status === 'error' && login.networkError === 'missing_totp_token')
      return failed(login.reason, false, 'missing_totp_token')
    if (login.status === 'unauthorized' || (login.status === 'error' && !login.retryable))
      return failed(login.reason, false, 'login_refused')
    if (login.status !== 'ok') return failed(login.reason, true, 'server_unreachable')
    const jwt = login.value.body.jwt
    if (!jwt) return failed('the instance gave no login token', false, 'not_verified')
    const profile = await fetchProfile(http, origin, jwt)
    if (profile.status !== 'ok') {
      await http.send({ method: 'POST', url: '/user/logout', bearer: jwt, json: {} })
      return profile
    }
    return ok([
      { profile: profile.value, token: { accessToken: jwt, refreshToken: null, expiresAt: null } },
    ])
  },

  /** Logs the token out: Lemmy then refuses it everywhere. */
  async revoke(ctx) {
    const out = await accountHttp(ctx).send({
      method: 'POST',
      url: '/user/logout',
      bearer: ctx.token.accessToken,
      json: {},
    })
    // A token the instance no longer knows is as logged out as it gets.
    if (out.status === 'ok' || sessionEnded(out)) return ok(undefined)
    return out
  },
}
