/* Page props are `type` aliases (see channels/types.ts). Shapes come from app/transformers/post_transformer.ts. */
import type { Data } from '@generated/data'
import type { Capabilities } from '@sdk/capabilities'
import type { OptionField } from '@sdk/options'
import type { PostIssue } from '@sdk/validation'

/** SDK interfaces as plain object types, which Inertia's JSON prop check accepts. */
export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T]: Plain<T[K]> }
    : T

import type { DeliveryStatus, PostStatus } from '../../../app/models/statuses'

/** Typed once, for the server and these pages alike. */
export type { DeliveryStatus, PostStatus }

export type OptionValue = string | number | boolean | null

/** A network's name, icon and colour (app/transformers/network_transformer.ts). */
export type NetworkMark = Data.Network

export type ComposerAccount = {
  id: number
  network: string
  handle: string
  displayName: string
  avatarUrl: string | null
  status: 'connected' | 'needs_reconnection' | 'disconnected'
  capabilities: Plain<Capabilities>
  optionFields: Plain<OptionField>[]
}

/** A library asset the composer can attach (app/transformers/media_transformer.ts). */
export type MediaChoice = Data.Media

export type TargetChecks = { socialAccountId: number; issues: Plain<PostIssue>[] }[]

export type ComposerTarget = {
  socialAccountId: number
  text: string | null
  options: Record<string, OptionValue>
}
export type ComposerMedia = { mediaAssetId: number; altText: string | null }

export type ComposerPost = {
  id: number
  status: PostStatus
  body: string
  scheduledAt: string | null
  reviewComment: string | null
  editable: boolean
  targets: ComposerTarget[]
  media: ComposerMedia[]
  /** The shared follow-ups (thread parts, first comment), as the composer edits them. */
  parts?: {
    kind: 'thread' | 'first_comment'
    text: string
    media: ComposerMedia[]
  }[]
}

export type PostTarget = {
  deliveryId: number
  socialAccountId: number | null
  network: string
  accountName: string
  handle: string | null
  avatarUrl: string | null
  status: DeliveryStatus
}

export type PostRow = {
  id: number
  status: PostStatus
  excerpt: string
  scheduledAt: string | null
  updatedAt: string
  author: string | null
  reviewComment: string | null
  editable: boolean
  canReview: boolean
  targets: PostTarget[]
}

/** The kind of answer behind a delivery's last error (app/services/publishing/problems.ts). */
export type ProblemKind =
  'error' | 'unauthorized' | 'rate_limited' | 'ambiguous' | 'pending' | 'media' | 'blocked'

export type DeliveryDetail = PostTarget & {
  text: string
  attempts: number
  /** The network's own reason, in English: shown as a detail under the worded problem. */
  lastError: string | null
  lastErrorKind: ProblemKind | null
  /** The account's page on the network, where a user checks an "outcome unknown". */
  profileUrl: string | null
  externalUrl: string | null
  publishedAt: string | null
  dueAt: string | null
  /** Set while the delivery waits for a free publish slot of its account (or of its network's ceiling). */
  waitingFor: 'account_slot' | 'network_slot' | null
  /** Its follow-ups once the main post is out (empty before, and for a post without any). */
  chain: ChainPart[]
  /** The part that stopped the chain: where "retry from part N" starts. */
  stoppedAtPart: number | null
}

export type PostDetail = {
  id: number
  status: PostStatus
  body: string
  scheduledAt: string | null
  createdAt: string
  author: string | null
  reviewer: string | null
  reviewedAt: string | null
  reviewComment: string | null
  editable: boolean
  canReview: boolean
  isAuthor: boolean
  deliveries: DeliveryDetail[]
  /** The shared follow-ups as written (thread parts, first comment). */
  parts: { kind: 'thread' | 'first_comment'; position: number; text: string }[]
  media: (ComposerMedia & {
    name: string | null
    kind: 'image' | 'video' | null
    thumbnailUrl: string | null
  })[]
}

export type Pagination = { currentPage: number; lastPage: number; total: number; perPage: number }

export type PostFilters = {
  tab: 'all' | 'drafts' | 'pending' | 'scheduled' | 'published' | 'failed'
  status: PostStatus | null
  account: number | null
  network: string | null
}

export type AccountChoice = { id: number; network: string; displayName: string; handle: string }

export type PostingSlotRow = { weekday: number; time: string }

/** What a composer button asks the server to do with the saved post. */
export type Intent = 'draft' | 'schedule' | 'queue' | 'publish' | 'submit'

/** One follow-up of a delivery as published (thread part or first comment): the post page's chain. */
export type ChainPart = {
  position: number
  kind: 'thread' | 'first_comment'
  text: string
  status: 'pending' | 'publishing' | 'published' | 'failed' | 'unknown'
  externalUrl: string | null
  publishedAt: string | null
  error: string | null
  errorKind: ProblemKind | null
}
