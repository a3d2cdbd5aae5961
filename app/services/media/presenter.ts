import type { I18n } from '@adonisjs/i18n'
import type MediaAsset from '#models/media_asset'
import type Workspace from '#models/workspace'

/** The thumbnail a member's browser loads for an asset (null until processing made one). */
export function mediaThumbnailUrl(
  asset: Pick<MediaAsset, 'id' | 'thumbnailKey'>,
  workspaceSlug: string
) {
  return asset.thumbnailKey ? `/w/${workspaceSlug}/media/${asset.id}/file?variant=thumbnail` : null
}

/** An asset as the library page shows it: never its storage keys or hash. */
export function toMediaAsset(asset: MediaAsset, workspace: Workspace, i18n: I18n) {
  const base = `/w/${workspace.slug}/media/${asset.id}/file`
  const reason = asset.failureReason
  const knownReason = reason && /^[a-z_]+$/.test(reason) ? `media.errors.${reason}` : null
  return {
    id: asset.id,
    kind: asset.kind,
    name: asset.originalName,
    mimeType: asset.mimeType,
    bytes: asset.bytes,
    width: asset.width,
    height: asset.height,
    durationSeconds: asset.durationSeconds,
    altText: asset.altText,
    status: asset.status,
    failureReason: knownReason
      ? i18n.t(knownReason, {
          name: asset.originalName,
          max: '',
          seconds: '',
          width: '',
          height: '',
          megapixels: '',
        })
      : reason,
    createdAt: asset.createdAt.toISO()!,
    fileUrl: base,
    thumbnailUrl: mediaThumbnailUrl(asset, workspace.slug),
  }
}

export type MediaAssetView = ReturnType<typeof toMediaAsset>
