import { createHash } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import type { OutboundPolicy } from '#sdk'
import { appRedisKey } from '#services/redis_keys'
import { SafeFetchError, safeFetchText } from '#services/safe_fetch'
import { parseLinkMeta } from '#services/link_cards/parse_link_meta'

/** What a post's preview shows under its text for a link, as the networks do. */
export interface LinkCard {
  url: string
  domain: string
  title: string
  description: string | null
  /** An absolute http(s) address, or null: the page shows no other kind. */
  imageUrl: string | null
}

/** Read at most this much of a page: its head, where the meta tags are, is at the start. */
export const LINK_CARD_MAX_BYTES = 256 * 1024
/** The whole fetch, redirects included; a slower site gets no card rather than a stuck preview. */
export const LINK_CARD_TIMEOUT_MS = 5000
/** A page's card is fetched again a day later at the earliest, by anyone. */
const CARD_TTL_SECONDS = 24 * 3600
/** A page without a card (no title, an error status, not HTML, a refused address): an hour. */
const MISS_TTL_SECONDS = 3600
/** A page that did not answer in time or broke the connection may be back soon: 5 minutes. */
const TRANSIENT_TTL_SECONDS = 300

/** Where a URL's card is cached (exported for the tests that read its lifetime). */
export const linkCardCacheKey = (url: string) =>
  appRedisKey(`link-card:${createHash('sha256').update(url).digest('hex')}`)

/** The URL as fetched and cached: http(s) only, no fragment (the page is the same), bounded. */
export function normalizeCardUrl(raw: string) {
  if (raw.length > 2048) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) return null
  url.hash = ''
  return url
}

function absoluteImage(raw: string | null, page: URL) {
  if (!raw) return null
  try {
    const url = new URL(raw, page)
    return ['http:', 'https:'].includes(url.protocol) ? url.toString() : null
  } catch {
    return null
  }
}

/** One fetch per URL at a time in this process: a page's previews ask for the same card at once. */
const inFlight = new Map<string, Promise<LinkCard | null>>()

type Fetched = { card: LinkCard | null; ttl: number }

async function fetchCard(url: URL, outbound?: OutboundPolicy): Promise<Fetched> {
  try {
    const page = await safeFetchText(url, {
      maxBytes: LINK_CARD_MAX_BYTES,
      keepStart: true,
      timeoutMs: LINK_CARD_TIMEOUT_MS,
      maxRedirects: 5,
      accept: 'text/html,application/xhtml+xml;q=0.9',
      userAgent: 'PistachePostiz-LinkPreview/1.0',
      acceptContentTypes: (type) => type === 'text/html' || type === 'application/xhtml+xml',
      outbound,
    })
    if (page.status !== 'ok') return { card: null, ttl: MISS_TTL_SECONDS }
    const meta = parseLinkMeta(page.text)
    if (!meta.title) return { card: null, ttl: MISS_TTL_SECONDS }
    const card = {
      url: url.toString(),
      domain: page.finalUrl.hostname.replace(/^www\./, ''),
      title: meta.title,
      description: meta.description,
      imageUrl: absoluteImage(meta.image, page.finalUrl),
    }
    return { card, ttl: CARD_TTL_SECONDS }
  } catch (error) {
    // Refused addresses, timeouts, dead sites: no card, the post reads the same.
    if (!(error instanceof SafeFetchError)) throw error
    const transient = error.code === 'timeout' || error.code === 'network'
    return { card: null, ttl: transient ? TRANSIENT_TTL_SECONDS : MISS_TTL_SECONDS }
  }
}

/**
 * The card of a link, from the cache (Redis: a day; an hour for a page without one, five
 * minutes after a timeout or a broken connection) or
 * fetched once through the SSRF-safe fetch (address policy, redirects checked, 5 s, 256 KB).
 * Null when the URL is not http(s) or the page gives no title.
 */
export async function linkCardFor(
  raw: string,
  options: { outbound?: OutboundPolicy } = {}
): Promise<LinkCard | null> {
  const url = normalizeCardUrl(raw)
  if (!url) return null
  const key = linkCardCacheKey(url.toString())
  const cached = await redis.get(key)
  if (cached !== null) return (JSON.parse(cached) as { card: LinkCard | null }).card
  const running = inFlight.get(key)
  if (running) return running
  const work = fetchCard(url, options.outbound)
    .then(async ({ card, ttl }) => {
      await redis.set(key, JSON.stringify({ card }), 'EX', ttl)
      return card
    })
    .finally(() => inFlight.delete(key))
  inFlight.set(key, work)
  return work
}
