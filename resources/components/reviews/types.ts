import type { Data } from '@generated/data'
/* Shapes from app/services/reviews/review_page.ts, app/services/reviews/timeline.ts and app/transformers/review_transformer.ts. */
import type { NetworkMark } from '../posts/types'

export type ClientStatus = 'approved' | 'changes_requested' | null

export type ReviewPreview = {
  id: number
  network: string
  handle: string
  displayName: string
  avatarUrl: string | null
  text: string
}

export type ReviewPost = {
  id: number
  scheduledAt: string | null
  open: boolean
  published: boolean
  clientStatus: ClientStatus
  clientReviewerName: string | null
  clientReviewedAt: string | null
  resetAt: string | null
  previews: ReviewPreview[]
  media: { id: number; kind: 'image' | 'video'; name: string; thumbnailUrl: string | null }[]
  comments: {
    id: number
    name: string
    kind: 'comment' | 'approved' | 'changes_requested'
    body: string
    at: string
  }[]
}

export type ReviewPageProps = {
  workspace: { name: string; timezone: string }
  link: { label: string; expiresAt: string }
  networks: Record<string, NetworkMark>
  posts: ReviewPost[]
  clientName: string | null
  path: string
}

export type ReviewLinkRow = Data.Review

export type ThreadComment = {
  id: number
  source: 'internal' | 'client'
  kind: 'comment' | 'approved' | 'changes_requested'
  who: string | null
  body: string
  at: string
  editedAt: string | null
  mine: boolean
}

export type TimelineEntry = {
  id: string
  at: string
  kind: string
  who: string | null
  fromClient: boolean
  text: string | null
  network: string | null
  detail: string | null
}

export type ClientReviewState = {
  required: boolean
  /** Held off the schedule until the client approves. */
  awaiting: boolean
  status: ClientStatus
  reviewer: string | null
  reviewedAt: string | null
  resetAt: string | null
}
