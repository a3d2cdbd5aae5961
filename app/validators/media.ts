import vine from '@vinejs/vine'

export const altTextValidator = vine.create({
  altText: vine.string().trim().maxLength(1500).nullable(),
})

/** Only the shape is checked here; the SSRF-safe fetcher decides what the URL may reach. */
export const importUrlValidator = vine.create({
  url: vine
    .string()
    .trim()
    .maxLength(2048)
    .regex(/^https?:\/\/\S+$/i),
})

export const mediaSearchValidator = vine.create({
  q: vine.string().trim().maxLength(200).optional(),
})

/** `original`, `thumbnail` or a network id (its variant). */
export const mediaFileValidator = vine.create({
  variant: vine
    .string()
    .trim()
    .maxLength(32)
    .regex(/^[a-z0-9_-]+$/)
    .optional(),
})
