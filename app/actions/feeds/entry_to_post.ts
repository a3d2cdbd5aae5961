import logger from '@adonisjs/core/services/logger'
import type Feed from '#models/feed'
import type User from '#models/user'
import type Workspace from '#models/workspace'
import { createPost } from '#actions/posts/create_post'
import { dispatchPost } from '#actions/posts/dispatch_post'
import { scheduleTime } from '#services/posts/schedule_time'
import { ingestUrl } from '#services/api/media'
import type { FeedEntry } from '#services/feeds/parse_feed'
import { renderTemplate } from '#services/feeds/template'

/**
 * One feed entry → one post, through the composer's actions (same checks as a typed post):
 * a draft, the next free queue slot, or sent for approval. The entry's first image goes
 * into the media library (through the SSRF-safe importer) and onto the post. A post that
 * breaks a network rule, or finds no free slot, stays a draft and says why.
 */
export async function entryToPost(input: {
  feed: Feed
  workspace: Workspace
  author: User
  entry: FeedEntry
}): Promise<{ postId: number | null; problem: string | null }> {
  const { feed, workspace, author, entry } = input
  let mediaId: number | null = null
  if (entry.image) {
    try {
      mediaId = (await ingestUrl(entry.image, { workspaceId: workspace.id, userId: author.id })).id
    } catch (error) {
      logger.info({ feedId: feed.id, err: error }, 'feed image not imported')
    }
  }
  const created = await createPost({
    workspace,
    author,
    body: renderTemplate(feed.template, entry),
    targets: feed.targetAccountIds.map((socialAccountId) => ({ socialAccountId })),
    media: mediaId ? [{ mediaAssetId: mediaId, altText: entry.title.slice(0, 500) || null }] : [],
  })
  if (created.status !== 'created') return { postId: null, problem: created.status }
  if (feed.mode === 'draft') return { postId: created.post.id, problem: null }

  if (feed.mode === 'queue') {
    const time = await scheduleTime(workspace, { queue: true })
    if (time.status !== 'ok') return { postId: created.post.id, problem: time.status }
    const outcome = await dispatchPost(created.post, author, { intent: 'schedule', at: time.at })
    return { postId: created.post.id, problem: outcomeProblem(outcome.status) }
  }
  const outcome = await dispatchPost(created.post, author, { intent: 'submit' })
  return { postId: created.post.id, problem: outcomeProblem(outcome.status) }
}

const outcomeProblem = (status: string) =>
  ['scheduled', 'pending_approval', 'submitted'].includes(status) ? null : status
