import vine from '@vinejs/vine'

/** Validators of the privacy page (kept with the privacy actions; app/validators is shared ground). */
export const restrictionValidator = vine.create({
  restricted: vine.boolean(),
})

export const deleteAccountValidator = vine.create({
  currentPassword: vine.string().minLength(1).maxLength(128),
})
