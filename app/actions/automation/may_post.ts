import type User from '#models/user'
import { resolveActor } from '#policies/actor'
import PostPolicy from '#policies/post_policy'

/**
 * Whether the member behind a feed, a series or an evergreen item may still write posts in
 * its workspace: the post policy, asked afresh each time the worker acts on their behalf.
 */
export async function mayPost(workspaceId: number, user: User) {
  const actor = await resolveActor(user, workspaceId)
  return new PostPolicy().edit(actor.user, actor.member, { workspaceId })
}
