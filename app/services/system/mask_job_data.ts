import { REDACTED, isSecretField, isSecretParam, redactReason } from '#sdk/redact'

/** What a masked payload is made of: plain JSON, nothing else reaches the page. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

const MAX_DEPTH = 6
const MAX_ITEMS = 50
const MAX_STRING = 500

/**
 * A job's data as the System page may show it: every field named like a credential masked
 * whatever its value, every string passed through the project's one redaction (tokens in
 * URLs, bearer values, long random words), and the whole bounded in depth and size. Jobs
 * carry ids today, but a payload is whatever a producer put there: the page never trusts it.
 */
export function maskJobData(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'string') return redactReason(value.slice(0, MAX_STRING))
  if (depth >= MAX_DEPTH) return '…'
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => maskJobData(v, depth + 1))
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {}
    for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
      out[key] = isSecretField(key) || isSecretParam(key) ? REDACTED : maskJobData(item, depth + 1)
    }
    return out
  }
  return String(value)
}

/** A failure reason or stack line, masked and cut to what a table cell holds. */
export const maskReason = (text: string | undefined | null) =>
  text ? redactReason(text.slice(0, 1000)) : null
