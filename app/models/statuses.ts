/**
 * Every status a post or a delivery can have, written once: the models re-export them, and
 * services, validators and the Vue pages import them (the browser bundle too, hence no
 * imports here).
 */

export const POST_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'rejected',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
] as const
export type PostStatus = (typeof POST_STATUSES)[number]

/** What the client said through a review link. */
export const CLIENT_STATUSES = ['approved', 'changes_requested'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]

export const DELIVERY_STATUSES = [
  'draft',
  'pending_approval',
  'scheduled',
  'queued',
  'publishing',
  'published',
  'failed',
  'unknown',
  'cancelled',
] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** Nothing more will happen to a delivery in these statuses. */
export const FINAL_DELIVERY_STATUSES: DeliveryStatus[] = [
  'published',
  'failed',
  'unknown',
  'cancelled',
]
