import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import Notification, { type NotificationKind } from '#models/notification'
import Post from '#models/post'
import User from '#models/user'
import Workspace from '#models/workspace'
import WorkspaceMember from '#models/workspace_member'
import type Delivery from '#models/delivery'
import type SocialAccount from '#models/social_account'
import DeliveryFailedMail from '#mails/delivery_failed_mail'
import plugins from '#services/plugins'

/** Owners and admins of a workspace: the people who can reconnect accounts and act on failures. */
async function managersOf(workspaceId: number) {
  const members = await WorkspaceMember.query()
    .where('workspace_id', workspaceId)
    .whereIn('role', ['owner', 'admin'])
  return members.map((member) => member.userId)
}

/**
 * Writes one in-app notification per recipient and sends one e-mail with it. The unique
 * (user, event key) index makes this idempotent: a retried step, a second worker or the
 * reconciler reaching the same event again writes and sends nothing more.
 */
async function deliver(
  userIds: number[],
  input: {
    workspaceId: number
    kind: NotificationKind
    eventKey: string
    data: Record<string, unknown>
  }
) {
  const workspace = await Workspace.find(input.workspaceId)
  if (!workspace) return
  const network = String(input.data.network)
  input.data.networkName = (await plugins.has(network))
    ? (await plugins.get(network)).displayName
    : network
  for (const userId of new Set(userIds)) {
    const exists = await Notification.query()
      .where('user_id', userId)
      .where('event_key', input.eventKey)
      .first()
    if (exists) continue
    try {
      await Notification.create({
        userId,
        workspaceId: input.workspaceId,
        kind: input.kind,
        eventKey: input.eventKey,
        data: input.data,
      })
    } catch {
      continue // written concurrently by another process: that one sends the mail
    }
    const user = await User.find(userId)
    if (!user) continue
    await mail
      .send(new DeliveryFailedMail(user, workspace, input.kind, input.data))
      .catch((error) =>
        logger.error({ err: error, userId, kind: input.kind }, 'notification e-mail failed')
      )
  }
}

/** A delivery ended failed or unknown: tell its author and the workspace's managers, once. */
export async function notifyDeliveryProblem(
  delivery: Delivery,
  kind: 'delivery_failed' | 'delivery_unknown'
) {
  const post = await Post.find(delivery.postId)
  const recipients = [
    ...(post?.authorId ? [post.authorId] : []),
    ...(await managersOf(delivery.workspaceId)),
  ]
  await deliver(recipients, {
    workspaceId: delivery.workspaceId,
    kind,
    eventKey: `delivery:${delivery.id}:${delivery.revision}:${kind}`,
    data: {
      deliveryId: delivery.id,
      postId: delivery.postId,
      network: delivery.network,
      reason: delivery.lastError,
      excerpt: (delivery.text ?? post?.body ?? '').slice(0, 140),
    },
  })
}

/** An account switched to needs_reconnection: tell the workspace's managers, once per switch. */
export async function notifyNeedsReconnection(account: SocialAccount, deliveryId?: number) {
  await deliver(await managersOf(account.workspaceId), {
    workspaceId: account.workspaceId,
    kind: 'account_needs_reconnection',
    eventKey: `account:${account.id}:needs_reconnection:${account.connectedAt.toMillis()}`,
    data: {
      accountId: account.id,
      network: account.network,
      handle: account.handle,
      reason: account.lastError,
      deliveryId,
    },
  })
}
