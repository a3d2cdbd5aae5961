import { BasePolicy } from '@adonisjs/bouncer'
import { EDITABLE_POST_STATUSES, type default as Post } from '#models/post'
import type User from '#models/user'
import type WorkspaceMember from '#models/workspace_member'
import { can } from '#services/roles'

/**
 * Who may do what with a post, from the member row loaded once per request. The same
 * methods answer the controllers (through Bouncer), the actions (called directly with
 * the actor they were given, so ace and the API get the same rules) and the post
 * transformer (the buttons a page shows). A member of another workspace is refused
 * even when a caller forgot to scope its query.
 */
export default class PostPolicy extends BasePolicy {
  view(_user: User, member: WorkspaceMember | null, post?: InWorkspace) {
    return inWorkspace(member, post) && can(member.role, 'view')
  }

  /** Write, edit, schedule, submit, cancel and delete posts: editors and up. */
  edit(_user: User, member: WorkspaceMember | null, post?: InWorkspace) {
    return inWorkspace(member, post) && can(member.role, 'editContent')
  }

  /** Whether the editor button shows: may edit, and the post has not started publishing. */
  editNow(user: User, member: WorkspaceMember | null, post: Post) {
    return this.edit(user, member, post) && EDITABLE_POST_STATUSES.includes(post.status)
  }

  /**
   * Approve or reject: an admin or owner of the post's workspace who did not write it.
   * Without a post, whether the member reviews posts at all.
   */
  review(user: User, member: WorkspaceMember | null, post?: Post) {
    return (
      inWorkspace(member, post) &&
      (!post || post.authorId !== user.id) &&
      can(member.role, 'approveContent')
    )
  }

  /**
   * Drag on the calendar: admins and owners any post, editors their own only (moving
   * someone else's approved post would reschedule it without its author or an approver
   * knowing), viewers none. The content does not change, so an approval stands.
   */
  move(_user: User, member: WorkspaceMember | null, post: InWorkspace & Pick<Post, 'authorId'>) {
    if (!inWorkspace(member, post) || !can(member.role, 'editContent')) return false
    return can(member.role, 'approveContent') || post.authorId === member.userId
  }

  /**
   * What this member writes needs no admin's review (admins and owners): their CSV rows
   * are scheduled at once, and their edit keeps an approved post approved — someone
   * else's edit sends it back to draft.
   */
  skipReview(_user: User, member: WorkspaceMember | null, post: InWorkspace) {
    return inWorkspace(member, post) && can(member.role, 'approveContent')
  }
}

/** A resource of a workspace, or the workspace a new one would go to. */
type InWorkspace = { workspaceId: number }

/** The member belongs to the resource's workspace (or there is no resource yet). */
export function inWorkspace(
  member: WorkspaceMember | null,
  resource?: InWorkspace | null
): member is WorkspaceMember {
  return member !== null && (!resource || resource.workspaceId === member.workspaceId)
}
