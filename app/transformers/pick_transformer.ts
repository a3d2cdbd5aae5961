import { BaseTransformer } from '@adonisjs/core/transformers'
import type { Connection } from '#sdk'
import { webUrl } from '#sdk/web_url'

/** One account the login returned, as the picker shows it: public profile only, never its token. */
export default class PickTransformer extends BaseTransformer<Connection> {
  /** `connectedIds`: external ids the workspace already has, shown as already connected. */
  constructor(
    connection: Connection,
    private connectedIds: Set<string>
  ) {
    super(connection)
  }

  toObject() {
    const { profile } = this.resource
    return {
      externalId: profile.externalId,
      displayName: profile.displayName,
      handle: profile.handle,
      avatarUrl: webUrl(profile.avatarUrl),
      profileUrl: webUrl(profile.profileUrl),
      alreadyConnected: this.connectedIds.has(profile.externalId),
    }
  }
}
