import { DateTime } from 'luxon'
import Post, { type PostStatus } from '#models/post'
import MediaAsset from '#models/media_asset'
import { ApiError, notFound } from '#services/api/errors'
import { toApiChecks } from '#services/api/serializers'
import { sqlTime } from '#services/publishing/settings'
import type { TargetCheck } from '#services/posts/check_targets'

export interface PostListQuery {
  status?: PostStatus
  account?: number
  from?: string
  to?: string
  limit?: number
  cursor?: string
  /** Words the body contains, any case (the MCP server's search). */
  search?: string
}

const encodeCursor = (id: number) => Buffer.from(`p${id}`).toString('base64url')
function decodeCursor(cursor: string) {
  const id = Number(Buffer.from(cursor, 'base64url').toString().slice(1))
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(400, 'bad_request', 'Invalid cursor')
  return id
}

/**
 * One page of a workspace's posts, newest first, keyset-paginated on the id (stable while
 * posts are added). `from`/`to` bound the scheduled time; `account` keeps posts with a
 * live delivery to that account.
 */
export async function listApiPosts(workspaceId: number, filters: PostListQuery) {
  const limit = filters.limit ?? 25
  const query = Post.query().where('workspace_id', workspaceId)
  if (filters.status) query.where('status', filters.status)
  if (filters.from)
    query.where('scheduled_at', '>=', sqlTime(DateTime.fromISO(filters.from).toUTC()))
  if (filters.to) query.where('scheduled_at', '<', sqlTime(DateTime.fromISO(filters.to).toUTC()))
  if (filters.account) {
    query.whereExists((sub) =>
      sub
        .from('deliveries')
        .whereColumn('deliveries.post_id', 'posts.id')
        .whereNot('deliveries.status', 'cancelled')
        .where('deliveries.social_account_id', filters.account!)
    )
  }
  if (filters.search) {
    const pattern = `%${filters.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.whereRaw(`lower(body) like ? escape '\\'`, [pattern])
  }
  if (filters.cursor) query.where('id', '<', decodeCursor(filters.cursor))
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .preload('deliveries', (deliveries) => deliveries.preload('chain'))
    .preload('media')
    .preload('parts')
  const page = rows.slice(0, limit)
  return { posts: page, nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null }
}

/** A post of the token's workspace with what the API shows, or the documented 404. */
export async function findApiPost(workspaceId: number, id: unknown) {
  const postId = Number(id)
  const post =
    Number.isSafeInteger(postId) && postId > 0
      ? await Post.query()
          .where('workspace_id', workspaceId)
          .where('id', postId)
          .preload('deliveries', (deliveries) => deliveries.preload('chain'))
          .preload('media')
          .preload('parts')
          .first()
      : null
  if (!post) throw notFound('Post')
  return post
}

export async function reloadApiPost(post: Post) {
  return findApiPost(post.workspaceId, post.id)
}

/** Media ids must name this workspace's library, and files that did not fail processing. */
export async function checkMediaIds(workspaceId: number, ids: number[]) {
  if (!ids.length) return
  const found = await MediaAsset.query()
    .where('workspace_id', workspaceId)
    .whereIn('id', ids)
    .whereNot('status', 'failed')
    .select('id')
  const known = new Set(found.map((asset) => asset.id))
  const missing = [...new Set(ids)].filter((mediaId) => !known.has(mediaId))
  if (missing.length)
    throw new ApiError(422, 'validation_failed', 'Unknown or unusable media', { mediaIds: missing })
}

type ActionStatus = { status: string; socialAccountIds?: number[]; checks?: TargetCheck[] }

/** Maps an action's refusal to the documented error. */
export function refusal(result: ActionStatus): ApiError {
  switch (result.status) {
    case 'forbidden':
      return new ApiError(403, 'forbidden', 'The member this token acts as may not do that')
    case 'no_targets':
      return new ApiError(422, 'validation_failed', 'A post needs at least one target account')
    case 'unknown_accounts':
      return new ApiError(422, 'validation_failed', 'Unknown or disconnected accounts', {
        accountIds: result.socialAccountIds,
      })
    case 'invalid':
      return new ApiError(422, 'invalid_post', 'The post breaks a network rule', {
        checks: toApiChecks(result.checks ?? []),
      })
    case 'past':
      return new ApiError(422, 'validation_failed', 'This time is in the past')
    case 'no_slots':
      return new ApiError(409, 'conflict', 'The workspace has no posting schedule')
    case 'full':
      return new ApiError(
        409,
        'conflict',
        'The posting schedule has no free slot in the next 12 weeks'
      )
    default:
      return new ApiError(
        409,
        'conflict',
        `Not possible in the post's current state (${result.status})`,
        { reason: result.status }
      )
  }
}
