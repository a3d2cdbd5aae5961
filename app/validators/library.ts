import vine from '@vinejs/vine'
import { LIBRARY_KINDS } from '#models/library_item'

const networkId = () =>
  vine
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/)

/**
 * A library item as a page form or the API sends it. What each kind needs on top (a
 * variable's name, a group's hashtags, media and accounts of this workspace) is checked
 * by the save action, which answers with the field at fault.
 */
export const libraryItemValidator = vine.create({
  kind: vine.enum(LIBRARY_KINDS),
  name: vine.string().trim().minLength(1).maxLength(80),
  body: vine.string().maxLength(10_000),
  // An empty version is dropped (the network then uses the body).
  networkVariants: vine.record(vine.string().maxLength(10_000).nullable()).optional(),
  media: vine
    .array(
      vine.object({
        mediaAssetId: vine.number().withoutDecimals().positive(),
        altText: vine.string().trim().maxLength(1500).nullable().optional(),
      })
    )
    .maxLength(20)
    .optional(),
  autoNetworks: vine.array(networkId()).maxLength(30).distinct().optional(),
  autoAccountIds: vine
    .array(vine.number().withoutDecimals().positive())
    .maxLength(100)
    .distinct()
    .optional(),
})
export type LibraryItemInput = Awaited<ReturnType<typeof libraryItemValidator.validate>>

/** The library's list: a kind and words to look for, both optional. */
export const librarySearchValidator = vine.create({
  kind: vine.enum(LIBRARY_KINDS).optional(),
  q: vine.string().trim().maxLength(100).optional(),
})
