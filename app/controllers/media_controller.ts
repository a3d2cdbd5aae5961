import type { HttpContext } from '@adonisjs/core/http'
import MediaAsset from '#models/media_asset'
import { altTextValidator, mediaFileValidator, mediaSearchValidator } from '#validators/media'
import MediaTransformer from '#transformers/media_transformer'
import { deleteAsset, pendingPostsUsing } from '#services/media/library'
import { serveMediaFile } from '#services/media/serve'
import { SIGNED_MEDIA_PURPOSE } from '#services/media/signed_url'
import { mediaLimits } from '#services/media/limits'

/** The workspace's asset named in the URL, or a 404 (another workspace's id included). */
function findAsset({ workspace, params }: HttpContext) {
  return MediaAsset.query()
    .where('workspace_id', workspace.id)
    .where('id', Number(params.media_asset) || 0)
    .firstOrFail()
}

/** The media library page, alt text, deletion, and the files themselves. */
export default class MediaController {
  async index(ctx: HttpContext) {
    const { inertia, workspace, member, bouncer, request, i18n } = ctx
    await bouncer.with('MediaPolicy').authorize('view', member)
    const { q } = await request.validateUsing(mediaSearchValidator, { data: request.qs() })
    const query = MediaAsset.query()
      .where('workspace_id', workspace.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(300)
    if (q) {
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
      query.where((where) =>
        where
          .whereRaw(`LOWER(original_name) LIKE ? ESCAPE '\\'`, [like])
          .orWhereRaw(`LOWER(COALESCE(alt_text, '')) LIKE ? ESCAPE '\\'`, [like])
      )
    }
    return inertia.render('media/index', {
      assets: (await query).map((asset) =>
        new MediaTransformer(asset, workspace.slug).forLibrary(i18n)
      ),
      filters: { q: q ?? '' },
      limits: mediaLimits(),
    })
  }

  async update(ctx: HttpContext) {
    const { request, response, session, i18n, member, bouncer } = ctx
    const asset = await findAsset(ctx)
    await bouncer.with('MediaPolicy').authorize('edit', member, asset)
    const { altText } = await request.validateUsing(altTextValidator)
    asset.altText = altText || null
    await asset.save()
    session.flash('success', i18n.t('media.altSaved'))
    return response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    const { response, session, i18n, member, bouncer } = ctx
    const asset = await findAsset(ctx)
    await bouncer.with('MediaPolicy').authorize('edit', member, asset)
    const posts = await pendingPostsUsing(asset)
    if (posts > 0) {
      session.flash(
        'error',
        i18n.t('media.errors.inUse', { name: asset.originalName, count: posts })
      )
      return response.redirect().back()
    }
    await deleteAsset(asset)
    session.flash('success', i18n.t('media.deleted', { name: asset.originalName }))
    return response.redirect().back()
  }

  /** The file for a member of the workspace: original, thumbnail or a network variant. */
  async file(ctx: HttpContext) {
    const { member, bouncer, request } = ctx
    const asset = await findAsset(ctx)
    await bouncer.with('MediaPolicy').authorize('view', member, asset)
    const { variant } = await request.validateUsing(mediaFileValidator, { data: request.qs() })
    return serveMediaFile(ctx, asset, variant)
  }

  /** The same file through a signed, expiring link (networks that fetch by URL). No session needed. */
  async publicFile(ctx: HttpContext) {
    const { request, response, params } = ctx
    if (!request.hasValidSignature(SIGNED_MEDIA_PURPOSE))
      return response.forbidden('This media link is invalid or has expired.')
    const asset = await MediaAsset.query()
      .where('id', Number(params.media_asset) || 0)
      .where('status', 'ready')
      .firstOrFail()
    const { variant } = await request.validateUsing(mediaFileValidator, { data: request.qs() })
    return serveMediaFile(ctx, asset, variant)
  }
}
