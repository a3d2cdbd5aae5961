import router from '@adonisjs/core/services/router'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import Notification from '#models/notification'
import User from '#models/user'
import WorkspaceMember from '#models/workspace_member'
import type Post from '#models/post'
import type Workspace from '#models/workspace'
import ReviewActivityMail, { type ReviewMailKind } from '#mails/review_activity_mail'
import { can } from '#services/roles'

type MemberKind = Exclude<ReviewMailKind, 'awaiting_review' | 'new_posts_await'>

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat
}

/** Members who may act on a client's answer: editors and up, plus the post's author if still a member. */
export async function reviewRecipients(post: Post) {
  const members = await WorkspaceMember.query().where('workspace_id', post.workspaceId)
  return members
    .filter((member) => can(member.role, 'editContent') || member.userId === post.authorId)
    .map((member) => member.userId)
}

/**
 * One in-app notification and one mail per recipient, once per event (unique user +
 * event key, as for delivery problems): a retried request never notifies twice.
 */
export async function notifyMembers(
  userIds: number[],
  input: {
    workspace: Workspace
    post: Post
    kind: MemberKind
    eventKey: string
    who: string
    comment?: string | null
  }
) {
  const data = {
    postId: input.post.id,
    who: input.who,
    excerpt: excerpt(input.post.body),
    comment: input.comment ? excerpt(input.comment) : null,
  }
  for (const userId of new Set(userIds)) {
    try {
      await Notification.create({
        userId,
        workspaceId: input.workspace.id,
        kind: input.kind,
        eventKey: input.eventKey,
        data,
      })
    } catch {
      continue // already written for this event (unique index): its mail went with it
    }
    const user = await User.find(userId)
    if (!user) continue
    const names = {
      workspace: input.workspace.name,
      who: input.who,
      excerpt: data.excerpt,
      comment: data.comment ?? '',
    }
    await mail
      .send(
        new ReviewActivityMail(
          { email: user.email, name: user.fullName, locale: user.locale },
          input.kind,
          names,
          router.urlBuilder.urlFor('workspace.posts.show', {
            workspace: input.workspace.slug,
            post: input.post.id,
          })
        )
      )
      .catch((error) => logger.error({ err: error, userId }, 'review notification mail failed'))
  }
}
