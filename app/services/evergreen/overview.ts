import { DateTime } from 'luxon'
import EvergreenItem from '#models/evergreen_item'
import EvergreenSend from '#models/evergreen_send'
import Post from '#models/post'
import PostingSlot from '#models/posting_slot'
import User from '#models/user'

/** How many past and coming sends each item's history shows. */
const HISTORY_SLOTS = 8

export type NextSend =
  | { kind: 'scheduled'; at: string; postId: number }
  | { kind: 'eligible'; at: string }
  | { kind: 'paused' }

/**
 * Everything the evergreen page shows, read in a handful of queries: the workspace's items,
 * each with its latest sends (one row per slot: the post it became and, per account, the
 * text went or why it was left out), its next send, and whether the workspace has posting
 * times at all (evergreen posts only go into the schedule's free slots).
 */
export async function evergreenOverview(workspaceId: number, now = DateTime.utc()) {
  const items = await EvergreenItem.query().where('workspace_id', workspaceId).orderBy('id')
  const ids = items.map((item) => item.id)
  const sends = ids.length
    ? await EvergreenSend.query()
        .whereIn('item_id', ids)
        .orderBy('slot_at', 'desc')
        .orderBy('id')
        .limit(ids.length * HISTORY_SLOTS * 6)
    : []
  const postIds = [...new Set(sends.map((send) => send.postId).filter((id) => id !== null))]
  const posts = postIds.length
    ? await Post.query().whereIn('id', postIds).select('id', 'status')
    : []
  const statusOf = new Map(posts.map((post) => [post.id, post.status]))
  const authorIds = [...new Set(items.map((item) => item.createdById).filter((id) => id !== null))]
  const authors = authorIds.length
    ? await User.query().whereIn('id', authorIds).select('id', 'full_name', 'email')
    : []
  const nameOf = new Map(authors.map((user) => [user.id, user.fullName || user.email]))
  const hasSchedule = Boolean(await PostingSlot.query().where('workspace_id', workspaceId).first())

  return {
    hasSchedule,
    items: items.map((item) => {
      const own = sends.filter((send) => send.itemId === item.id)
      const history = bySlot(own, statusOf).slice(0, HISTORY_SLOTS)
      return {
        id: item.id,
        variants: item.variants,
        targetAccountIds: item.targetAccountIds,
        minGapDays: item.minGapDays,
        active: item.active,
        // The latest send whose time has come (item.lastSentAt also counts the placed ones).
        lastSentAt:
          own.find((send) => !send.skippedReason && send.slotAt <= now)?.slotAt.toISO() ?? null,
        author: item.createdById ? (nameOf.get(item.createdById) ?? null) : null,
        sentCount: history.filter((slot) => slot.postStatus === 'published').length,
        history,
        next: nextSend(item, history, now),
      }
    }),
  }
}

function bySlot(sends: EvergreenSend[], statusOf: Map<number, string>) {
  const slots = new Map<number, EvergreenSend[]>()
  for (const send of sends) {
    const key = send.slotAt.toMillis()
    slots.set(key, [...(slots.get(key) ?? []), send])
  }
  return [...slots.values()].map((group) => {
    const postId = group.find((send) => send.postId)?.postId ?? null
    return {
      slotAt: group[0].slotAt.toISO()!,
      postId,
      // A post deleted since is "removed"; a slot where every account was left out has none.
      postStatus: postId ? (statusOf.get(postId) ?? 'removed') : null,
      accounts: group.map((send) => ({
        socialAccountId: send.socialAccountId,
        network: send.network,
        skippedReason: send.skippedReason,
      })),
    }
  })
}

/** The coming send already placed in a slot; else the first day its gap allows one. */
function nextSend(
  item: EvergreenItem,
  history: ReturnType<typeof bySlot>,
  now: DateTime
): NextSend {
  const placed = history
    .filter(
      (slot) =>
        slot.postId && ['scheduled', 'pending_approval', 'approved'].includes(slot.postStatus!)
    )
    .filter((slot) => DateTime.fromISO(slot.slotAt) > now)
    .at(-1)
  if (placed) return { kind: 'scheduled', at: placed.slotAt, postId: placed.postId! }
  if (!item.active) return { kind: 'paused' }
  const gapEnds = item.lastSentAt?.plus({ days: item.minGapDays })
  const from = gapEnds && gapEnds > now ? gapEnds : now
  return { kind: 'eligible', at: from.toUTC().toISO()! }
}

export type EvergreenRow = Awaited<ReturnType<typeof evergreenOverview>>['items'][number]
