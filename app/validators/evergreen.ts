import vine from '@vinejs/vine'

/**
 * An evergreen item: the texts it rotates through (the first is the main one; networks that
 * refuse a repeated text get each at most once), the accounts, and the least number of days
 * between two of its sends.
 */
export const evergreenValidator = vine.create({
  variants: vine
    .array(vine.string().trim().minLength(1).maxLength(5000))
    .minLength(1)
    .maxLength(10),
  targetAccountIds: vine
    .array(vine.number().withoutDecimals().positive())
    .minLength(1)
    .maxLength(50)
    .distinct(),
  minGapDays: vine.number().withoutDecimals().range([1, 365]),
  active: vine.boolean().optional(),
})
export type EvergreenInput = Awaited<ReturnType<typeof evergreenValidator.validate>>

/** Pause or resume. */
export const evergreenActiveValidator = vine.create({ active: vine.boolean() })
