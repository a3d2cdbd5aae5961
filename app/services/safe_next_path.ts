/**
 * Where to send a user after signing in or up, from a `next` parameter: only a path of
 * this application (`/…`), never another origin (`//evil.example`, `/\evil`, `https:`),
 * so the parameter cannot be turned into an open redirect.
 */
export function safeNextPath(value: unknown, fallback = '/') {
  if (typeof value !== 'string' || value.length > 512) return fallback
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  // Control characters (a newline, NUL) are what header splitting and path confusion use.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) return fallback
  return value
}
