import mail from '@adonisjs/mail/services/main'
import { BaseJob, type JobContext } from '#queue/base_job'
import { DATA_EXPORT } from '#queue/job_specs'
import DataExport from '#models/data_export'
import DataExportReadyMail from '#mails/data_export_ready_mail'
import { buildExport } from '#services/privacy/exports'
import { audit } from '#services/audit'

/**
 * Writes a GDPR export requested from the privacy page, then mails the user an
 * expiring download link. Runs on the `purge` queue: the privacy work shares its
 * single, low-priority worker slot.
 */
export default class DataExportJob extends BaseJob<{ exportId: number }> {
  static queue = DATA_EXPORT.queue
  static jobName = DATA_EXPORT.jobName

  async handle({ exportId }: { exportId: number }, { logger }: JobContext) {
    const dataExport = await DataExport.find(exportId)
    // Purged, or already written by an earlier attempt: nothing to do.
    if (!dataExport || dataExport.status !== 'pending') return { skipped: true }
    const { user } = await buildExport(dataExport)
    await mail.send(new DataExportReadyMail(user, dataExport))
    await audit({
      action: 'privacy.export_ready',
      actorId: user.id,
      subjectType: 'data_export',
      subjectId: dataExport.id,
      meta: { via: 'self-service' },
    })
    logger.info({ exportId, sizeBytes: dataExport.sizeBytes }, 'data export written')
    return { exportId, sizeBytes: dataExport.sizeBytes }
  }
}
