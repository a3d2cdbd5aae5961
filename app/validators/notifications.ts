import vine from '@vinejs/vine'

/** The page of "See all" notifications asked in the query string. */
export const notificationPageValidator = vine.create({
  page: vine.number().withoutDecimals().range([1, 100_000]).optional(),
})
