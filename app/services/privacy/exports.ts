import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { dataPath } from '#config/paths'
import type DataExport from '#models/data_export'
import User from '#models/user'
import { writeExport } from '#services/privacy/export_writer'

/** A ready export can be downloaded this long; the purge then deletes the file and its row. */
export const EXPORT_TTL_DAYS = 7

export function exportFilePath(fileKey: string) {
  return dataPath(...fileKey.split('/'))
}

/** Writes the ZIP of a pending export and marks it ready (or failed, then rethrows). */
export async function buildExport(dataExport: DataExport) {
  const user = await User.findOrFail(dataExport.userId)
  const fileKey = `exports/${randomUUID()}.zip`
  try {
    await writeExport(user, exportFilePath(fileKey))
  } catch (error) {
    dataExport.status = 'failed'
    await dataExport.save()
    throw error
  }
  dataExport.merge({
    status: 'ready',
    fileKey,
    sizeBytes: (await stat(exportFilePath(fileKey))).size,
    completedAt: DateTime.now(),
    expiresAt: DateTime.now().plus({ days: EXPORT_TTL_DAYS }),
  })
  await dataExport.save()
  return { user, dataExport }
}
