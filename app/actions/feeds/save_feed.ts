import Feed from '#models/feed'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import type { FeedInput } from '#validators/feeds'
import { mayPost } from '#actions/automation/may_post'
import { loadTargetAccounts } from '#services/posts/load_targets'

export type SaveFeedResult =
  | { status: 'saved'; feed: Feed }
  | { status: 'forbidden' }
  | { status: 'unknown_accounts'; socialAccountIds: number[] }

/**
 * Follows a feed (or edits one): its targets must be this workspace's connected accounts,
 * and its posts will act as the member who saves it. A changed address starts afresh
 * (no cached validators, first fetch rules again).
 */
export async function saveFeed(input: {
  workspace: Workspace
  actor: User
  payload: FeedInput
  feed?: Feed
}): Promise<SaveFeedResult> {
  const { workspace, actor, payload } = input
  if (!(await mayPost(workspace.id, actor))) return { status: 'forbidden' }
  const { missing } = await loadTargetAccounts(workspace.id, payload.targetAccountIds)
  if (missing.length) return { status: 'unknown_accounts', socialAccountIds: missing }
  const feed = input.feed ?? new Feed()
  const moved = feed.url !== payload.url
  feed.merge({
    workspaceId: workspace.id,
    url: payload.url,
    mode: payload.mode,
    template: payload.template,
    targetAccountIds: payload.targetAccountIds,
    includeWords: payload.includeWords ?? [],
    excludeWords: payload.excludeWords ?? [],
    maxItemsPerFetch: payload.maxItemsPerFetch,
    importExisting: payload.importExisting ?? false,
    active: payload.active ?? true,
    createdById: actor.id,
  })
  if (moved)
    feed.merge({
      etag: null,
      lastModified: null,
      lastFetchedAt: null,
      nextFetchAt: null,
      title: null,
    })
  await feed.save()
  return { status: 'saved', feed }
}
