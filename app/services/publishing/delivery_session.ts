import type { MediaItem, PublishContext } from '#sdk'
import type Delivery from '#models/delivery'
import type Post from '#models/post'
import type SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { AccountSession } from '#services/publishing/account_session'
import { mediaItemsFor } from '#services/publishing/delivery_media'
import { deliveryText } from '#services/library/delivery_text'

/**
 * What a publish, a status check and the reconciler set up the same way for one delivery:
 * its network's plugin, a session on its account (token refresh, rate limits) and the
 * publish context the plugin gets — rebuilt on each call so a refreshed token is used. The
 * text, variables filled, is built once.
 */
export async function deliverySession(
  delivery: Delivery,
  account: SocialAccount,
  post: Post,
  media: MediaItem[]
) {
  const plugin = await plugins.get(delivery.network)
  const session = new AccountSession(account, plugin, plugins.contextFor(plugin))
  // Variables are filled once here, not per call: a token refresh rebuilds the context, not the text.
  const text = await deliveryText(delivery, post, account)
  const publishContext = (): PublishContext => ({
    ...session.ctx,
    post: { text, media, options: delivery.options },
    idempotencyKey: delivery.idempotencyKey,
  })
  return { plugin, session, publishContext }
}

/**
 * The delivery's media for a status check or a reconciliation, which only need it to
 * rebuild the context: files gone since the publish are not a reason to fail there.
 */
export function mediaIfAvailable(delivery: Delivery) {
  return mediaItemsFor(delivery).catch((): MediaItem[] => [])
}
