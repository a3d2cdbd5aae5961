import vine from '@vinejs/vine'
import { POST_STATUSES } from '#models/post'
import { API_SCOPES } from '#models/api_token'
import { WEBHOOK_EVENTS } from '#models/webhook'
import { reachableUrl } from '#validators/outbound'
import { PART_KINDS } from '#sdk'

/** An RFC 3339 instant with its offset (`2026-12-01T09:00:00Z`, `…+01:00`): never a zone-less time. */
export const INSTANT_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/

const id = () => vine.number().withoutDecimals().positive()
const optionValue = () =>
  vine.unionOfTypes([vine.string().maxLength(2000), vine.boolean(), vine.number()])

/** One follow-up as the API takes it (media by `mediaId`, like the post's). */
const apiPart = () =>
  vine.object({
    kind: vine.enum(PART_KINDS),
    text: vine.string().trim().maxLength(20_000),
    media: vine
      .array(
        vine.object({
          mediaId: id(),
          altText: vine.string().trim().maxLength(5000).nullable().optional(),
        })
      )
      .maxLength(20)
      .optional(),
  })
const apiParts = () => vine.array(apiPart()).maxLength(50)

/**
 * A post as the API creates or replaces it: the shared body, its targets (each may carry its
 * own follow-ups), its media, and the shared follow-ups.
 */
export const apiPostValidator = vine.create({
  body: vine.string().trim().maxLength(20_000),
  targets: vine
    .array(
      vine.object({
        accountId: id(),
        text: vine.string().maxLength(20_000).nullable().optional(),
        options: vine.record(optionValue().nullable()).optional(),
        parts: apiParts().nullable().optional(),
      })
    )
    .minLength(1)
    .maxLength(50),
  parts: apiParts().optional(),
  media: vine
    .array(
      vine.object({
        mediaId: id(),
        altText: vine.string().trim().maxLength(5000).nullable().optional(),
      })
    )
    .maxLength(20)
    .optional(),
})

/** `at` (an instant with its offset) or `queue: true` (the next free slot of the posting schedule). */
export const apiScheduleValidator = vine.create({
  at: vine.string().trim().regex(INSTANT_PATTERN).optional().requiredIfMissing('queue'),
  queue: vine.boolean().optional(),
})

export const apiPostListValidator = vine.create({
  status: vine.enum(POST_STATUSES).optional(),
  account: id().optional(),
  from: vine.string().trim().regex(INSTANT_PATTERN).optional(),
  to: vine.string().trim().regex(INSTANT_PATTERN).optional(),
  limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine
    .string()
    .trim()
    .maxLength(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
})

export const apiMediaUrlValidator = vine.create({
  url: vine
    .string()
    .trim()
    .maxLength(2048)
    .url({ require_protocol: true, protocols: ['http', 'https'], require_tld: false }),
})

/** Settings → API: a new token. */
export const createApiTokenValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
  scope: vine.enum(API_SCOPES),
  expiresInDays: vine.number().withoutDecimals().range([1, 3650]).nullable().optional(),
})

/** Settings → Webhooks: create or edit a subscription. The target must be a public address now; deliveries check it again. */
export const webhookValidator = vine.create({
  url: vine
    .string()
    .trim()
    .maxLength(2048)
    .url({ require_protocol: true, protocols: ['https', 'http'], require_tld: false })
    .use(reachableUrl()),
  events: vine.array(vine.enum(WEBHOOK_EVENTS)).minLength(1).distinct(),
  active: vine.boolean().optional(),
})

export const csvUploadValidator = vine.create({
  file: vine.file({ size: '5mb', extnames: ['csv', 'txt'] }),
})

export const csvConfirmValidator = vine.create({
  importId: vine
    .string()
    .trim()
    .regex(/^[0-9a-f-]{36}$/),
})
