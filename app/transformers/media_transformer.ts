import router from '@adonisjs/core/services/router'
import { BaseTransformer } from '@adonisjs/core/transformers'
import type { I18n } from '@adonisjs/i18n'
import type MediaAsset from '#models/media_asset'

/** The thumbnail a member's browser loads for an asset (null until processing made one). */
export function mediaThumbnailUrl(
  asset: Pick<MediaAsset, 'id' | 'thumbnailKey'>,
  workspaceSlug: string
) {
  if (!asset.thumbnailKey) return null
  return router.urlBuilder.urlFor(
    'workspace.media.file',
    { workspace: workspaceSlug, media_asset: asset.id },
    { qs: { variant: 'thumbnail' } }
  )
}

/**
 * A media asset as every page sees it (composer choice, library card, upload answer): never
 * its storage keys or hash. URLs point inside `workspaceSlug`, whose member reads them.
 */
export default class MediaTransformer extends BaseTransformer<MediaAsset> {
  constructor(
    asset: MediaAsset,
    private workspaceSlug: string
  ) {
    super(asset)
  }

  toObject() {
    const asset = this.resource
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
      thumbnailUrl: mediaThumbnailUrl(asset, this.workspaceSlug),
      status: asset.status,
    }
  }

  /** The library adds the original file, its age and why processing failed, in `i18n`'s language. */
  forLibrary(i18n: I18n) {
    const asset = this.resource
    return {
      ...this.toObject(),
      failureReason: this.failureReason(i18n),
      createdAt: asset.createdAt.toISO()!,
      fileUrl: router.urlBuilder.urlFor('workspace.media.file', {
        workspace: this.workspaceSlug,
        media_asset: asset.id,
      }),
    }
  }

  /** Known failure codes are translated; anything else is shown as stored. */
  private failureReason(i18n: I18n) {
    const reason = this.resource.failureReason
    if (!reason || !/^[a-z_]+$/.test(reason)) return reason
    const blanks = { max: '', seconds: '', width: '', height: '', megapixels: '' }
    return i18n.t(`media.errors.${reason}`, { name: this.resource.originalName, ...blanks })
  }
}
