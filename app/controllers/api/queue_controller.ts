import type { HttpContext } from '@adonisjs/core/http'
import { nextFreeSlot } from '#services/posts/next_free_slot'

/** /api/v1/queue/next-slot: when "add to queue" would schedule a post now. */
export default class ApiQueueController {
  async nextSlot({ workspace, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    const slot = await nextFreeSlot(workspace)
    return {
      data: {
        status: slot.status,
        at: slot.status === 'ok' ? slot.at.toUTC().toISO() : null,
        timezone: workspace.timezone,
      },
    }
  }
}
