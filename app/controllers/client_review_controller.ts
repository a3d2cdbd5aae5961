import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { recordClientReview } from '#actions/reviews/record_client_review'
import type ReviewLink from '#models/review_link'
import { openReviewLink } from '#services/reviews/review_guard'
import { linkShowsUrl, postOfLink, reviewPageData } from '#services/reviews/review_page'
import { linkCardFor } from '#services/link_cards/link_card'
import { linkCardQueryValidator } from '#validators/link_cards'
import { reviewActionsPerToken, reviewPasswordPerLinkIp } from '#start/limiter'
import {
  clientReviewValidator,
  reviewPasswordValidator,
  reviewerNameValidator,
} from '#validators/reviews'
import { fieldError } from '#validators/workspaces'

/** The client's name, remembered on their browser for every link. */
const NAME_COOKIE = 'review_name'
const unlockedKey = (link: ReviewLink) => `review_unlocked_${link.id}`

/** Status of each page the gate can answer instead of the review. */
const STATUS = { not_found: 404, revoked: 410, expired: 410, limited: 429 } as const

/**
 * The review page a client opens without an account (/review/:token), and what they can
 * do there: unlock it with the link's password, leave their name, approve, request
 * changes or comment on one of its posts. Every request goes through the gate (limits,
 * token lookup, expiry) first; nothing is indexed, cached or sent as a referrer.
 */
export default class ClientReviewController {
  async show(ctx: HttpContext) {
    const link = await this.#open(ctx)
    if (!link) return
    if (!this.#unlocked(ctx, link)) return ctx.inertia.render('review/password', {})
    if (!link.lastOpenedAt || link.lastOpenedAt < DateTime.utc().minus({ minutes: 1 })) {
      link.lastOpenedAt = DateTime.utc()
      await link.save()
    }
    return ctx.inertia.render('review/show', {
      ...(await reviewPageData(link)),
      clientName: this.#name(ctx),
      path: ctx.request.url(),
    })
  }

  async unlock(ctx: HttpContext) {
    const link = await this.#open(ctx)
    if (!link) return
    const { password } = await ctx.request.validateUsing(reviewPasswordValidator)
    const key = `review:password:${link.id}:${ctx.request.ip()}`
    if (await reviewPasswordPerLinkIp.isBlocked(key))
      throw fieldError('password', ctx.i18n.t('reviews.password.tooMany'))
    const ok = link.passwordHash ? await hash.verify(link.passwordHash, password) : true
    if (!ok) {
      await reviewPasswordPerLinkIp.consume(key).catch(() => {})
      throw fieldError('password', ctx.i18n.t('reviews.password.wrong'))
    }
    ctx.session.put(unlockedKey(link), true)
    return ctx.response.redirect(this.#pagePath(ctx))
  }

  async rememberName(ctx: HttpContext) {
    const link = await this.#open(ctx)
    if (!link) return
    if (!this.#unlocked(ctx, link)) return ctx.response.redirect(this.#pagePath(ctx))
    const { name } = await ctx.request.validateUsing(reviewerNameValidator)
    ctx.response.cookie(NAME_COOKIE, name, { maxAge: '180d', httpOnly: true, sameSite: 'lax' })
    return ctx.response.redirect(this.#pagePath(ctx))
  }

  async act(ctx: HttpContext) {
    const link = await this.#open(ctx)
    if (!link) return
    if (!this.#unlocked(ctx, link)) return ctx.response.redirect(this.#pagePath(ctx))
    const name = this.#name(ctx)
    if (!name) throw fieldError('name', ctx.i18n.t('reviews.page.nameFirst'))
    const post = await postOfLink(link, Number(ctx.params.post))
    if (!post) return this.#refuse(ctx, 'not_found')
    const { action, comment } = await ctx.request.validateUsing(clientReviewValidator)
    try {
      await reviewActionsPerToken.consume(`review:actions:${link.id}`)
    } catch {
      ctx.session.flash('error', ctx.i18n.t('reviews.flash.tooMany'))
      return ctx.response.redirect(this.#pagePath(ctx))
    }
    const result = await recordClientReview({
      link,
      post,
      action,
      name,
      comment: comment ?? null,
      ip: ctx.request.ip(),
    })
    if (result.status === 'comment_required')
      throw fieldError('comment', ctx.i18n.t('reviews.flash.comment_required'))
    ctx.session.flash(
      result.status === 'ok' ? 'success' : 'error',
      ctx.i18n.t(
        result.status === 'ok' ? `reviews.flash.${action}` : `reviews.flash.${result.status}`
      )
    )
    return ctx.response.redirect(`${this.#pagePath(ctx)}#post-${post.id}`)
  }

  /**
   * The card of a link in one of this link's posts, asked by the page after it is shown.
   * Only a URL the posts contain is fetched: the page is no fetcher for anything else.
   */
  async linkCard(ctx: HttpContext) {
    const link = await this.#open(ctx)
    if (!link) return
    if (!this.#unlocked(ctx, link)) return ctx.response.status(403).json({ card: null })
    const { url } = await ctx.request.validateUsing(linkCardQueryValidator)
    if (!(await linkShowsUrl(link, url))) return ctx.response.status(404).json({ card: null })
    return ctx.response.json({ card: await linkCardFor(url) })
  }

  /**
   * Headers for every answer, then the gate. The page speaks the link's language. Returns
   * the link, or null after rendering the page that says why not (404, 410, 429).
   */
  async #open(ctx: HttpContext) {
    ctx.response.header('X-Robots-Tag', 'noindex, nofollow, noarchive')
    ctx.response.header('Cache-Control', 'no-store')
    // The token is in the URL: no page it links to may learn it.
    ctx.response.header('Referrer-Policy', 'no-referrer')
    const gate = await openReviewLink(String(ctx.params.token), ctx.request.ip())
    // A dead link still speaks its language: the client learns why in the words they read.
    if ('link' in gate) this.#speak(ctx, gate.link.locale)
    if (gate.status === 'ok') return gate.link
    if (gate.status === 'limited')
      ctx.response.header('Retry-After', String(gate.retryAfterSeconds))
    await this.#refuse(ctx, gate.status)
    return null
  }

  async #refuse(ctx: HttpContext, reason: keyof typeof STATUS) {
    ctx.response.status(STATUS[reason])
    const page = await ctx.inertia.render('review/unavailable', { reason })
    ctx.response.send(page)
    ctx.response.status(STATUS[reason])
    return page
  }

  #speak(ctx: HttpContext, locale: string) {
    ctx.i18n = i18nManager.locale(locale)
    if ('view' in ctx) ctx.view.share({ i18n: ctx.i18n })
  }

  #unlocked(ctx: HttpContext, link: ReviewLink) {
    return !link.passwordHash || ctx.session.get(unlockedKey(link)) === true
  }

  #name(ctx: HttpContext): string | null {
    const value = ctx.request.cookie(NAME_COOKIE)
    return typeof value === 'string' && value.trim() ? value.trim().slice(0, 80) : null
  }

  #pagePath(ctx: HttpContext) {
    return `/review/${encodeURIComponent(String(ctx.params.token))}`
  }
}
