import type PostPart from '#models/post_part'
import type DeliveryPart from '#models/delivery_part'
import { webUrl } from '#sdk/web_url'

/**
 * How follow-ups are shown (post page, composer, API): the authored lists, and one delivery's
 * chain as it publishes. Never a plugin handle, a reply reference or an idempotency key.
 */

/** One authored list, in its order: the shared one (`deliveryId` null) or one target's own. */
export function authoredList(parts: PostPart[] | undefined, deliveryId: number | null) {
  return (parts ?? [])
    .filter((part) => part.deliveryId === deliveryId)
    .sort((a, b) => (a.kind === b.kind ? a.position - b.position : a.kind === 'thread' ? -1 : 1))
    .map((part) => ({
      kind: part.kind,
      position: part.position,
      text: part.text,
      media: part.media,
    }))
}

/** A delivery's follow-ups as steps: what each says, where it stands, its link once published. */
export function chainView(chain: DeliveryPart[] | undefined) {
  return [...(chain ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((part) => ({
      position: part.position,
      kind: part.kind,
      text: part.text,
      status: part.status,
      externalUrl: webUrl(part.externalUrl),
      publishedAt: part.publishedAt?.toUTC().toISO() ?? null,
      error: part.lastError,
      errorKind: part.lastErrorKind,
    }))
}

/** The first part that stopped the chain (failed, or its outcome unknown): where a retry starts. */
export function stoppedPartOf(chain: DeliveryPart[] | undefined) {
  const stopped = [...(chain ?? [])]
    .sort((a, b) => a.position - b.position)
    .find((part) => part.status === 'failed' || part.status === 'unknown')
  return stopped?.position ?? null
}
