import { stat } from 'node:fs/promises'
import type { MediaConfig } from '#config/media'
import type MediaAsset from '#models/media_asset'
import MediaVariant from '#models/media_variant'
import plugins from '#services/plugins'
import queue from '#queue/main'
import { MAKE_MEDIA_VARIANT } from '#queue/job_specs'
import { MediaUnusableError } from '#services/media/errors'
import { report, telemetryHooks } from '#services/telemetry/hooks'
import { probeVideo } from '#services/media/probe'
import { fitImage } from '#services/media/variant_image'
import { checkDuration, transcodeVideo, videoFits } from '#services/media/variant_video'
import {
  downloadToTemp,
  extensionFor,
  mediaDisk,
  newKey,
  putFile,
  removeTemp,
  tempPath,
} from '#services/media/storage'

/** The network's media rules, from its plugin's capabilities. */
async function rulesFor(network: string, kind: 'image' | 'video') {
  const plugin = await plugins.get(network).catch(() => {
    throw new MediaUnusableError(`The ${network} network is not available`)
  })
  const rules = kind === 'image' ? plugin.capabilities.images : plugin.capabilities.video
  if (!rules || rules.max < 1)
    throw new MediaUnusableError(
      `${plugin.displayName} does not take ${kind === 'image' ? 'images' : 'videos'}`
    )
  return rules
}

async function makeImageVariant(variant: MediaVariant, asset: MediaAsset, config: MediaConfig) {
  const rules = (await rulesFor(variant.network, 'image')) as import('#sdk').ImageRules
  const disk = await mediaDisk()
  const input = Buffer.from(await disk.getBytes(asset.storageKey))
  const fitted = await fitImage(
    input,
    { mimeType: asset.mimeType, width: asset.width!, height: asset.height!, bytes: asset.bytes },
    rules,
    config
  )
  if (!fitted.buffer) {
    variant.merge({
      key: asset.storageKey,
      mimeType: asset.mimeType,
      bytes: asset.bytes,
      width: asset.width,
      height: asset.height,
    })
  } else {
    const key = newKey(asset.workspaceId, 'variants', fitted.mimeType)
    await disk.put(key, fitted.buffer, { contentType: fitted.mimeType, visibility: 'private' })
    variant.merge({
      key,
      mimeType: fitted.mimeType,
      bytes: fitted.buffer.byteLength,
      width: fitted.width,
      height: fitted.height,
    })
  }
}

async function makeVideoVariant(variant: MediaVariant, asset: MediaAsset, config: MediaConfig) {
  const rules = (await rulesFor(variant.network, 'video')) as import('#sdk').VideoRules
  const input = await downloadToTemp(asset.storageKey, `.${extensionFor(asset.mimeType)}`)
  const output = tempPath('.mp4')
  try {
    const probe = await probeVideo(input, config)
    if (!probe.hasVideo || !probe.width || !probe.height)
      throw new MediaUnusableError('The file has no readable video stream')
    checkDuration(probe, rules)
    if (videoFits(probe, asset.mimeType, asset.bytes, rules)) {
      variant.merge({
        key: asset.storageKey,
        mimeType: asset.mimeType,
        bytes: asset.bytes,
        width: probe.width,
        height: probe.height,
      })
    } else {
      const size = await transcodeVideo(input, output, probe, rules, config)
      const bytes = (await stat(output)).size
      if (rules.maxBytes && bytes > rules.maxBytes)
        throw new MediaUnusableError(
          'The transcoded video is still larger than the network accepts'
        )
      const key = newKey(asset.workspaceId, 'variants', 'video/mp4')
      await putFile(key, output, 'video/mp4')
      variant.merge({ key, mimeType: 'video/mp4', bytes, width: size.width, height: size.height })
    }
    variant.durationSeconds = probe.durationSeconds
  } finally {
    await removeTemp(input, output)
  }
}

/** Makes one network's copy of an asset and marks it ready. Throws on failure (the job decides). */
export async function makeVariant(variant: MediaVariant, asset: MediaAsset, config: MediaConfig) {
  if (asset.status !== 'ready') throw new MediaUnusableError('The original is not ready')
  const started = performance.now()
  try {
    if (asset.kind === 'image') await makeImageVariant(variant, asset, config)
    else await makeVideoVariant(variant, asset, config)
    report(telemetryHooks.mediaTranscode, asset.kind, performance.now() - started, true)
  } catch (error) {
    report(telemetryHooks.mediaTranscode, asset.kind, performance.now() - started, false)
    throw error
  }
  variant.merge({ status: 'ready', failureReason: null })
  await variant.save()
}

/**
 * The variant row of (asset, network), created and queued the first time it is asked for.
 * The unique (media_asset_id, network) index makes concurrent callers share one row; the
 * job id makes them share one job, so a variant is made once.
 */
export async function ensureVariant(asset: MediaAsset, network: string): Promise<MediaVariant> {
  let variant = await MediaVariant.query()
    .where('media_asset_id', asset.id)
    .where('network', network)
    .first()
  if (!variant) {
    try {
      variant = await MediaVariant.create({ mediaAssetId: asset.id, network, status: 'processing' })
    } catch {
      variant = await MediaVariant.query()
        .where('media_asset_id', asset.id)
        .where('network', network)
        .firstOrFail()
    }
  }
  if (variant.status === 'processing') {
    // Same id while the job exists: a second call (or a lost job after a Redis wipe) is safe.
    await queue.dispatch(
      MAKE_MEDIA_VARIANT,
      { variantId: variant.id },
      { jobId: `media-variant-${variant.id}` }
    )
  }
  return variant
}
