import vine from '@vinejs/vine'

/** Validators of the privacy page. */
export const restrictionValidator = vine.create({
  restricted: vine.boolean(),
})

export const deleteAccountValidator = vine.create({
  currentPassword: vine.string().minLength(1).maxLength(128),
})
