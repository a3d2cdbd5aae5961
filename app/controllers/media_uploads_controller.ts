import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import type { MediaConfig } from '#config/media'
import { importUrlValidator } from '#validators/media'
import { ingestFile } from '#services/media/ingest'
import { MediaRejection } from '#services/media/errors'
import MediaTransformer from '#transformers/media_transformer'
import { removeTemp } from '#services/media/storage'
import { SafeFetchError, safeFetchToFile } from '#services/safe_fetch'

interface Rejected {
  name: string
  code: string
  message: string
  status: number
}

/**
 * Adding files to the library, as JSON endpoints the page calls with XHR (per-file
 * progress): multipart uploads of one or several files, and import from a URL.
 */
export default class MediaUploadsController {
  #rejection(ctx: HttpContext, name: string, error: MediaRejection): Rejected {
    return {
      name,
      code: error.code,
      status: error.status,
      message: ctx.i18n.t(`media.errors.${error.code}`, { name, ...error.params }),
    }
  }

  async store(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, auth, i18n } = ctx
    await bouncer.with('MediaPolicy').authorize('upload', member)
    const config = app.config.get<MediaConfig>('media')
    const files = request.files('files')
    if (!files.length) {
      return response.unprocessableEntity({
        uploaded: [],
        rejected: [
          { name: '', code: 'no_files', status: 422, message: i18n.t('media.errors.no_files') },
        ],
      })
    }
    const uploaded = []
    const rejected: Rejected[] = []
    for (const file of files) {
      const name = file.clientName
      try {
        if (!file.tmpPath) throw new MediaRejection(file.size === 0 ? 'empty' : 'corrupt')
        const asset = await ingestFile(
          { path: file.tmpPath, name },
          { workspaceId: workspace.id, userId: auth.user!.id, config }
        )
        uploaded.push(new MediaTransformer(asset, workspace.slug).forLibrary(i18n))
      } catch (error) {
        if (!(error instanceof MediaRejection)) throw error
        rejected.push(this.#rejection(ctx, name, error))
      } finally {
        await removeTemp(file.tmpPath)
      }
    }
    const status = !rejected.length ? 201 : !uploaded.length ? rejected[0].status : 207
    return response.status(status).json({ uploaded, rejected })
  }

  async importUrl(ctx: HttpContext) {
    const { request, response, workspace, member, bouncer, auth, i18n } = ctx
    await bouncer.with('MediaPolicy').authorize('upload', member)
    const { url } = await request.validateUsing(importUrlValidator)
    const config = app.config.get<MediaConfig>('media')
    let path: string | null = null
    try {
      const fetched = await safeFetchToFile(url, {
        maxBytes: Math.min(
          config.import.maxBytes,
          Math.max(config.maxImageBytes, config.maxVideoBytes)
        ),
        timeoutMs: config.import.timeoutMs,
        maxRedirects: config.import.maxRedirects,
        acceptContentTypes: (type) =>
          /^(image|video)\//.test(type) || type === 'application/octet-stream' || type === '',
      }).catch((error) => {
        if (!(error instanceof SafeFetchError)) throw error
        const blocked = ['forbidden_address', 'forbidden_scheme', 'invalid_url'].includes(
          error.code
        )
        throw new MediaRejection(
          blocked ? 'import_blocked' : error.code === 'too_large' ? 'too_large' : 'import_failed',
          {
            max: Math.floor(config.import.maxBytes / (1024 * 1024)),
            reason: error.message,
          }
        )
      })
      path = fetched.path
      const asset = await ingestFile(
        { path, name: fetched.name },
        { workspaceId: workspace.id, userId: auth.user!.id, config }
      )
      return response.created({
        uploaded: [new MediaTransformer(asset, workspace.slug).forLibrary(i18n)],
        rejected: [],
      })
    } catch (error) {
      if (!(error instanceof MediaRejection)) throw error
      const rejection = this.#rejection(ctx, url, error)
      return response.status(rejection.status).json({ uploaded: [], rejected: [rejection] })
    } finally {
      await removeTemp(path)
    }
  }
}
