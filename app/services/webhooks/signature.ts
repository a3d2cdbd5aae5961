import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh signing secret, shown to the admin once when the webhook is created. */
export function newWebhookSecret() {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/**
 * `v1=` + hex HMAC-SHA256 over `<timestamp>.<raw body>` with the webhook's secret. The
 * timestamp (Unix seconds, header X-Pistache-Timestamp) is signed too, so a receiver that
 * refuses old timestamps cannot be fed a replayed delivery.
 */
export function signPayload(secret: string, timestamp: number, body: string) {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`
}

/** What a receiver does (documented in openapi.ts): recompute, compare in constant time, bound the age. */
export function verifySignature(input: {
  secret: string
  timestamp: string
  body: string
  signature: string
  toleranceSeconds?: number
  now?: number
}) {
  const timestamp = Number(input.timestamp)
  if (!Number.isSafeInteger(timestamp)) return false
  const now = input.now ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) return false
  const expected = Buffer.from(signPayload(input.secret, timestamp, input.body))
  const given = Buffer.from(input.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
