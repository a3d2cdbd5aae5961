import { DateTime } from 'luxon'
import DataExport from '#models/data_export'
import type User from '#models/user'
import queue from '#queue/main'
import { DATA_EXPORT } from '#queue/job_specs'
import { EXPORT_TTL_DAYS } from '#services/privacy/exports'

export type ExportRequest =
  { ok: true; dataExport: DataExport } | { ok: false; reason: 'already_pending' }

/**
 * Queues the user's GDPR export. One at a time: a second request while one is being
 * written is refused rather than doubling the work.
 */
export async function requestDataExport(user: User): Promise<ExportRequest> {
  const pending = await DataExport.query()
    .where('user_id', user.id)
    .where('status', 'pending')
    .first()
  if (pending) return { ok: false, reason: 'already_pending' }
  const dataExport = await DataExport.create({
    userId: user.id,
    status: 'pending',
    fileKey: null,
    // Replaced when the file is written; bounds a stuck pending row for the purge meanwhile.
    expiresAt: DateTime.now().plus({ days: EXPORT_TTL_DAYS }),
  })
  await queue.dispatch(
    DATA_EXPORT,
    { exportId: dataExport.id },
    { jobId: `data-export-${dataExport.id}` }
  )
  return { ok: true, dataExport }
}
