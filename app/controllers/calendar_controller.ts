import Post from '#models/post'
import type { HttpContext } from '@adonisjs/core/http'
import SocialAccount from '#models/social_account'
import { POST_STATUSES, type PostStatus } from '#models/post'
import plugins from '#services/plugins'
import { calendarPosts } from '#services/calendar/calendar_events'
import { reschedulePost } from '#actions/posts/reschedule_post'
import {
  calendarEventsValidator,
  rangeProblem,
  reschedulePostValidator,
  MAX_RANGE_DAYS,
} from '#validators/calendar'
import CalendarTransformer from '#transformers/calendar_transformer'
import ChannelTransformer from '#transformers/channel_transformer'
import NetworkTransformer from '#transformers/network_transformer'

/** HTTP status of each refused move; the message comes from the calendar catalogue. */
const REFUSALS = {
  not_found: 404,
  forbidden: 403,
  not_movable: 409,
  already_published: 409,
  in_past: 422,
  invalid: 422,
  awaits_client: 409,
} as const

/**
 * The workspace calendar: the page (accounts and networks for the filters), the posts of
 * the visible range as JSON, and drag-to-reschedule.
 */
export default class CalendarController {
  async show({ inertia, workspace, member, bouncer }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    const accounts = await SocialAccount.query()
      .where('workspace_id', workspace.id)
      .whereNot('status', 'disconnected')
      .orderBy('network')
      .orderBy('display_name')
    return inertia.render('calendar/index', {
      accounts: accounts.map((account) => new ChannelTransformer(account).forCalendar()),
      networks: (await plugins.enabled()).map((plugin) =>
        new NetworkTransformer(plugin).toObject()
      ),
      statuses: [...POST_STATUSES],
    })
  }

  /** GET ?start=&end=[&accounts=1,2&networks=x,mastodon&statuses=scheduled] → the range's posts. */
  async events({ request, response, workspace, member, bouncer, auth, i18n }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('view', member)
    const { start, end, accounts, networks, statuses } =
      await request.validateUsing(calendarEventsValidator)
    const problem = rangeProblem(start, end)
    if (problem) {
      return response.unprocessableEntity({
        errors: [
          {
            field: 'end',
            rule: problem,
            message: i18n.t(`calendar.errors.range_${problem}`, { days: MAX_RANGE_DAYS }),
          },
        ],
      })
    }
    const { posts, truncated } = await calendarPosts(workspace.id, start, end, {
      accounts,
      networks,
      statuses: statuses as PostStatus[] | undefined,
    })
    const viewer = { user: auth.user!, member }
    return {
      events: posts.map((post) => new CalendarTransformer(post, viewer, workspace).toObject()),
      truncated,
    }
  }

  /** PATCH {at} → the moved post, or a refusal the calendar shows and reverts on. */
  async reschedule({
    params,
    request,
    response,
    workspace,
    member,
    bouncer,
    auth,
    i18n,
  }: HttpContext) {
    await bouncer.with('PostPolicy').authorize('edit', member)
    // The post is looked up in this workspace before the body is read: a foreign id is a 404, never a validation error.
    if (
      !(await Post.query()
        .where('workspace_id', workspace.id)
        .where('id', Number(params.post) || 0)
        .select('id')
        .first())
    ) {
      return response
        .status(REFUSALS.not_found)
        .send({ error: 'not_found', message: i18n.t('calendar.errors.not_found') })
    }
    const { at } = await request.validateUsing(reschedulePostValidator)
    const result = await reschedulePost({
      workspaceId: workspace.id,
      postId: Number(params.post),
      actor: { user: auth.getUserOrFail(), member },
      at,
    })
    if (result.status !== 'moved') {
      return response
        .status(REFUSALS[result.status])
        .send({ error: result.status, message: i18n.t(`calendar.errors.${result.status}`) })
    }
    return {
      post: {
        id: result.post.id,
        status: result.post.status,
        at: result.post.scheduledAt!.toUTC().toISO(),
      },
    }
  }
}
