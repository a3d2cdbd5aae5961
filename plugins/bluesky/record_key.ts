import { createHash } from 'node:crypto'

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz'
export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/

// The window the derived timestamps fall in: 2^45 µs (about 407 days) from 2024-01-01.
const WINDOW_START_US = BigInt(Date.UTC(2024, 0, 1)) * 1000n
const WINDOW_US = 1n << 45n

/**
 * The record key of the post made for one idempotency key, so that a retried
 * createRecord collides with the first instead of posting twice.
 *
 * app.bsky.feed.post records are keyed by TID (13 base32-sortable characters: a 53-bit
 * microsecond timestamp and a 10-bit clock id). Here both parts come from a SHA-256 of
 * the key rather than from a clock, so the key is stable across attempts; the timestamp
 * is kept inside a window in the past so it stays plausible. Nothing orders posts by
 * rkey (feeds sort by createdAt / indexedAt), and 55 bits of hash make collisions
 * between different deliveries negligible.
 */
export function recordKeyFor(idempotencyKey: string) {
  const digest = createHash('sha256').update(`pistache-postiz:${idempotencyKey}`).digest()
  const bits = digest.readBigUInt64BE(0)
  const micros = WINDOW_START_US + (bits % WINDOW_US)
  const clockId = bits >> 54n // the top 10 bits, unused by the timestamp part
  return encodeTid((micros << 10n) | clockId)
}

function encodeTid(value: bigint) {
  let out = ''
  for (let i = 0; i < 13; i++) {
    out = BASE32_SORTABLE[Number(value & 31n)] + out
    value >>= 5n
  }
  return out
}
