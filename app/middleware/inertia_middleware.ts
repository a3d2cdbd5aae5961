import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import WorkspaceMember from '#models/workspace_member'
import UserTransformer from '#transformers/user_transformer'
import { can } from '#services/roles'
import { mailIsUnsent } from '#services/mail_delivery'
import { pickHomeMembership } from '#services/workspaces/find_home_workspace'
import WorkspaceTransformer from '#transformers/workspace_transformer'
import { workerAlive } from '#services/health/worker_liveness'
import { unreadCount } from '#services/notifications/notification_feed'

/**
 * Props every page receives: the user, the workspace switcher, the current
 * workspace with the user's permissions, flash messages, validation errors and
 * the locale. Runs also for error pages, before auth or session may be set up,
 * hence the optional chaining.
 */
export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    const { session, auth } = ctx as Partial<HttpContext>
    const user = auth?.user
    const memberships = user
      ? await WorkspaceMember.query().where('user_id', user.id).preload('workspace').orderBy('id')
      : []
    // Pages outside a workspace (profile, privacy) keep the sidebar of the user's home workspace.
    const home = ctx.workspace || !user ? null : pickHomeMembership(memberships, user)
    const current =
      ctx.workspace && ctx.member ? { workspace: ctx.workspace, member: ctx.member } : null
    const shown = current ?? (home ? { workspace: home.workspace, member: home } : null)
    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      flash: ctx.inertia.always({
        success: session?.flashMessages.get('success') as string | undefined,
        error: session?.flashMessages.get('error') as string | undefined,
      }),
      locale: ctx.inertia.always(ctx.i18n?.locale ?? 'en'),
      user: ctx.inertia.always(user ? new UserTransformer(user).toObject() : null),
      workspaces: ctx.inertia.always(
        memberships.map((member) => new WorkspaceTransformer(member.workspace, member).toObject())
      ),
      workspace: ctx.inertia.always(
        shown
          ? new WorkspaceTransformer(shown.workspace, shown.member).forLayout(
              ctx.i18n?.locale ?? 'en'
            )
          : null
      ),
      /**
       * Production mail goes nowhere: a banner for those who can act on it, on every page they
       * see (account, workspace list and System included): the instance's admins, and those who
       * run the workspace shown in the sidebar.
       */
      mailUnsent: ctx.inertia.always(
        Boolean(
          user &&
          (user.isInstanceAdmin || (shown && can(shown.member.role, 'manageSettings'))) &&
          mailIsUnsent()
        )
      ),
      // Signed-in pages warn when nothing would publish (the same rule as /health). Always sent,
      // so the pages that poll (a post being published) see a worker die or come back.
      workersDown: ctx.inertia.always(user ? !(await workerAlive()) : false),
      /** The bell's badge; the list itself is fetched when the bell opens. */
      unreadNotifications: ctx.inertia.always(user ? await unreadCount(user.id) : 0),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
}
