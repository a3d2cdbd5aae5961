/**
 * Masks credentials in text that people and logs read: failure reasons, logged URLs,
 * log lines. The one redaction mechanism of the project: the SDK masks the reasons it
 * builds, and the app uses the same functions for its access log, audit log and app log.
 *
 * Credentials are found by where they sit (a query or route parameter named like a
 * credential, a JSON field such as `refresh_token`, an `Authorization` value, the userinfo
 * of a URL) and, for URL path segments only, by shape (a long random-looking segment:
 * webhook URLs and bot APIs put their secret in the path).
 */
export const REDACTED = '[redacted]'

/** Fields of structured data (JSON keys, log bindings) that hold a credential. */
const SECRET_FIELD =
  /(token|secret|passw(or)?d|authorization|cookie|api[-_]?key|private[-_]?key|verifier|signature|credentials?)$/i

/** Query and route parameters that hold a credential: the fields above and OAuth's `code`/`state`. */
const SECRET_PARAM =
  /token|secret|passw(or)?d|authorization|api[-_]?key|signature|verifier|credential|^(code|state|sig|key|auth|ticket|nonce|otp|jwt|hash|session|sid)$/i

/** What a request carries that is a credential, structurally: the parts `credentialsOf` reads. */
export interface RequestCredentials {
  bearer?: string
  headers?: Record<string, string>
  query?: Record<string, unknown>
  form?: Record<string, string>
  json?: unknown
}

/**
 * The credentials a request sends (bearer, secret headers, and the query, form and
 * top-level JSON fields named like one, e.g. a login's password or a refresh_token), so
 * that an answer quoting one back can be masked whatever the credential's shape.
 */
export function credentialsOf(request: RequestCredentials): string[] {
  const found: unknown[] = [request.bearer]
  const named = (fields: object | undefined, test: (name: string) => boolean) => {
    for (const [name, value] of Object.entries(fields ?? {})) if (test(name)) found.push(value)
  }
  named(request.headers, isSecretField)
  named(request.query, isSecretParam)
  named(request.form, isSecretParam)
  if (request.json && typeof request.json === 'object' && !Array.isArray(request.json))
    named(request.json, isSecretParam)
  return found.filter((value): value is string => typeof value === 'string' && value.length >= 6)
}

export function isSecretField(name: string) {
  return SECRET_FIELD.test(name)
}

export function isSecretParam(name: string) {
  return SECRET_PARAM.test(name)
}

/**
 * A path segment shaped like a random credential: 16+ characters of a token alphabet
 * mixing letters and digits. Numeric ids, words, slugs and URNs (public ids) are kept.
 */
export function looksLikeSecretSegment(segment: string) {
  let value = segment
  try {
    value = decodeURIComponent(segment)
  } catch {}
  if (value.length < 16 || value.startsWith('urn:')) return false
  if (!/^[\w\-.~+=:]+$/.test(value)) return false
  return /\d/.test(value) && /[A-Za-z]/.test(value)
}

function redactPath(path: string) {
  return path
    .split('/')
    .map((segment) => (looksLikeSecretSegment(segment) ? REDACTED : segment))
    .join('/')
}

/** `a=1&code=xyz` → `a=1&code=[redacted]`: values of credential parameters, or shaped like one. */
function redactQuery(query: string) {
  return query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=')
      if (at < 0) return pair
      const name = pair.slice(0, at)
      let decoded = name
      try {
        decoded = decodeURIComponent(name)
      } catch {}
      const value = pair.slice(at + 1)
      return isSecretParam(decoded) || looksLikeSecretSegment(value) ? `${name}=${REDACTED}` : pair
    })
    .join('&')
}

/** A path with its query string, as a request line or a log shows it (`/a/b?c=d`). */
export function redactPathAndQuery(pathAndQuery: string) {
  const withoutFragment = pathAndQuery.split('#')[0]
  const at = withoutFragment.indexOf('?')
  if (at < 0) return redactPath(withoutFragment)
  return `${redactPath(withoutFragment.slice(0, at))}?${redactQuery(withoutFragment.slice(at + 1))}`
}

/**
 * A URL fit to show or log: no userinfo, no fragment (implicit-grant tokens live there),
 * credential query values and secret-shaped path segments masked.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url) : url
  } catch {
    // Not parsable (a URL cut short in an error message): mask it piece by piece.
    const [, scheme, authority, rest] = /^([a-z][\w+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(
      String(url)
    ) ?? ['', '', '', String(url)]
    return `${scheme}${authority.replace(/^.*@/, '')}${redactPathAndQuery(rest)}`
  }
  const query = parsed.search ? `?${redactQuery(parsed.search.slice(1))}` : ''
  return `${parsed.protocol}//${parsed.host}${redactPath(parsed.pathname)}${query}`
}

// Backslashes end a match: in a JSON log line they start an escape that must stay whole.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi
/** A path in prose or an error message (`Cannot GET:/reset-password/…`), not part of a URL. */
const PATH_IN_TEXT = /(^|[\s:="'(,])(\/[^\s"'<>`/\\][^\s"'<>`\\]*)/g
const BEARER = /\b(Bearer)\s+[\w\-.~+/=]{6,}/gi
const PARAM_IN_TEXT = /([?&\s;,(]|^)([\w.[\]-]+)=([^\s&"'<>`;,)\\]+)/g
/** A word of a token alphabet: in a reason, a long one mixing letters and digits is a credential. */
const LONG_WORD = /[\w\-.~+=]{20,}/g
const FIELD_IN_JSON = /"([^"\\]{1,64})"\s*:\s*"((?:[^"\\]|\\.)*)"/g
/** The same inside a JSON string (a logged message that quotes a JSON body): `\"token\":\"…\"`. */
const FIELD_IN_QUOTED_JSON = /\\"([^"\\]{1,64})\\"\s*:\s*\\"([^"\\]*)\\"/g

/**
 * Masks credentials in free text (a failure reason, an error message, a JSON log line).
 * `knownSecrets` are values the caller knows to be secret (the bearer it just sent):
 * every occurrence goes, whatever its shape or place.
 */
export function redactText(text: string, knownSecrets: (string | undefined | null)[] = []): string {
  let out = text
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED)
  }
  return out
    .replace(URL_IN_TEXT, (url: string) => redactUrl(url))
    .replace(PATH_IN_TEXT, (_match, before: string, path: string) => {
      return `${before}${redactPathAndQuery(path)}`
    })
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(PARAM_IN_TEXT, (match, before: string, name: string) =>
      isSecretParam(name) ? `${before}${name}=${REDACTED}` : match
    )
    .replace(FIELD_IN_JSON, (match, name: string) =>
      isSecretField(name) ? `"${name}":"${REDACTED}"` : match
    )
    .replace(FIELD_IN_QUOTED_JSON, (match, name: string) =>
      isSecretField(name) ? `\\"${name}\\":\\"${REDACTED}\\"` : match
    )
}

/**
 * A failure reason as stored and shown to users: `redactText`, and every long word that
 * mixes letters and digits (a network echoing the token it refused, in prose).
 */
export function redactReason(text: string): string {
  return redactText(text).replace(LONG_WORD, (word) =>
    /\d/.test(word) && /[A-Za-z]/.test(word) ? REDACTED : word
  )
}
