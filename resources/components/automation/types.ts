import type { Data } from '@generated/data'
// Types, not interfaces: page props must be plain JSON shapes for Inertia's checks.
export type FeedMode = 'draft' | 'queue' | 'approval'

export type FeedAccount = {
  id: number
  network: string
  handle: string
}

export type FeedFields = {
  url: string
  mode: FeedMode
  template: string
  targetAccountIds: number[]
  includeWords: string[]
  excludeWords: string[]
  maxItemsPerFetch: number
  importExisting: boolean
  active: boolean
}

export type FeedRow = Data.Feed

export type SeriesInfo = {
  id: number
  rule: string
  startsAtLocal: string
  missedPolicy: 'post_late' | 'skip'
  lateGraceMinutes: number
  mediaCount: number
  occurrenceLocal: string
  detached: boolean
  missedAt: string | null
  lateSeconds: number | null
}

export type EvergreenFields = {
  variants: string[]
  targetAccountIds: number[]
  minGapDays: number
  active: boolean
}

export type EvergreenSlot = {
  slotAt: string
  postId: number | null
  postStatus: string | null
  accounts: { socialAccountId: number; network: string; skippedReason: string | null }[]
}

export type EvergreenNext =
  | { kind: 'scheduled'; at: string; postId: number }
  | { kind: 'eligible'; at: string }
  | { kind: 'paused' }

export type EvergreenRow = EvergreenFields & {
  id: number
  lastSentAt: string | null
  author: string | null
  sentCount: number
  history: EvergreenSlot[]
  next: EvergreenNext
}
