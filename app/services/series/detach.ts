import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * "Edit this one": a post that is an occurrence of a repeating post was edited or moved on
 * its own, so it is marked detached — a later change to the series ("this and all future")
 * leaves it as it is. A post of no series updates nothing.
 */
export async function detachOccurrence(postId: number, client?: TransactionClientContract) {
  await (client ?? db)
    .from('series_occurrences')
    .where('post_id', postId)
    .update({ detached: true })
}
