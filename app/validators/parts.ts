import vine from '@vinejs/vine'

/** "Retry from part N": the position of the part that stopped the chain. */
export const retryPartsValidator = vine.create({
  from: vine.number().withoutDecimals().positive().max(1000),
})
