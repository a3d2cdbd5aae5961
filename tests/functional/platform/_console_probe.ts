/**
 * Boots the app the way an ace command or the queue worker does (environment "console")
 * and prints, as one JSON line, what those processes rely on: a signed media URL built
 * from the named routes, and which HTTP-only bindings were registered.
 */
import { createIgnitor } from '../../../bin/ignite.js'

const app = createIgnitor().createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})
const { signedMediaUrl } = await import('#services/media/signed_url')
console.log(
  JSON.stringify({
    environment: app.getEnvironment(),
    url: signedMediaUrl({ id: 42 }, 'instagram'),
    httpOnlyBindings: ['session', 'limiter.manager', 'inertia'].filter((binding) =>
      app.container.hasBinding(binding)
    ),
  })
)
await app.terminate()
