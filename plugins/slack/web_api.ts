import { failed, ok, rateLimited, unauthorized, type HttpClient, type Result } from '#sdk'

/** Errors Slack answers (with HTTP 200) when the token itself is no longer good. */
const TOKEN_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
])
/** Errors worth trying again later: Slack's side, not the request. */
const TRANSIENT_ERRORS = new Set([
  'internal_error',
  'fatal',
  'service_unavailable',
  'request_timeout',
])

export type SlackAnswer<T> = T & { ok: boolean; error?: string }

/**
 * One Web API method. Slack answers most refusals with HTTP 200 and `{ ok: false, error }`:
 * they become the results the pipeline acts on, the error's name kept as the network's code.
 */
export async function callSlack<T>(
  http: HttpClient,
  method: string,
  input: {
    token?: string
    verb?: 'GET' | 'POST'
    params?: Record<string, string>
  }
): Promise<Result<SlackAnswer<T>>> {
  const verb = input.verb ?? 'POST'
  const sent = await http.send<SlackAnswer<T>>({
    method: verb,
    url: `/${method}`,
    ...(input.token ? { bearer: input.token } : {}),
    ...(verb === 'GET' ? { query: input.params } : { form: input.params ?? {} }),
  })
  if (sent.status !== 'ok') return sent
  const body = sent.value.body
  if (body?.ok) return ok(body)
  const error = String(body?.error ?? 'no_answer')
  const reason = `${method}: ${error}`
  if (TOKEN_ERRORS.has(error)) return unauthorized(reason)
  if (error === 'ratelimited') return rateLimited(60, reason)
  return failed(reason, TRANSIENT_ERRORS.has(error), error, { networkError: error })
}
