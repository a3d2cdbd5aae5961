import vine from '@vinejs/vine'
import { FEED_MODES } from '#models/feed'
import { MISSED_POLICIES } from '#models/post_series'
import { reachableUrl } from '#validators/outbound'

const words = () => vine.array(vine.string().trim().minLength(1).maxLength(60)).maxLength(30)

/** A feed to follow: a public http(s) address, what its items become, where, and which ones. */
export const feedValidator = vine.create({
  url: vine
    .string()
    .trim()
    .maxLength(2048)
    .url({ require_protocol: true, protocols: ['http', 'https'], require_tld: false })
    .use(reachableUrl()),
  mode: vine.enum(FEED_MODES),
  template: vine.string().trim().minLength(1).maxLength(2000),
  targetAccountIds: vine
    .array(vine.number().withoutDecimals().positive())
    .minLength(1)
    .maxLength(50)
    .distinct(),
  includeWords: words().optional(),
  excludeWords: words().optional(),
  maxItemsPerFetch: vine.number().withoutDecimals().range([1, 20]),
  importExisting: vine.boolean().optional(),
  active: vine.boolean().optional(),
})
export type FeedInput = Awaited<ReturnType<typeof feedValidator.validate>>

const seriesTarget = vine.object({
  socialAccountId: vine.number().withoutDecimals().positive(),
  text: vine.string().maxLength(20_000).nullable().optional(),
  options: vine
    .record(
      vine.unionOfTypes([vine.string().maxLength(2000), vine.boolean(), vine.number()]).nullable()
    )
    .optional(),
})

/**
 * A repeating post's content, rule and first wall-clock time; its media (carried by every
 * occurrence); and what an occurrence missed while no worker ran becomes (late within the
 * grace, up to a week, or skipped).
 */
const seriesFields = {
  body: vine.string().trim().maxLength(20_000),
  targets: vine.array(seriesTarget).minLength(1).maxLength(50),
  media: vine
    .array(
      vine.object({
        mediaAssetId: vine.number().withoutDecimals().positive(),
        altText: vine.string().trim().maxLength(5000).nullable().optional(),
      })
    )
    .maxLength(20)
    .optional(),
  rule: vine.string().trim().minLength(6).maxLength(500),
  startsAtLocal: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  missedPolicy: vine.enum(MISSED_POLICIES).optional(),
  lateGraceMinutes: vine
    .number()
    .withoutDecimals()
    .range([5, 7 * 24 * 60])
    .optional(),
}

/** A repeating post from the composer. */
export const seriesValidator = vine.create(seriesFields)

/** "Edit all future ones": the same, from the occurrence being edited. */
export const seriesFutureValidator = vine.create({
  ...seriesFields,
  postId: vine.number().withoutDecimals().positive(),
})
