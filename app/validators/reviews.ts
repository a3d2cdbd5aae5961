import vine from '@vinejs/vine'

const id = () => vine.number().withoutDecimals().positive()
const locale = () => vine.enum(['en', 'fr'] as const)

/**
 * A review link: explicit posts (from a post's page) or a date range with accounts (from
 * the calendar). `from`/`to` are wall-clock dates in the workspace's zone (yyyy-MM-dd);
 * the action turns them into instants.
 */
export const createReviewLinkValidator = vine.create({
  label: vine.string().trim().minLength(1).maxLength(120),
  postIds: vine.array(id()).minLength(1).maxLength(100).distinct().optional(),
  from: vine
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: vine
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  accountIds: vine.array(id()).maxLength(200).distinct().optional(),
  expiresInDays: vine.number().withoutDecimals().range([1, 90]).optional(),
  password: vine.string().minLength(6).maxLength(200).optional(),
  clientEmail: vine.string().trim().maxLength(254).email().toLowerCase().optional(),
  locale: locale().optional(),
})

/** The name a client types once on a review page. */
export const reviewerNameValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
})

export const reviewPasswordValidator = vine.create({
  password: vine.string().maxLength(200),
})

/** A client's answer on one post: approve (comment optional), request changes or comment (comment required). */
export const clientReviewValidator = vine.create({
  action: vine.enum(['approve', 'request_changes', 'comment'] as const),
  comment: vine.string().trim().maxLength(4000).optional(),
})

/** A member's comment; `@Full Name` of a member in the body mentions them. */
export const postCommentValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(4000),
})

export const workspaceReviewSettingsValidator = vine.create({
  clientApprovalRequired: vine.boolean(),
})
