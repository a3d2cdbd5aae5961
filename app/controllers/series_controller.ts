import type { HttpContext } from '@adonisjs/core/http'
import Post from '#models/post'
import PostSeries from '#models/post_series'
import SeriesOccurrence from '#models/series_occurrence'
import { createSeries, type CreateSeriesResult } from '#actions/series/create_series'
import { editFutureOccurrences } from '#actions/series/edit_future'
import { seriesFutureValidator, seriesValidator } from '#validators/feeds'

/** Repeating posts from the composer: start a series, or change it from one occurrence on. */
export default class SeriesController {
  async store(ctx: HttpContext) {
    const { request, workspace, auth, bouncer, member } = ctx
    await bouncer.with('PostPolicy').authorize('edit', member)
    const payload = await request.validateUsing(seriesValidator)
    const result = await createSeries({ workspace, actor: auth.user!, content: payload })
    return this.#answer(ctx, result)
  }

  /** What the composer needs to offer "this one / all future ones" for a post of a series. */
  async ofPost({ params, workspace, bouncer, member }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    // Another workspace's post is a 404, not an empty answer.
    const post = await Post.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.post) || 0)
      .firstOrFail()
    const occurrence = await SeriesOccurrence.query()
      .where('workspace_id', workspace.id)
      .where('post_id', post.id)
      .first()
    if (!occurrence) return { series: null }
    const series = await PostSeries.query()
      .where('workspace_id', workspace.id)
      .where('id', occurrence.seriesId)
      .firstOrFail()
    return {
      series: {
        id: series.id,
        rule: series.rule,
        startsAtLocal: series.startsAtLocal,
        missedPolicy: series.missedPolicy,
        lateGraceMinutes: series.lateGraceMinutes,
        mediaCount: series.media.length,
        occurrenceLocal: occurrence.occursAtLocal,
        detached: occurrence.detached,
        missedAt: occurrence.missedAt?.toISO() ?? null,
        lateSeconds: occurrence.lateSeconds,
      },
    }
  }

  async updateFuture(ctx: HttpContext) {
    const { request, params, workspace, auth, bouncer, member } = ctx
    await bouncer.with('PostPolicy').authorize('edit', member)
    // The series is found in this workspace (404) before the body is read.
    const series = await PostSeries.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.series) || 0)
      .firstOrFail()
    const { postId, ...content } = await request.validateUsing(seriesFutureValidator)
    const occurrence = await SeriesOccurrence.query()
      .where('series_id', series.id)
      .where('post_id', postId)
      .firstOrFail()
    const result = await editFutureOccurrences({
      series,
      actor: auth.user!,
      fromLocal: occurrence.occursAtLocal,
      content,
    })
    return this.#answer(ctx, result)
  }

  #answer({ response, session, i18n, workspace }: HttpContext, result: CreateSeriesResult) {
    if (result.status === 'forbidden') return response.forbidden()
    if (result.status !== 'created') {
      const message =
        result.status === 'invalid_rule'
          ? i18n.t('automation.series.invalidRule')
          : i18n.t(`automation.series.refused.${result.status}`)
      session.flashErrors({ rule: message })
      return response.redirect().back()
    }
    session.flash('success', i18n.t('automation.series.flash.created'))
    return response.redirect().toRoute('workspace.calendar', { workspace: workspace.slug })
  }
}
