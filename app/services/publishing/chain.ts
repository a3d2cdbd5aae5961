import { setTimeout as sleep } from 'node:timers/promises'
import logger from '@adonisjs/core/services/logger'
import {
  capabilitiesOf,
  partsToPublish,
  threadOf,
  firstCommentOf,
  type MediaItem,
  type PostRef,
  type Published,
  type PublishPartContext,
} from '#sdk'
import type DeliveryPart from '#models/delivery_part'
import { loadPostParts, partsOfTarget } from '#services/posts/post_parts'
import { markPublished } from '#services/publishing/transitions'
import type { Attempt } from '#services/publishing/failure_outcome'
import { loadChain, mainPostOut } from '#services/publishing/chain_steps'
import { advancePart, type PartStep } from '#services/publishing/part_outcome'
import { mediaItemsOfList } from '#services/publishing/delivery_media'
import { publishingConfig } from '#services/publishing/settings'
import { partsWithVariables } from '#services/library/delivery_text'

/**
 * Threads and first comments: after the main post, each follow-up is its own step of the
 * delivery, published in order, each reply pointing at the one before it. The delivery stays
 * `publishing` (claimed, its lease renewed) until the last part is out; then it is published.
 * Every part has its own idempotency key and network id, so a publish interrupted between
 * two parts resumes at the first part not yet published and never sends an earlier one again.
 */

/** The follow-ups this delivery's network will publish, in order; none when it takes none. */
async function partsFor(attempt: Attempt) {
  if (attempt.hasParts === false) return []
  const { plugin, account } = attempt.session
  const caps = capabilitiesOf(plugin, account.toPluginProfile())
  if (!threadOf(caps) && !firstCommentOf(caps)) return []
  const lists = await loadPostParts(attempt.delivery.postId)
  const parts = partsToPublish(caps, partsOfTarget(lists, attempt.delivery))
  if (parts.length && !plugin.publishPart) {
    logger.warn(
      { network: plugin.id },
      'plugin declares threads or first comments but has no publishPart'
    )
    return []
  }
  return partsWithVariables(attempt.delivery, account, parts)
}

/**
 * The main post is out (its publish, a status check or a lookup said so). Without follow-ups
 * the delivery is published at once, as always; with them, the main post's id is saved and
 * the chain starts.
 */
export async function mainPostPublished(attempt: Attempt, published: Published) {
  const parts = await partsFor(attempt)
  if (!parts.length) return markPublished(attempt, published)
  if (!(await mainPostOut(attempt, published, parts))) return false
  return runChain(attempt)
}

/**
 * Publishes the parts not yet published, in order, from where the chain stands: a part left
 * `publishing` by an interrupted worker is settled first (its status check, or its lookup).
 * Ends with the delivery published, or settled by the part that stopped it (requeued for a
 * retryable answer, failed, unknown).
 */
export async function runChain(attempt: Attempt): Promise<boolean> {
  const { delivery } = attempt
  const root: PostRef = {
    externalId: delivery.externalId!,
    url: delivery.externalUrl,
    replyRef: delivery.replyRef,
  }
  const chain = await loadChain(delivery.id)
  const { plugin, account } = attempt.session
  const caps = capabilitiesOf(plugin, account.toPluginProfile())
  const pauseMs =
    (threadOf(caps)?.delayBetweenPartsSeconds ?? 0) * publishingConfig().msPerNetworkSecond
  let previous = root
  let sentOne = false
  for (const part of chain) {
    if (part.status !== 'published') {
      if (part.status === 'unknown') {
        // Nobody knows whether it appeared: only the user's "retry from part N" moves it on.
        logger.warn(
          { deliveryId: delivery.id, position: part.position },
          'chain resumed past a stopped part'
        )
        return false
      }
      if (sentOne && pauseMs > 0) await sleep(pauseMs)
      const step = await partStep(attempt, part, chain.length, root, previous)
      const advanced = await advancePart(step)
      if (advanced !== 'published') return advanced === 'settled'
      sentOne = true
    }
    // A thread part answers the one before it; a first comment sits under the main post.
    if (part.kind === 'thread') previous = part.ref()!
  }
  return markPublished(attempt, {
    externalId: root.externalId,
    url: root.url,
    replyRef: root.replyRef,
  })
}

/**
 * What the plugin gets for one part, rebuilt on each call so a refreshed token is used. Media
 * that cannot be prepared (deleted since) is reported on the step, which fails the part.
 */
async function partStep(
  attempt: Attempt,
  part: DeliveryPart,
  total: number,
  root: PostRef,
  previous: PostRef
): Promise<PartStep> {
  let media: MediaItem[] = []
  let mediaError: string | undefined
  try {
    media = await mediaItemsOfList(part.media, attempt.delivery.network)
  } catch (error) {
    mediaError = (error as Error).message
  }
  const base = attempt.publishContext
  const context = (): PublishPartContext => ({
    ...base(),
    post: { ...base().post, text: part.text, media },
    idempotencyKey: part.idempotencyKey,
    part: { kind: part.kind, position: part.position, total },
    root,
    previous: part.kind === 'thread' ? previous : root,
  })
  return { attempt, part, total, context, mediaError }
}
