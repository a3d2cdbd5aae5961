import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

/**
 * Every route that acts inside a workspace (the workspace middleware or an API token
 * picked it) must ask a policy before doing anything: the controller method calls
 * `bouncer.with(...).authorize|allows|denies`. A new route that forgets fails here.
 * The exceptions are listed with the reason they need no policy.
 */
const EXEMPT: Record<string, string> = {
  'workspace_pages_controller.show': 'redirects to the calendar, shows nothing',
  'members_controller.leave': 'any member may leave; the action refuses the last owner',
}

/** `() => import('#controllers/api/posts_controller')` → app/controllers/api/posts_controller.ts */
function controllerFile(reference: unknown) {
  const match = /#controllers\/([\w/]+)/.exec(String(reference))
  return match ? `app/controllers/${match[1]}.ts` : null
}

/** The text of one method of a controller class, up to the next member. */
function methodBody(source: string, method: string) {
  const start = source.search(new RegExp(`\\n  async ${method}\\(`))
  if (start === -1) return null
  const rest = source.slice(start + 1)
  const next = rest.slice(1).search(/\n {2}(?:async |#|\w+\(|\/\*\*)/)
  return next === -1 ? rest : rest.slice(0, next + 1)
}

test.group('Authorization on every workspace route', () => {
  test('each workspace and API route asks a policy', async ({ assert }) => {
    router.commit()
    const routes = Object.values(router.toJSON()).flat()
    const scoped = routes.filter((route) =>
      route.middleware
        .all()
        .values()
        .some((entry) => ['workspace', 'apiToken'].includes(String(entry.name)))
    )
    assert.isAbove(scoped.length, 40, 'the route list was read')

    const missing: string[] = []
    for (const route of scoped) {
      const handler = route.handler as { reference?: [unknown, string] }
      const [lazy, method] = handler.reference ?? []
      const file = controllerFile(lazy)
      assert.isNotNull(file, `${route.pattern}: handler is a controller`)
      const key = `${file!.replace(/^.*\//, '').replace(/\.ts$/, '')}.${method}`
      if (EXEMPT[key]) continue
      const body = methodBody(await readFile(file!, 'utf8'), method!)
      assert.isNotNull(body, `${key} exists`)
      if (!/bouncer[\s\S]*\.(authorize|allows|denies)\(/.test(body!))
        missing.push(`${route.methods.join(',')} ${route.pattern} → ${key}`)
    }
    assert.deepEqual(missing, [], 'routes without a policy check')
  })
})
