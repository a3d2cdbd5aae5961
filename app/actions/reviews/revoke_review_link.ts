import { DateTime } from 'luxon'
import type ReviewLink from '#models/review_link'

/** Revokes a link at once: its page answers 410 from the next request on. Revoking twice changes nothing. */
export async function revokeReviewLink(link: ReviewLink) {
  if (link.revokedAt) return link
  link.revokedAt = DateTime.utc()
  await link.save()
  return link
}
