import type { HttpContext } from '@adonisjs/core/http'
import { linkCardFor } from '#services/link_cards/link_card'
import { linkCardsPerUser } from '#start/limiter'
import { linkCardQueryValidator } from '#validators/link_cards'

/**
 * The card of a link typed in the composer, asked by its previews after the page is shown
 * (GET /w/:workspace/link-card?url=…). JSON: `{ card }`, null when the page has none.
 */
export default class LinkCardsController {
  async show({ request, response, member, bouncer, auth }: HttpContext) {
    await bouncer.with('WorkspacePolicy').authorize('editContent', member)
    const { url } = await request.validateUsing(linkCardQueryValidator)
    try {
      await linkCardsPerUser.consume(`link-cards:${auth.getUserOrFail().id}`)
    } catch {
      return response.status(429).json({ card: null })
    }
    return response.json({ card: await linkCardFor(url) })
  }
}
