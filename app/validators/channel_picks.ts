import vine from '@vinejs/vine'

/** The accounts chosen on the picker: external ids, checked against the pending candidates by the controller. */
export const pickAccountsValidator = vine.create({
  accounts: vine
    .array(vine.string().trim().minLength(1).maxLength(191))
    .minLength(1)
    .maxLength(200)
    .distinct(),
})
