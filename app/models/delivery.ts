import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import DeliveryPart from '#models/delivery_part'
import type { ProblemKind } from '#services/publishing/problems'
import type { DeliveryStatus } from '#models/statuses'

export { DELIVERY_STATUSES, FINAL_DELIVERY_STATUSES, type DeliveryStatus } from '#models/statuses'

/** What a due delivery waits for when every publish slot it could use is taken (network_slots.ts). */
export type DeliveryWaitingFor = 'account_slot' | 'network_slot'

/** Has a time and waits for it (or is due now): what a wake-up call may claim. */
export const WAITING_DELIVERY_STATUSES: DeliveryStatus[] = ['scheduled', 'queued']

/** Before any schedule: a draft, or waiting for an admin's approval. */
export const UNSCHEDULED_DELIVERY_STATUSES: DeliveryStatus[] = ['draft', 'pending_approval']

/** No worker holds it: it may still be moved or cancelled (a waiting retry included). */
export const UNCLAIMED_DELIVERY_STATUSES: DeliveryStatus[] = [
  ...UNSCHEDULED_DELIVERY_STATUSES,
  ...WAITING_DELIVERY_STATUSES,
]

/**
 * Columns of a `deliveries` row as written by raw query-builder updates, with the status
 * typed: a misspelt status is a compile error, not a row no query ever finds.
 */
export type DeliveryRowPatch = { status?: DeliveryStatus } & Record<string, unknown>

/**
 * One post going to one account. Its row is the source of truth of the publish: a worker
 * owns it only after a compare-and-set claim (app/services/publishing/claim.ts).
 */
export default class Delivery extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare postId: number

  @column()
  declare workspaceId: number

  @column()
  declare socialAccountId: number | null

  @column()
  declare network: string

  /** The per-account variant; null means the post's body. */
  @column()
  declare text: string | null

  @column({
    prepare: (value: Record<string, unknown> | null) => JSON.stringify(value ?? {}),
    consume: (value: string | null) => (value ? JSON.parse(value) : {}),
  })
  declare options: Record<string, unknown>

  @column()
  declare status: DeliveryStatus

  @column()
  declare revision: number

  @column()
  declare attempts: number

  @column()
  declare rateLimitWaits: number

  @column()
  declare statusChecks: number

  @column.dateTime()
  declare dueAt: DateTime | null

  @column.dateTime()
  declare leaseUntil: DateTime | null

  @column()
  declare claimedBy: string | null

  @column()
  declare jobId: string | null

  /** Set while a due delivery waits for a free publish slot; cleared when a worker claims it. */
  @column()
  declare waitingFor: DeliveryWaitingFor | null

  @column()
  declare lastError: string | null

  /** The kind of answer behind `lastError`, which the pages word (app/services/publishing/problems.ts). */
  @column()
  declare lastErrorKind: ProblemKind | null

  @column()
  declare externalId: string | null

  @column()
  declare externalUrl: string | null

  /** The target has its own follow-ups (post_parts with this delivery), even none; else the post's. */
  @column({ consume: (value: unknown) => Boolean(value) })
  declare ownParts: boolean

  /** What a reply needs besides the id to point at the main post (Bluesky's CID); opaque. */
  @column({ serializeAs: null })
  declare replyRef: string | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column()
  declare idempotencyKey: string

  /** Opaque to the app: the plugin's handle for a publish still processing at the network. */
  @column({ serializeAs: null })
  declare pendingHandle: string | null

  @column.dateTime()
  declare checkAfter: DateTime | null

  /** An unanswered publish the lookup did not find yet: when it is looked up again. */
  @column.dateTime()
  declare recheckAt: DateTime | null

  /** Re-checks of unanswered publishes so far (bounded by `maxRechecks`). */
  @column()
  declare rechecks: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Post)
  declare post: BelongsTo<typeof Post>

  @belongsTo(() => SocialAccount)
  declare socialAccount: BelongsTo<typeof SocialAccount>

  /** The follow-ups as steps of this delivery's publish, once the main post is out (by position). */
  @hasMany(() => DeliveryPart)
  declare chain: HasMany<typeof DeliveryPart>

  /** What this account will receive: its variant, or the post's body. */
  textFor(post: Pick<Post, 'body'>) {
    return this.text ?? post.body
  }
}
