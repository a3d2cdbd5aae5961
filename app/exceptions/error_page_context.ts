import type { HttpContext } from '@adonisjs/core/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import InitializeAuthMiddleware from '@adonisjs/auth/initialize_auth_middleware'
import SilentAuthMiddleware from '#middleware/silent_auth_middleware'
import DetectLocaleMiddleware from '#middleware/detect_locale_middleware'

/**
 * An unmatched URL never reaches the router middleware, so its error page would
 * not know the session, the user or their language: a signed-in user would be
 * offered to sign in. This runs those middleware (session, auth, silent auth,
 * locale) around the rendering when the router did not, so a signed-in user's page
 * sits in the normal shell with their home workspace.
 */
export async function withErrorPageContext<T>(
  ctx: HttpContext,
  render: () => Promise<T>
): Promise<T> {
  if ((ctx as Partial<HttpContext>).session) return withLocale(ctx, render)
  const session = await ctx.containerResolver.make(SessionMiddleware)
  let output: T | undefined
  await session.handle(ctx, () =>
    new InitializeAuthMiddleware().handle(ctx, () =>
      new SilentAuthMiddleware().handle(ctx, () =>
        new DetectLocaleMiddleware().handle(ctx, async () => {
          output = await withLocale(ctx, render)
        })
      )
    )
  )
  return output as T
}

/**
 * The shell's home workspace comes from the Inertia middleware's shared props (as on every
 * page outside a workspace); this only makes sure the language is known.
 */
async function withLocale<T>(ctx: HttpContext, render: () => Promise<T>) {
  if (!ctx.i18n) await new DetectLocaleMiddleware().handle(ctx, async () => {})
  return render()
}
