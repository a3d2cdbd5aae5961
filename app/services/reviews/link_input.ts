import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import type Workspace from '#models/workspace'
import type { createReviewLinkValidator } from '#validators/reviews'

export type ReviewLinkPayload = Infer<typeof createReviewLinkValidator>

/**
 * The date range of a link from its form or API body: whole days in the workspace's time
 * zone, `to` included. Null when the payload names posts instead, `invalid` when the days
 * do not exist or end before they start, or span more than 92 days.
 */
export function reviewRange(workspace: Workspace, payload: ReviewLinkPayload) {
  if (payload.postIds?.length || !payload.from || !payload.to) return null
  const from = DateTime.fromISO(payload.from, { zone: workspace.timezone }).startOf('day')
  const to = DateTime.fromISO(payload.to, { zone: workspace.timezone })
    .plus({ days: 1 })
    .startOf('day')
  if (!from.isValid || !to.isValid || to <= from || to.diff(from, 'days').days > 92)
    return 'invalid'
  return { from, to }
}
