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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * What the calendar's "share with the client" button passes to the link form: the days on
 * screen, its title as the label, the accounts its filters show. Only well-formed days and
 * ids of this workspace's accounts get through; anything else is left for the member to fill.
 */
export function reviewLinkPrefill(query: Record<string, unknown>, accounts: { id: number }[]) {
  const day = (value: unknown) =>
    typeof value === 'string' && ISO_DAY.test(value.slice(0, 10)) ? value.slice(0, 10) : null
  const known = new Set(accounts.map((account) => account.id))
  const accountIds =
    typeof query.accounts === 'string'
      ? [...new Set(query.accounts.split(',').map(Number))].filter((id) => known.has(id))
      : []
  const label = typeof query.label === 'string' ? query.label.replace(/\s+/g, ' ').trim() : ''
  return {
    from: day(query.from),
    to: day(query.to),
    label: label ? label.slice(0, 120) : null,
    accountIds,
  }
}
