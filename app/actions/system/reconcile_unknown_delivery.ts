import type { PublishContext } from '#sdk'
import db from '@adonisjs/lucid/services/db'
import Delivery from '#models/delivery'
import Post from '#models/post'
import SocialAccount from '#models/social_account'
import plugins from '#services/plugins'
import { AccountSession } from '#services/publishing/account_session'
import { mediaItemsFor } from '#services/publishing/delivery_media'
import { emitDeliveryStatus } from '#services/publishing/events'
import { rollUpPost } from '#services/publishing/rollup'
import { affectedRows, sqlTime } from '#services/publishing/settings'

export type ReconcileResult =
  | { status: 'published'; url: string | null }
  | { status: 'not_found' | 'no_lookup' | 'not_unknown' | 'missing' }
  | { status: 'lookup_failed'; reason: string }

/**
 * An instance admin's "reconcile" on a delivery whose outcome nobody knows: ask the network
 * whether the post exists (the plugin's lookup by the delivery's idempotency key). Found, the
 * delivery becomes published with the network's id; otherwise it stays `unknown` for its
 * workspace to decide. Never publishes: re-sending is what `unknown` exists to prevent.
 */
export async function reconcileUnknownDelivery(id: number): Promise<ReconcileResult> {
  const delivery = await Delivery.find(id)
  if (!delivery) return { status: 'missing' }
  if (delivery.status !== 'unknown') return { status: 'not_unknown' }
  // The main post is known: what nobody knows is a thread part's outcome, which its workspace
  // settles with "retry from part N" (the part is looked up or sent again with its own key).
  if (delivery.externalId) return { status: 'no_lookup' }
  const account = delivery.socialAccountId
    ? await SocialAccount.find(delivery.socialAccountId)
    : null
  if (!account || !(await plugins.has(delivery.network))) return { status: 'no_lookup' }
  const plugin = await plugins.get(delivery.network)
  if (!plugin.findByIdempotencyKey) return { status: 'no_lookup' }

  const post = await Post.findOrFail(delivery.postId)
  const session = new AccountSession(account, plugin, plugins.contextFor(plugin))
  const opened = await session.open()
  if (opened !== 'ready') return { status: 'lookup_failed', reason: opened.reason }
  const media = await mediaItemsFor(delivery).catch(() => [])
  const context = (): PublishContext => ({
    ...session.ctx,
    post: { text: delivery.textFor(post), media, options: delivery.options },
    idempotencyKey: delivery.idempotencyKey,
  })
  const found = await session.call((ctx) => plugin.findByIdempotencyKey!({ ...context(), ...ctx }))
  if (found.status !== 'ok') return { status: 'lookup_failed', reason: found.reason }
  if (!found.value) return { status: 'not_found' }

  // Compare-and-set: a workspace member may have resolved it meanwhile.
  const changed = await db
    .from('deliveries')
    .where('id', delivery.id)
    .where('status', 'unknown')
    .update({
      status: 'published',
      external_id: found.value.externalId,
      external_url: found.value.url,
      published_at: sqlTime(),
      last_error: null,
      last_error_kind: null,
      updated_at: sqlTime(),
    })
  if (affectedRows(changed) === 0) return { status: 'not_unknown' }
  await delivery.refresh()
  emitDeliveryStatus(delivery)
  await rollUpPost(delivery.postId)
  return { status: 'published', url: found.value.url }
}
