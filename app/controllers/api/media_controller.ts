import type { HttpContext } from '@adonisjs/core/http'
import MediaAsset from '#models/media_asset'
import { apiMediaUrlValidator } from '#validators/api'
import { ApiError, notFound, validated } from '#services/api/errors'
import { ingestUpload, ingestUrl } from '#services/api/media'
import { toApiMedia } from '#services/api/serializers'

/** /api/v1/media: add a file (multipart `file`) or a URL (JSON `{ url }`) to the library. */
export default class ApiMediaController {
  async store({ request, response, workspace, member, bouncer, apiActor }: HttpContext) {
    await bouncer.with('MediaPolicy').authorize('upload', member)
    const context = { workspaceId: workspace.id, userId: apiActor.id }
    const file = request.file('file')
    let asset: MediaAsset
    if (file) {
      if (!file.tmpPath)
        throw new ApiError(422, 'media_rejected', 'The upload is empty or unreadable', {
          reason: 'corrupt',
        })
      asset = await ingestUpload({ path: file.tmpPath, name: file.clientName }, context)
    } else if (request.is(['multipart']) === 'multipart') {
      throw new ApiError(422, 'validation_failed', 'Send the file in the multipart field "file"', {
        file: ['required'],
      })
    } else {
      const { url } = await validated(() => request.validateUsing(apiMediaUrlValidator))
      asset = await ingestUrl(url, context)
    }
    return response.created({ data: toApiMedia(asset) })
  }

  /** Processing runs in the background: poll until `status` is `ready` (or `failed`). */
  async show({ params, workspace, member, bouncer }: HttpContext) {
    const id = Number(params.media)
    const asset = Number.isSafeInteger(id)
      ? await MediaAsset.query().where('workspace_id', workspace.id).where('id', id).first()
      : null
    if (!asset) throw notFound('Media')
    await bouncer.with('MediaPolicy').authorize('view', member, asset)
    return { data: toApiMedia(asset) }
  }
}
