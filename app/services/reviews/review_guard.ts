import { errors as limiterErrors } from '@adonisjs/limiter'
import type { Limiter } from '@adonisjs/limiter'
import type ReviewLink from '#models/review_link'
import { findReviewLink } from '#services/reviews/review_tokens'
import { reviewMissesPerIp, reviewPerIp, reviewPerToken } from '#start/limiter'

export type ReviewGate =
  | { status: 'ok'; link: ReviewLink }
  | { status: 'limited'; retryAfterSeconds: number }
  | { status: 'not_found' }
  | { status: 'revoked' | 'expired'; link: ReviewLink }

/** Counts one request; the seconds to wait when the limit is exceeded, else null. */
async function spend(limiter: Limiter, key: string) {
  try {
    await limiter.consume(key)
    return null
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS)
      return Math.max(1, error.response.availableIn)
    throw error
  }
}

/**
 * Every request to a review page passes here before anything is read: a limit per IP,
 * a block on IPs that keep naming unknown tokens (guessing), then a limit per link.
 * Only an unknown token counts as a miss; a revoked or expired one is a real link
 * someone was given, and answers 410.
 */
export async function openReviewLink(token: string, ip: string): Promise<ReviewGate> {
  const perIp = await spend(reviewPerIp, `review:ip:${ip}`)
  if (perIp) return { status: 'limited', retryAfterSeconds: perIp }
  const missKey = `review:miss:${ip}`
  if (await reviewMissesPerIp.isBlocked(missKey))
    return { status: 'limited', retryAfterSeconds: await reviewMissesPerIp.availableIn(missKey) }

  const link = await findReviewLink(token)
  if (!link) {
    const blocked = await spend(reviewMissesPerIp, missKey)
    return blocked ? { status: 'limited', retryAfterSeconds: blocked } : { status: 'not_found' }
  }
  const state = link.state()
  if (state !== 'active') return { status: state, link }
  const perLink = await spend(reviewPerToken, `review:link:${link.id}`)
  if (perLink) return { status: 'limited', retryAfterSeconds: perLink }
  return { status: 'ok', link }
}
