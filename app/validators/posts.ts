import vine from '@vinejs/vine'
import { POST_STATUSES } from '#models/post'
import { PART_KINDS } from '#sdk'

/** The longest text any network takes is far below this; it only bounds the request. */
const MAX_BODY = 20_000

const text = () => vine.string().maxLength(MAX_BODY)
/** Option values as the plugin's OptionField describes them; the SDK checks them per network. */
const optionValue = () =>
  vine.unionOfTypes([vine.string().maxLength(2000), vine.boolean(), vine.number()])

/** One follow-up (a thread part or a first comment); its position is its place in the list. */
const part = () =>
  vine.object({
    kind: vine.enum(PART_KINDS),
    text: vine.string().trim().maxLength(MAX_BODY),
    media: vine
      .array(
        vine.object({
          mediaAssetId: vine.number().withoutDecimals().positive(),
          altText: vine.string().trim().maxLength(5000).nullable().optional(),
        })
      )
      .maxLength(MAX_PART_MEDIA)
      .optional(),
  })

/** Follow-ups of one list: far above any network's thread, it only bounds the request. */
export const MAX_PARTS = 50
const MAX_PART_MEDIA = 20
export const partsList = () => vine.array(part()).maxLength(MAX_PARTS)

/**
 * What the composer saves: the shared text, its targets with their variants, options and
 * (optionally) their own follow-ups, the media, and the shared follow-ups.
 */
const post = {
  body: vine.string().trim().maxLength(MAX_BODY).optional(),
  targets: vine
    .array(
      vine.object({
        socialAccountId: vine.number().withoutDecimals().positive(),
        text: text().nullable().optional(),
        options: vine.record(optionValue().nullable()).optional(),
        /** This target's own follow-ups, replacing the shared ones; null or absent: the shared ones. */
        parts: partsList().nullable().optional(),
      })
    )
    .minLength(1)
    .maxLength(50),
  /** Follow-ups every target gets whose network takes their kind (thread parts, a first comment). */
  parts: partsList().optional(),
  media: vine
    .array(
      vine.object({
        mediaAssetId: vine.number().withoutDecimals().positive(),
        altText: vine.string().trim().maxLength(5000).nullable().optional(),
      })
    )
    .maxLength(20)
    .optional(),
  /** What to do once saved (the composer's buttons); absent means "save as draft". */
  intent: vine.enum(['draft', 'schedule', 'queue', 'publish', 'submit'] as const).optional(),
  /** For `schedule`: a wall-clock date and time in the workspace's zone, `yyyy-MM-ddTHH:mm`. */
  at: vine.string().trim().maxLength(32).optional(),
}

export const savePostValidator = vine.create(post)

export const schedulePostValidator = vine.create({
  at: vine.string().trim().maxLength(32).optional().requiredIfMissing('queue'),
  queue: vine.boolean().optional(),
})

export const rejectPostValidator = vine.create({
  comment: vine.string().trim().minLength(1).maxLength(2000),
})

export const approvePostValidator = vine.create({
  comment: vine.string().trim().maxLength(2000).optional(),
})

export const POST_TABS = ['all', 'drafts', 'pending', 'scheduled', 'published', 'failed'] as const
export type PostTab = (typeof POST_TABS)[number]

export const postFiltersValidator = vine.create({
  tab: vine.enum(POST_TABS).optional(),
  status: vine.enum(POST_STATUSES).optional(),
  account: vine.number().withoutDecimals().positive().optional(),
  network: vine
    .string()
    .trim()
    .maxLength(32)
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  page: vine.number().withoutDecimals().positive().max(10_000).optional(),
})

const slotTime = () =>
  vine
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)

export const postingScheduleValidator = vine.create({
  slots: vine
    .array(
      vine.object({ weekday: vine.number().withoutDecimals().range([1, 7]), time: slotTime() })
    )
    .maxLength(7 * 24),
})
