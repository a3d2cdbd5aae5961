import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Notification from '#models/notification'
import NotFoundException from '#exceptions/not_found_exception'
import {
  notificationFeed,
  notificationPage,
  unreadCount,
} from '#services/notifications/notification_feed'
import { notificationPageValidator } from '#validators/notifications'
import { sqlTime } from '#services/publishing/settings'

/**
 * The bell in the header: the signed-in user's own notices (client actions, mentions,
 * delivery problems) and marking them read. Every query is scoped to `auth.user`, so
 * no route parameter can reach another user's notice; no workspace is involved.
 */
export default class NotificationsController {
  async index({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    return { unread: await unreadCount(user.id), items: await notificationFeed(user.id) }
  }

  /** "See all": every notice, a page at a time, with the same actions as the bell. */
  async all({ auth, request, inertia }: HttpContext) {
    const user = auth.getUserOrFail()
    const { page } = await request.validateUsing(notificationPageValidator)
    return inertia.render('notifications/index', {
      ...(await notificationPage(user.id, page ?? 1)),
      unread: await unreadCount(user.id),
    })
  }

  async markRead({ auth, params }: HttpContext) {
    const user = auth.getUserOrFail()
    const notice = await Notification.query()
      .where('user_id', user.id)
      .where('id', Number(params.notification) || 0)
      .first()
    if (!notice) throw new NotFoundException()
    if (!notice.readAt) {
      notice.readAt = DateTime.utc()
      await notice.save()
    }
    return { unread: await unreadCount(user.id) }
  }

  async markAllRead({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    await Notification.query()
      .where('user_id', user.id)
      .whereNull('read_at')
      .update({ read_at: sqlTime() })
    return { unread: await unreadCount(user.id) }
  }
}
