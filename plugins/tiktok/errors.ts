import {
  failed,
  ok,
  rateLimited,
  unauthorized,
  type HttpResponse,
  type PluginSettings,
  type Result,
} from '#sdk'
import { limitsOf } from './settings.js'

/** TikTok wraps every answer: `{ data, error: { code: "ok" | <name>, message, log_id } }`. */
export interface TikTokEnvelope<T> {
  data?: T
  error?: { code?: string; message?: string; log_id?: string }
}

/**
 * Turns a TikTok answer into the plugin result. HTTP failures are already mapped by the SDK
 * (401, 429, 5xx, timeouts); what is left is TikTok's own vocabulary:
 * - the daily API post cap (`spam_risk_*`) is a wait, not a failure;
 * - a missing scope (`scope_not_authorized`) needs the user to reconnect with consent;
 * - a 2xx whose envelope carries an error code is still an error.
 */
export function unwrap<T>(
  settings: PluginSettings,
  result: Result<HttpResponse<TikTokEnvelope<T>>>
): Result<T> {
  if (result.status === 'error' && (result.httpStatus === 403 || result.httpStatus === 400))
    return classify(settings, result.reason, result.httpStatus)
  if (result.status !== 'ok') return result
  const { data, error } = result.value.body ?? {}
  if (error?.code && error.code !== 'ok')
    return classify(settings, `${error.code}: ${error.message ?? ''}`.trim(), result.value.status)
  return ok((data ?? {}) as T)
}

function classify(settings: PluginSettings, reason: string, httpStatus: number) {
  if (/spam_risk|daily post cap|too many posts/i.test(reason))
    return rateLimited(limitsOf(settings).dailyCapRetrySeconds, reason)
  if (/scope_not_authorized|access_token_invalid|scope/i.test(reason)) return unauthorized(reason)
  return failed(reason, false, httpStatus === 403 ? 'forbidden' : 'invalid_request', { httpStatus })
}
