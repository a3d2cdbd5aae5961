import type { HttpContext } from '@adonisjs/core/http'
import { awaitingClient } from '#services/reviews/client_gate'
import limiter from '@adonisjs/limiter/services/main'
import MediaAsset from '#models/media_asset'
import SocialAccount from '#models/social_account'
import User from '#models/user'
import { deletePost } from '#actions/posts/delete_post'
import { actorOf } from '#policies/actor'
import { checkSavedPost } from '#services/posts/check_targets'
import { checkDraft } from '#actions/posts/check_draft'
import { composePost, type ComposeResult } from '#actions/posts/compose_post'
import { composerData, networkMarks } from '#services/posts/composer_data'
import { findWorkspacePost } from '#services/posts/find_post'
import { countByTab, listPosts } from '#services/posts/list_posts'
import { nextFreeSlot } from '#services/posts/next_free_slot'
import { dispatchMessage, timeMessage } from '#services/posts/outcome_messages'
import {
  permissionsOn,
  toComposerPost,
  toPostDetail,
  toPostRow,
} from '#transformers/post_transformer'
import { postFiltersValidator, savePostValidator } from '#validators/posts'
import { fieldError } from '#validators/workspaces'
import { postThread, postTimeline } from '#services/reviews/timeline'
import { mentionableMembers } from '#services/reviews/mentions'

/**
 * The composer's live check runs after each pause in typing (debounced in the browser):
 * two a second, sustained, per user is far above a person's pace and well below a flood.
 */
const liveCheckPerUser = limiter.use({ requests: 120, duration: '1 min' })

/** The posts list, the composer (new and edit), a post's detail page, and deleting. */
export default class PostsController {
  async index({ request, inertia, workspace, member, bouncer, auth }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    const [, parsed] = await postFiltersValidator.tryValidate(request.qs())
    const filters = parsed ?? {}
    const page = await listPosts(workspace.id, filters)
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('display_name')
    const viewer = { user: auth.user!, member }
    return inertia.render('posts/index', {
      posts: page.all().map((post) => toPostRow(post, viewer)),
      pagination: {
        currentPage: page.currentPage,
        lastPage: page.lastPage,
        total: page.total,
        perPage: page.perPage,
      },
      filters: {
        tab: filters.tab ?? 'all',
        status: filters.status ?? null,
        account: filters.account ?? null,
        network: filters.network ?? null,
      },
      counts: await countByTab(workspace.id),
      accounts: accounts.map(({ id, network, displayName, handle }) => ({
        id,
        network,
        displayName,
        handle,
      })),
      networks: await networkMarks(),
    })
  }

  async create({ inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    return inertia.render('posts/composer', {
      ...(await composerData(workspace)),
      post: null,
      checks: [],
      nextSlot: await this.#nextSlot(workspace),
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member)
    const payload = await ctx.request.validateUsing(savePostValidator)
    const result = await composePost({
      workspace: ctx.workspace,
      actor: actorOf(ctx),
      ...this.#input(payload),
      // The composer added the signatures as the accounts were picked; a removed one stays removed.
      signatures: 'as-sent',
    })
    return this.#respond(ctx, result)
  }

  /** The composer's current state checked as saving would check it, saving nothing (JSON). */
  async check({ request, response, i18n, workspace, member, bouncer, auth }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    await liveCheckPerUser.consume(`posts_check_${auth.user!.id}`)
    const { body, targets, media, parts } = this.#input(
      await request.validateUsing(savePostValidator)
    )
    const result = await checkDraft({ workspace, body, targets, media, parts })
    if (result.status === 'unknown_media')
      throw fieldError('media', i18n.t('posts.errors.unknownMedia'))
    if (result.status === 'unknown_accounts')
      throw fieldError('targets', i18n.t('posts.errors.unknownAccounts'))
    return response.json({ checks: result.checks })
  }

  async show({ params, inertia, workspace, member, bouncer, auth }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('view', member, post)
    await post.load((loader) =>
      loader
        .load('author')
        .load('media', (media) => media.orderBy('position'))
        .load('deliveries', (deliveries) =>
          deliveries.orderBy('id').preload('socialAccount').preload('chain')
        )
        .load('parts')
    )
    const reviewer = post.reviewedById ? await User.find(post.reviewedById) : null
    const assetIds = post.media.map((item) => item.mediaAssetId)
    const assets = assetIds.length
      ? await MediaAsset.query().where('workspace_id', workspace.id).whereIn('id', assetIds)
      : []
    return inertia.render('posts/show', {
      post: toPostDetail(
        post,
        { user: auth.user!, member },
        reviewer,
        new Map(assets.map((asset) => [asset.id, asset])),
        workspace.slug
      ),
      networks: await networkMarks(),
      // Members only: the internal thread, the timeline and the client's verdict.
      thread: await postThread(post, auth.user!.id),
      timeline: await postTimeline(post),
      mentionable: await mentionableMembers(workspace.id),
      clientReview: {
        required: workspace.clientApprovalRequired,
        awaiting: awaitingClient(workspace, post),
        status: post.clientStatus,
        reviewer: post.clientReviewerName,
        reviewedAt: post.clientReviewedAt?.toUTC().toISO() ?? null,
        resetAt: post.clientResetAt?.toUTC().toISO() ?? null,
      },
    })
  }

  async edit({ params, inertia, workspace, member, bouncer, auth }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    await post.load((loader) =>
      loader
        .load('media', (media) => media.orderBy('position'))
        .load('deliveries', (deliveries) => deliveries.orderBy('id'))
        .load('parts')
    )
    const checks = await checkSavedPost(post)
    return inertia.render('posts/composer', {
      ...(await composerData(workspace)),
      post: toComposerPost(post, permissionsOn(post, { user: auth.user!, member }).editable),
      checks: checks.map(({ socialAccountId, issues }) => ({ socialAccountId, issues })),
      nextSlot: await this.#nextSlot(workspace),
      // The side panel's conversation: members' comments and the client's, as on the post page.
      thread: await postThread(post, auth.user!.id),
      mentionable: await mentionableMembers(workspace.id),
    })
  }

  async update(ctx: HttpContext) {
    const post = await findWorkspacePost(ctx.workspace.id, ctx.params.post)
    await ctx.bouncer.with('PostPolicy').authorize('edit', ctx.member, post)
    const payload = await ctx.request.validateUsing(savePostValidator)
    const result = await composePost({
      workspace: ctx.workspace,
      actor: actorOf(ctx),
      post,
      ...this.#input(payload),
    })
    return this.#respond(ctx, result)
  }

  async destroy({
    params,
    response,
    session,
    i18n,
    workspace,
    member,
    bouncer,
    auth,
  }: HttpContext) {
    const post = await findWorkspacePost(workspace.id, params.post)
    await bouncer.with('PostPolicy').authorize('edit', member, post)
    const result = await deletePost({ post, actor: { user: auth.user!, member } })
    if (result.status !== 'deleted') {
      session.flash('error', i18n.t(`posts.flash.${result.status}`))
      return response.redirect().back()
    }
    session.flash('success', i18n.t('posts.flash.deleted'))
    return response.redirect().toRoute('workspace.posts.index', { workspace: workspace.slug })
  }

  #input(payload: Awaited<ReturnType<typeof savePostValidator.validate>>) {
    return {
      body: payload.body ?? '',
      targets: payload.targets.map((target) => ({
        socialAccountId: target.socialAccountId,
        text: target.text?.length ? target.text : null,
        options: target.options ?? {},
        parts: target.parts ?? null,
      })),
      media: payload.media ?? [],
      parts: payload.parts ?? [],
      intent: payload.intent ?? 'draft',
      at: payload.at,
    }
  }

  async #nextSlot(workspace: HttpContext['workspace']) {
    const slot = await nextFreeSlot(workspace)
    return slot.status === 'ok' ? slot.at.toUTC().toISO()! : null
  }

  /** Where the composer goes after a submit, and what it says. */
  #respond({ response, session, i18n, workspace }: HttpContext, result: ComposeResult) {
    switch (result.status) {
      case 'bad_time':
        throw fieldError('at', timeMessage(i18n, result.time))
      case 'unknown_media':
        throw fieldError('media', i18n.t('posts.errors.unknownMedia'))
      case 'no_targets':
      case 'unknown_accounts':
        throw fieldError('targets', i18n.t('posts.errors.unknownAccounts'))
      case 'saved': {
        const pending = result.checks.filter((check) => check.issues.length).length
        session.flash(
          'success',
          i18n.t(pending ? 'posts.flash.savedWithIssues' : 'posts.flash.saved', { count: pending })
        )
        return response.redirect().toRoute('workspace.posts.edit', {
          workspace: workspace.slug,
          post: result.post.id,
        })
      }
      case 'dispatched': {
        const message = dispatchMessage(i18n, result.outcome, {
          intent: result.time ? 'schedule' : '',
          time: result.time,
          timezone: workspace.timezone,
        })
        session.flash(message.kind, message.text)
        const page = result.outcome.status === 'invalid' ? 'edit' : 'show'
        return response
          .redirect()
          .toRoute(`workspace.posts.${page}`, { workspace: workspace.slug, post: result.post.id })
      }
      default:
        session.flash('error', i18n.t(`posts.flash.${result.status}`))
        return response.redirect().back()
    }
  }
}
