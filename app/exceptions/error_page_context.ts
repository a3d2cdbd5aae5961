import type { HttpContext } from '@adonisjs/core/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import InitializeAuthMiddleware from '@adonisjs/auth/initialize_auth_middleware'
import WorkspaceMember from '#models/workspace_member'
import { findHomeWorkspace } from '#services/workspaces/find_home_workspace'
import SilentAuthMiddleware from '#middleware/silent_auth_middleware'
import DetectLocaleMiddleware from '#middleware/detect_locale_middleware'

/**
 * An unmatched URL never reaches the router middleware, so its error page would
 * not know the session, the user or their language: a signed-in user would be
 * offered to sign in. This runs those middleware (session, auth, silent auth,
 * locale) around the rendering when the router did not, and gives a signed-in
 * user their home workspace so the page can sit in the normal shell.
 */
export async function withErrorPageContext<T>(
  ctx: HttpContext,
  render: () => Promise<T>
): Promise<T> {
  if ((ctx as Partial<HttpContext>).session) return withHomeWorkspace(ctx, render)
  const session = await ctx.containerResolver.make(SessionMiddleware)
  let output: T | undefined
  await session.handle(ctx, () =>
    new InitializeAuthMiddleware().handle(ctx, () =>
      new SilentAuthMiddleware().handle(ctx, () =>
        new DetectLocaleMiddleware().handle(ctx, async () => {
          output = await withHomeWorkspace(ctx, render)
        })
      )
    )
  )
  return output as T
}

/**
 * Read-only: unlike the workspace middleware, this never records the workspace as the user's
 * current one, and it lends the workspace to the shell only while the page renders, so the
 * access log still tells that the request hit no workspace.
 */
async function withHomeWorkspace<T>(ctx: HttpContext, render: () => Promise<T>) {
  if (!ctx.i18n) await new DetectLocaleMiddleware().handle(ctx, async () => {})
  const user = ctx.auth?.user
  if (!user || ctx.workspace) return render()
  const workspace = await findHomeWorkspace(user)
  const member = workspace
    ? await WorkspaceMember.query()
        .where('workspace_id', workspace.id)
        .where('user_id', user.id)
        .first()
    : null
  if (!workspace || !member) return render()
  Object.assign(ctx, { workspace, member })
  try {
    return await render()
  } finally {
    Reflect.deleteProperty(ctx, 'workspace')
    Reflect.deleteProperty(ctx, 'member')
  }
}
