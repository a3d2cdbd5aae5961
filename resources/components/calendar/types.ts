import type { Data } from '@generated/data'
/* Page props are `type` aliases (Inertia checks them against JSON types). See app/transformers/calendar_transformer.ts. */
import {
  FINAL_DELIVERY_STATUSES,
  type DeliveryStatus,
  type PostStatus,
} from '../../../app/models/statuses'

/** Typed once, for the server and these pages alike. */
export type { DeliveryStatus, PostStatus }

export type CalendarEvent = Data.Calendar

export type CalendarAccount = Data.Channel.Variants['forCalendar']
export type CalendarNetwork = Data.Network

export type CalendarFilters = { accounts: number[]; networks: string[]; statuses: PostStatus[] }

/** Tailwind classes per status: the chip's left bar and tint, and the legend dot. */
export const STATUS_STYLE: Record<PostStatus, { chip: string; dot: string }> = {
  draft: { chip: 'border-stone-400 bg-stone-50 text-stone-600 border-dashed', dot: 'bg-stone-400' },
  pending_approval: { chip: 'border-amber-500 bg-amber-50 text-amber-900', dot: 'bg-amber-500' },
  approved: { chip: 'border-sky-500 bg-sky-50 text-sky-900', dot: 'bg-sky-500' },
  rejected: { chip: 'border-rose-400 bg-rose-50 text-rose-800', dot: 'bg-rose-400' },
  scheduled: { chip: 'border-indigo-500 bg-indigo-50 text-indigo-900', dot: 'bg-indigo-500' },
  publishing: {
    chip: 'border-violet-500 bg-violet-50 text-violet-900 animate-pulse',
    dot: 'bg-violet-500',
  },
  published: { chip: 'border-brand-600 bg-brand-50 text-brand-900', dot: 'bg-brand-600' },
  partially_published: {
    chip: 'border-orange-500 bg-orange-50 text-orange-900',
    dot: 'bg-orange-500',
  },
  failed: { chip: 'border-red-600 bg-red-50 text-red-900', dot: 'bg-red-600' },
}

/**
 * The post status its deliveries imply, as app/services/publishing/rollup.ts computes it,
 * so a live delivery event repaints the chip before the next fetch confirms it.
 */
export function rolledUpStatus(current: PostStatus, statuses: DeliveryStatus[]): PostStatus {
  const live = statuses.filter((status) => status !== 'cancelled')
  if (!live.length) return current
  if (live.every((status) => FINAL_DELIVERY_STATUSES.includes(status))) {
    const published = live.filter((status) => status === 'published').length
    if (published === live.length) return 'published'
    return published > 0 ? 'partially_published' : 'failed'
  }
  if (live.some((status) => status === 'publishing' || status === 'published')) return 'publishing'
  return current
}
