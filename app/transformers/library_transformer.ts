import { BaseTransformer } from '@adonisjs/core/transformers'
import type LibraryItem from '#models/library_item'
import { hashtagsIn } from '#sdk/hashtags'
import { networksOver } from '#services/library/hashtag_limits'

/**
 * A library item as the pages and the API show it. Hashtag groups say how many tags they
 * hold and which networks' limits (`limits`, tags per network) that count alone is over.
 */
export default class LibraryTransformer extends BaseTransformer<LibraryItem> {
  constructor(
    item: LibraryItem,
    private limits: Record<string, number>
  ) {
    super(item)
  }

  toObject() {
    const item = this.resource
    const hashtagCount = item.kind === 'hashtag_group' ? hashtagsIn(item.body).length : null
    return {
      id: item.id,
      kind: item.kind,
      name: item.name,
      body: item.body,
      networkVariants: item.networkVariants,
      media: item.media,
      autoNetworks: item.autoNetworks,
      autoAccountIds: item.autoAccountIds,
      hashtagCount,
      overLimitOn: hashtagCount === null ? [] : networksOver(hashtagCount, this.limits),
      updatedAt: (item.updatedAt ?? item.createdAt).toISO(),
    }
  }
}
