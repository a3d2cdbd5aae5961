import app from '@adonisjs/core/services/app'
import type { MediaConfig } from '#config/media'
import type { QueueConfig } from '#queue/types'
import { BaseJob, type JobContext } from '#queue/base_job'
import { MAKE_MEDIA_VARIANT } from '#queue/job_specs'
import MediaVariant from '#models/media_variant'
import { MediaUnusableError } from '#services/media/errors'
import { makeVariant } from '#services/media/variants'

/**
 * One network's copy of one asset (see services/media/variants.ts). The transcode runs in
 * a child process, so the worker's event loop stays free and BullMQ keeps renewing this
 * job's lock for as long as ffmpeg runs (bounded by MEDIA_TRANSCODE_TIMEOUT_SECONDS).
 */
export default class MakeMediaVariantJob extends BaseJob<{ variantId: number }> {
  static queue = MAKE_MEDIA_VARIANT.queue
  static jobName = MAKE_MEDIA_VARIANT.jobName

  async handle({ variantId }: { variantId: number }, { attempt, logger }: JobContext) {
    const variant = await MediaVariant.query().where('id', variantId).preload('asset').first()
    if (!variant || variant.status !== 'processing') return 'skipped'
    const config = app.config.get<MediaConfig>('media')
    try {
      await makeVariant(variant, variant.asset, config)
      return 'ready'
    } catch (error) {
      const attempts =
        app.config.get<QueueConfig>('queue').queues.media.defaultJobOptions.attempts ?? 1
      const final = error instanceof MediaUnusableError || attempt >= attempts
      logger.warn(
        { variantId, network: variant.network, err: error, final },
        'media variant failed'
      )
      if (!final) throw error
      variant.merge({ status: 'failed', failureReason: (error as Error).message.slice(0, 480) })
      await variant.save()
      return 'failed'
    }
  }
}
