import db from '@adonisjs/lucid/services/db'
import PostingSlot from '#models/posting_slot'

/** Replaces a workspace's weekly slots with the given set (duplicates collapse into one). */
export async function replacePostingSlots(
  workspaceId: number,
  slots: { weekday: number; time: string }[]
) {
  const unique = [...new Map(slots.map((slot) => [`${slot.weekday}-${slot.time}`, slot])).values()]
  await db.transaction(async (trx) => {
    await trx.from('posting_slots').where('workspace_id', workspaceId).delete()
    if (unique.length)
      await PostingSlot.createMany(
        unique.map((slot) => ({ workspaceId, ...slot })),
        { client: trx }
      )
  })
}
