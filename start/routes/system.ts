/** Operational routes: no auth, cheap enough to be polled by a load balancer or an uptime monitor. */
import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')

router.get('/health', [HealthController]).as('health')

const MetricsController = () => import('#controllers/metrics_controller')

/** Prometheus: bearer token (METRICS_TOKEN), 404 while metrics are off. */
router.get('/metrics', [MetricsController]).as('metrics')
