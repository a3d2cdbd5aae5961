import type { HttpContext } from '@adonisjs/core/http'
import Feed from '#models/feed'
import FeedItem from '#models/feed_item'
import SocialAccount from '#models/social_account'
import { saveFeed } from '#actions/feeds/save_feed'
import { pollFeed } from '#actions/feeds/poll_feed'
import { feedValidator } from '#validators/feeds'
import { DEFAULT_FEED_TEMPLATE } from '#services/feeds/template'
import { can } from '#services/roles'
import { auditRequest } from '#services/audit'
import FeedTransformer from '#transformers/feed_transformer'

/** Feeds the workspace follows: everyone sees them, editors and above add, change and fetch them. */
export default class FeedsController {
  async index({ inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    const feeds = await Feed.query().where('workspace_id', workspace.id).orderBy('id')
    const items = feeds.length
      ? await FeedItem.query()
          .whereIn(
            'feed_id',
            feeds.map((feed) => feed.id)
          )
          .orderBy('id', 'desc')
          .limit(200)
      : []
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('id')
    return inertia.render('feeds/index', {
      feeds: feeds.map((feed) => new FeedTransformer(feed, items).toObject()),
      accounts: accounts.map((a) => ({ id: a.id, network: a.network, handle: a.handle })),
      defaultTemplate: DEFAULT_FEED_TEMPLATE,
      canEdit: can(member.role, 'editContent'),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member)
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    const feed = await this.#find(ctx)
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member)
    return this.#save(ctx, feed)
  }

  async destroy(ctx: HttpContext) {
    const { response, session, i18n, workspace, member, bouncer } = ctx
    const feed = await this.#find(ctx)
    await bouncer.with('PostPolicy').authorize('edit', member)
    await feed.delete()
    await auditRequest(ctx, {
      action: 'feed.deleted',
      workspaceId: workspace.id,
      subjectType: 'feed',
      subjectId: feed.id,
      meta: { url: feed.url },
    })
    session.flash('success', i18n.t('automation.feeds.flash.deleted'))
    return response.redirect().toRoute('workspace.feeds.index', { workspace: workspace.slug })
  }

  /** Fetch now, without waiting for the feed's turn. */
  async fetch(ctx: HttpContext) {
    const { response, session, i18n, workspace, member, bouncer } = ctx
    const feed = await this.#find(ctx)
    await bouncer.with('PostPolicy').authorize('edit', member)
    const report = await pollFeed(feed)
    session.flash(
      report.status === 'error' ? 'error' : 'success',
      report.status === 'error'
        ? i18n.t('automation.feeds.flash.fetchFailed')
        : i18n.t('automation.feeds.flash.fetched', { count: report.created.length })
    )
    return response.redirect().toRoute('workspace.feeds.index', { workspace: workspace.slug })
  }

  async #save(ctx: HttpContext, feed?: Feed) {
    const { request, response, session, i18n, workspace, auth } = ctx
    const payload = await request.validateUsing(feedValidator)
    const result = await saveFeed({ workspace, actor: auth.user!, payload, feed })
    if (result.status === 'forbidden') return response.forbidden()
    if (result.status === 'unknown_accounts') {
      session.flashErrors({ targetAccountIds: i18n.t('automation.feeds.unknownAccounts') })
      return response.redirect().back()
    }
    await auditRequest(ctx, {
      action: feed ? 'feed.updated' : 'feed.created',
      workspaceId: workspace.id,
      subjectType: 'feed',
      subjectId: result.feed.id,
      meta: { url: result.feed.url, mode: result.feed.mode },
    })
    session.flash('success', i18n.t(`automation.feeds.flash.${feed ? 'updated' : 'created'}`))
    return response.redirect().toRoute('workspace.feeds.index', { workspace: workspace.slug })
  }

  #find({ params, workspace }: HttpContext) {
    return Feed.query()
      .where('workspace_id', workspace.id)
      .where('id', Number(params.feed) || 0)
      .firstOrFail()
  }
}
