import type { HttpContext } from '@adonisjs/core/http'
import PostingSlot from '#models/posting_slot'
import { replacePostingSlots } from '#services/posts/posting_slots'
import { nextFreeSlot } from '#services/posts/next_free_slot'
import { toPostingSlot } from '#transformers/post_transformer'
import { postingScheduleValidator } from '#validators/posts'

/** The workspace's weekly queue slots: everyone sees them, admins and owners change them. */
export default class PostingScheduleController {
  async edit({ inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('view', member)
    const slots = await PostingSlot.query()
      .where('workspace_id', workspace.id)
      .orderBy('weekday')
      .orderBy('time')
    const next = await nextFreeSlot(workspace)
    return inertia.render('settings/schedule', {
      slots: slots.map(toPostingSlot),
      nextSlot: next.status === 'ok' ? next.at.toISO()! : null,
    })
  }

  async update({ request, response, session, i18n, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('updateSettings', member)
    const { slots } = await request.validateUsing(postingScheduleValidator)
    await replacePostingSlots(workspace.id, slots)
    session.flash('success', i18n.t('posts.slots.saved'))
    return response.redirect().toRoute('workspace.schedule.edit', { workspace: workspace.slug })
  }
}
