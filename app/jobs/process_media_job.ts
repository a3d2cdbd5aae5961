import app from '@adonisjs/core/services/app'
import type { MediaConfig } from '#config/media'
import type { QueueConfig } from '#queue/types'
import { BaseJob, type JobContext } from '#queue/base_job'
import { PROCESS_MEDIA } from '#queue/job_specs'
import MediaAsset from '#models/media_asset'
import { MediaRejection } from '#services/media/errors'
import { markAssetFailed, processAsset } from '#services/media/process_asset'

/**
 * After an upload: probe, thumbnail (a poster frame for video), metadata-free video
 * container, then `ready`. A file the tools refuse is `failed` at once with the reason;
 * anything else (disk, database) is retried, and marked failed on the last attempt.
 * Errors never escape as crashes: BullMQ records them and the worker goes on.
 */
export default class ProcessMediaJob extends BaseJob<{ assetId: number }> {
  static queue = PROCESS_MEDIA.queue
  static jobName = PROCESS_MEDIA.jobName

  async handle({ assetId }: { assetId: number }, { attempt, logger }: JobContext) {
    const asset = await MediaAsset.find(assetId)
    if (!asset || asset.status !== 'processing') return 'skipped'
    const config = app.config.get<MediaConfig>('media')
    try {
      await processAsset(asset, config)
      return 'ready'
    } catch (error) {
      const attempts =
        app.config.get<QueueConfig>('queue').queues.media.defaultJobOptions.attempts ?? 1
      const final = error instanceof MediaRejection || attempt >= attempts
      logger.warn({ assetId, err: error, final }, 'media processing failed')
      if (!final) throw error
      await markAssetFailed(
        asset,
        error instanceof MediaRejection ? error.code : (error as Error).message
      )
      return 'failed'
    }
  }
}
