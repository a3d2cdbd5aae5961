export type FeedMode = 'draft' | 'queue' | 'approval'

export interface FeedAccount {
  id: number
  network: string
  handle: string
}

export interface FeedFields {
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

export interface FeedRow extends FeedFields {
  id: number
  title: string | null
  lastFetchedAt: string | null
  lastErrorCode: string | null
  lastError: string | null
  items: {
    id: number
    title: string | null
    link: string | null
    postId: number | null
    skippedReason: string | null
    createdAt: string | null
  }[]
}

export interface SeriesInfo {
  id: number
  rule: string
  startsAtLocal: string
  occurrenceLocal: string
}
