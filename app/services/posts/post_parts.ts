import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PartKind } from '#sdk'
import PostPart, { type PartMedia } from '#models/post_part'
import { sqlTime } from '#services/publishing/settings'

/** A follow-up as the composer, the API and the CSV import hand it in. */
export interface PartInput {
  kind: PartKind
  text: string
  media?: { mediaAssetId: number; altText?: string | null }[]
}

/** A follow-up as stored and shown (media normalised). */
export interface PartContent {
  kind: PartKind
  text: string
  media: PartMedia[]
}

/** The authored follow-ups of one post: its shared list, and each target's own list by delivery. */
export interface PostPartLists {
  shared: PartContent[]
  own: Map<number, PartContent[]>
}

export const normalisePart = (part: PartInput): PartContent => ({
  kind: part.kind,
  text: part.text,
  media: (part.media ?? []).map((item) => ({
    mediaAssetId: item.mediaAssetId,
    altText: item.altText ?? null,
  })),
})

/** Every media id the follow-ups use (for the workspace ownership check, with the post's own). */
export function partMediaIds(
  shared: PartInput[] | undefined,
  targets: { parts?: PartInput[] | null }[]
) {
  return [shared ?? [], ...targets.map((target) => target.parts ?? [])]
    .flat()
    .flatMap((part) => (part.media ?? []).map((item) => item.mediaAssetId))
}

/** A target's follow-ups: its own list when it has one (even empty), else the post's shared list. */
export function partsOfTarget(lists: PostPartLists, delivery: { id: number; ownParts: boolean }) {
  return delivery.ownParts ? (lists.own.get(delivery.id) ?? []) : lists.shared
}

/** Rows of one list, positions counted within each kind. */
function rowsOf(postId: number, deliveryId: number | null, parts: PartInput[]) {
  const counters = new Map<PartKind, number>()
  return parts.map((part) => {
    const position = (counters.get(part.kind) ?? 0) + 1
    counters.set(part.kind, position)
    const { kind, text, media } = normalisePart(part)
    return {
      post_id: postId,
      delivery_id: deliveryId,
      kind,
      position,
      text,
      media: JSON.stringify(media),
      created_at: sqlTime(),
      updated_at: sqlTime(),
    }
  })
}

/**
 * Replaces a post's authored follow-ups inside the transaction that saves the post: the shared
 * list, and for each target that sent a list of its own (even empty) that list, marked on its
 * delivery (`own_parts`). Targets are matched to their live deliveries by account.
 */
export async function writePostParts(
  trx: TransactionClientContract,
  postId: number,
  shared: PartInput[] | undefined,
  targets: { socialAccountId: number; parts?: PartInput[] | null }[]
) {
  const deliveries: { id: number; social_account_id: number | null }[] = await trx
    .from('deliveries')
    .where('post_id', postId)
    .whereNot('status', 'cancelled')
    .select('id', 'social_account_id')
  const deliveryOf = new Map(deliveries.map((row) => [row.social_account_id, row.id]))
  await trx.from('post_parts').where('post_id', postId).delete()
  const rows = rowsOf(postId, null, shared ?? [])
  const own: number[] = []
  for (const target of targets) {
    const deliveryId = deliveryOf.get(target.socialAccountId)
    if (deliveryId === undefined || !target.parts) continue
    own.push(deliveryId)
    rows.push(...rowsOf(postId, deliveryId, target.parts))
  }
  if (rows.length) await trx.insertQuery().table('post_parts').multiInsert(rows)
  if (deliveries.length)
    await trx
      .from('deliveries')
      .whereIn(
        'id',
        deliveries.map((row) => row.id)
      )
      .update({ own_parts: false })
  if (own.length) await trx.from('deliveries').whereIn('id', own).update({ own_parts: true })
}

/** A post's authored follow-ups, in order. */
export async function loadPostParts(postId: number): Promise<PostPartLists> {
  const rows = await PostPart.query()
    .where('post_id', postId)
    .orderBy('delivery_id')
    .orderBy('kind', 'desc')
    .orderBy('position')
  const lists: PostPartLists = { shared: [], own: new Map() }
  for (const row of rows) {
    const content = { kind: row.kind, text: row.text, media: row.media }
    if (row.deliveryId === null) lists.shared.push(content)
    else lists.own.set(row.deliveryId, [...(lists.own.get(row.deliveryId) ?? []), content])
  }
  return lists
}
