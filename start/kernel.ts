import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/request_tracing_middleware'),
  () => import('#middleware/request_metrics_middleware'),
  () => import('#middleware/referrer_policy_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/inertia_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  // Session and shield skip the stateless routes (API, /health): see #middleware/browser_only.
  () => import('#middleware/browser_session_middleware'),
  () => import('#middleware/browser_shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/silent_auth_middleware'),
  () => import('#middleware/detect_locale_middleware'),
  () => import('#middleware/access_log_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  workspace: () => import('#middleware/workspace_middleware'),
  apiToken: () => import('#middleware/api_token_middleware'),
  instanceAdmin: () => import('#middleware/instance_admin_middleware'),
})
