import { BaseTransformer } from '@adonisjs/core/transformers'
import type ReviewLink from '#models/review_link'
import type User from '#models/user'

/** A review link in Settings: never its token hash or password hash, only whether it has a password. */
export default class ReviewTransformer extends BaseTransformer<ReviewLink> {
  toObject() {
    const link = this.resource
    return {
      id: link.id,
      label: link.label,
      state: link.state(),
      posts: Number(link.$extras.posts_count ?? 0),
      hasPassword: Boolean(link.passwordHash),
      clientEmail: link.clientEmail,
      locale: link.locale,
      createdBy: (link.createdBy as User | null)?.fullName ?? null,
      createdAt: link.createdAt.toUTC().toISO()!,
      lastOpenedAt: link.lastOpenedAt?.toUTC().toISO() ?? null,
      expiresAt: link.expiresAt.toUTC().toISO()!,
      revokedAt: link.revokedAt?.toUTC().toISO() ?? null,
    }
  }
}
