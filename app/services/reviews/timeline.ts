import AuditLog from '#models/audit_log'
import Delivery from '#models/delivery'
import PostComment from '#models/post_comment'
import User from '#models/user'
import type Post from '#models/post'

export type TimelineEntry = {
  id: string
  at: string
  kind: string
  /** A member's name, or the client's name for client actions. */
  who: string | null
  fromClient: boolean
  /** Comment text (client verdicts, internal approvals and rejections), or null. */
  text: string | null
  network: string | null
  detail: string | null
}

/**
 * A post's activity in one list, oldest first: what the audit log recorded for it
 * (created, edited, submitted, approved or rejected, scheduled, shared with the client,
 * the client's answers, an approval reset) and how each delivery ended (published, failed,
 * unknown), read from the deliveries so the publish path writes nothing more. Client IPs
 * stay in the audit log: members see names and times.
 */
export async function postTimeline(post: Post): Promise<TimelineEntry[]> {
  const rows = await AuditLog.query()
    .where('workspace_id', post.workspaceId)
    .where('subject_type', 'post')
    .where('subject_id', String(post.id))
    .whereNot('action', 'post.commented')
    .orderBy('id')
    .limit(500)
  const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id) => id !== null))]
  const names = new Map(
    (actorIds.length ? await User.query().whereIn('id', actorIds as number[]) : []).map((user) => [
      user.id,
      user.fullName,
    ])
  )
  const commentIds = rows
    .map((row) => Number(row.meta?.commentId))
    .filter((id) => Number.isSafeInteger(id) && id > 0)
  const comments = new Map(
    (commentIds.length ? await PostComment.query().whereIn('id', commentIds) : []).map(
      (comment) => [comment.id, comment.body]
    )
  )
  const entries: TimelineEntry[] = rows.map((row) => {
    const client = typeof row.meta?.client === 'string' ? row.meta.client : null
    const commentId = Number(row.meta?.commentId)
    return {
      id: `audit-${row.id}`,
      at: row.createdAt.toUTC().toISO()!,
      kind: row.action.replace(/^post\./, ''),
      who: client ?? (row.actorId ? (names.get(row.actorId) ?? null) : null),
      fromClient: client !== null,
      text:
        comments.get(commentId) ||
        (typeof row.meta?.comment === 'string' ? row.meta.comment : null),
      network: null,
      detail: typeof row.meta?.link === 'string' ? row.meta.link : null,
    }
  })
  const deliveries = await Delivery.query()
    .where('post_id', post.id)
    .whereIn('status', ['published', 'failed', 'unknown'])
  for (const delivery of deliveries) {
    const at = delivery.publishedAt ?? delivery.updatedAt ?? delivery.createdAt
    entries.push({
      id: `delivery-${delivery.id}`,
      at: at.toUTC().toISO()!,
      kind: delivery.status,
      who: null,
      fromClient: false,
      text: null,
      network: delivery.network,
      detail: delivery.status === 'published' ? null : delivery.lastError,
    })
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at))
}

/** The post's thread: internal comments and the client's, each marked. Members only. */
export async function postThread(post: Post, viewerId: number) {
  const comments = await PostComment.query()
    .where('workspace_id', post.workspaceId)
    .where('post_id', post.id)
    .preload('author')
    .orderBy('id')
    .limit(500)
  return comments.map((comment) => ({
    id: comment.id,
    source: comment.source,
    kind: comment.kind,
    who:
      comment.source === 'client'
        ? (comment.clientName ?? '')
        : ((comment.author as User | null)?.fullName ?? null),
    body: comment.body,
    at: comment.createdAt.toUTC().toISO()!,
    editedAt: comment.editedAt?.toUTC().toISO() ?? null,
    mine: comment.source === 'internal' && comment.authorId === viewerId,
  }))
}
