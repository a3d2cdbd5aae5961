import vine from '@vinejs/vine'

/** The link a preview asks a card for: an http(s) address as it stands in the post's text. */
export const linkCardQueryValidator = vine.create({
  url: vine
    .string()
    .trim()
    .maxLength(2048)
    .regex(/^https?:\/\/\S+$/i),
})
