import vine from '@vinejs/vine'

/** An option name as plugins spell them (`board`, `privacyLevel`, `flairId`). */
export const optionFieldValidator = vine.compile(
  vine.object({
    params: vine.object({ field: vine.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/) }),
  })
)

/**
 * The composer's other option values, from the query string: single strings only. The
 * service keeps only the ones the field depends on.
 */
export const optionValuesValidator = vine.compile(vine.record(vine.string().trim().maxLength(256)))
